import type { Kysely } from 'kysely';

import type { DataContext } from './data-context.ts';
import { chunkRows, inTransaction, nowIso } from './data-context.ts';
import type { DatabaseSchema } from './schema.ts';
import { readOptionalTimestamp } from './sql-dialect.ts';

/** Identity of a client in a record: an E.164 phone, a CRM contact id, or both. */
export interface ClientIdentity {
  phone: string | null;
  crmId: string | null;
}

export interface Client {
  id: number;
  phone: string | null;
  crmId: string | null;
}

/** One contact in a client's history: an analysed call or a call-log record without one. */
export interface ClientContact {
  kind: 'call' | 'call_log';
  /** Call id for `call`, record id for `call_log`. */
  id: string;
  /** UTC instant, by which contacts are ordered. */
  startedAt: string | null;
  /** The start as the call page shows it: an analysed call's `CallInfo.startedAt`, a record's instant. */
  startedAtSource: string | null;
  direction: string | null;
  /** Call-log status (`answered`, `missed` …); null for an analysed call. */
  status: string | null;
  managerId: number | null;
  managerName: string | null;
  teamId: number | null;
  durationSec: number | null;
  score: number | null;
  /** For a call-log record linked to an analysed call, that call's id. */
  callId: string | null;
}

/** An analysed call tied to a client. */
export interface ClientCall {
  callId: string;
  clientId: number;
  /** UTC instant. */
  startedAt: string;
  dateOnly: boolean;
  direction: 'inbound' | 'outbound' | null;
  managerId: number | null;
  teamId: number | null;
  durationSec: number | null;
}

export function identityKey(identity: ClientIdentity): string {
  return JSON.stringify([identity.phone, identity.crmId]);
}

/**
 * Clients found or created by phone and CRM id. A record with both joins them: a client first known by
 * phone gets the CRM id, and the other way round. When the phone and the id already belong to two
 * different clients, the phone wins and the two stay apart.
 */
export class ClientRepository {
  constructor(private readonly context: DataContext) {}

  /** Finds or creates the client of each identity; returns client ids by `identityKey`. Identities with neither field are skipped. */
  async resolveClients(identities: readonly ClientIdentity[]): Promise<Map<string, number>> {
    const wanted = identities.filter((identity) => identity.phone !== null || identity.crmId !== null);
    if (wanted.length === 0) {
      return new Map();
    }
    return inTransaction(this.context.db, (trx) => this.resolve(trx, wanted));
  }

  async getClient(id: number): Promise<Client | undefined> {
    const row = await this.context.db.selectFrom('clients').select(['id', 'phone', 'crm_id']).where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : { id: row.id, phone: row.phone, crmId: row.crm_id };
  }

  /** Clients by id; ids with no client are left out. */
  async listClients(ids: readonly number[]): Promise<Client[]> {
    const clients: Client[] = [];
    for (const chunk of chunkRows([...new Set(ids)], 1)) {
      const rows = await this.context.db.selectFrom('clients').select(['id', 'phone', 'crm_id']).where('id', 'in', chunk).execute();
      clients.push(...rows.map((row) => ({ id: row.id, phone: row.phone, crmId: row.crm_id })));
    }
    return clients;
  }

  async findByPhone(phone: string): Promise<Client | undefined> {
    const row = await this.context.db.selectFrom('clients').select(['id', 'phone', 'crm_id']).where('phone', '=', phone).executeTakeFirst();
    return row === undefined ? undefined : { id: row.id, phone: row.phone, crmId: row.crm_id };
  }

  /** Records which client each analysed call was with; a later link replaces an earlier one. */
  async linkCalls(links: readonly { callId: string; clientId: number; linkedBy: 'call' | 'call_log' }[]): Promise<void> {
    const rows = links.map((link) => ({ call_id: link.callId, client_id: link.clientId, linked_by: link.linkedBy }));
    for (const chunk of chunkRows(rows, 3)) {
      await this.context.db
        .insertInto('call_clients')
        .values(chunk)
        .onConflict((conflict) =>
          conflict.column('call_id').doUpdateSet((eb) => ({ client_id: eb.ref('excluded.client_id'), linked_by: eb.ref('excluded.linked_by') })),
        )
        .execute();
    }
  }

  /** Lists analysed calls that carry a client phone but are not yet tied to a client; with `callIds`, only those. */
  async listUnlinkedCallPhones(callIds?: readonly string[]): Promise<{ callId: string; phone: string }[]> {
    const select = () =>
      this.context.db
        .selectFrom('calls')
        .leftJoin('call_clients', 'call_clients.call_id', 'calls.id')
        .select(['calls.id', 'calls.client_phone'])
        .where('calls.client_phone', 'is not', null)
        .where('call_clients.call_id', 'is', null);
    const rows = callIds === undefined ? await select().execute() : [];
    for (const chunk of callIds === undefined ? [] : chunkRows([...new Set(callIds)], 1)) {
      rows.push(...(await select().where('calls.id', 'in', chunk).execute()));
    }
    return rows.flatMap((row) => (row.client_phone === null ? [] : [{ callId: row.id, phone: row.client_phone }]));
  }

  /** Analysed calls of these clients, with who made them, oldest first. */
  async listClientCalls(clientIds?: readonly number[]): Promise<ClientCall[]> {
    const select = () =>
      this.context.db
        .selectFrom('call_clients')
        .innerJoin('calls', 'calls.id', 'call_clients.call_id')
        .select(['calls.id', 'call_clients.client_id', 'calls.started_at', 'calls.started_at_source', 'calls.direction', 'calls.manager_id', 'calls.team_id', 'calls.duration_sec'])
        .where('calls.started_at', 'is not', null);
    const rows = clientIds === undefined ? await select().execute() : [];
    for (const chunk of clientIds === undefined ? [] : chunkRows([...new Set(clientIds)], 1)) {
      rows.push(...(await select().where('call_clients.client_id', 'in', chunk).execute()));
    }
    return rows
      .map((row) => ({
        callId: row.id,
        clientId: row.client_id,
        startedAt: readOptionalTimestamp(row.started_at) ?? '',
        dateOnly: row.started_at_source !== null && /^\d{4}-\d{2}-\d{2}$/.test(row.started_at_source),
        direction: row.direction as 'inbound' | 'outbound' | null,
        managerId: row.manager_id,
        teamId: row.team_id,
        durationSec: row.duration_sec,
      }))
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.callId.localeCompare(b.callId));
  }

  async clientOfCall(callId: string): Promise<Client | undefined> {
    const row = await this.context.db
      .selectFrom('call_clients')
      .innerJoin('clients', 'clients.id', 'call_clients.client_id')
      .select(['clients.id', 'clients.phone', 'clients.crm_id'])
      .where('call_clients.call_id', '=', callId)
      .executeTakeFirst();
    return row === undefined ? undefined : { id: row.id, phone: row.phone, crmId: row.crm_id };
  }

  /**
   * Lists the client's analysed calls and the call-log records not linked to one, oldest first. A
   * record linked to an analysed call is shown once, as that call.
   */
  async listContacts(clientId: number): Promise<ClientContact[]> {
    const { db } = this.context;
    const calls = await db
      .selectFrom('call_clients')
      .innerJoin('calls', 'calls.id', 'call_clients.call_id')
      .leftJoin('managers', 'managers.id', 'calls.manager_id')
      .select(['calls.id', 'calls.started_at', 'calls.started_at_source', 'calls.direction', 'calls.manager_id', 'managers.name as manager_name', 'calls.team_id', 'calls.duration_sec', 'calls.score'])
      .where('call_clients.client_id', '=', clientId)
      .execute();
    const records = await db
      .selectFrom('call_log_records')
      .leftJoin('managers', 'managers.id', 'call_log_records.manager_id')
      .select([
        'call_log_records.id',
        'call_log_records.started_at',
        'call_log_records.direction',
        'call_log_records.status',
        'call_log_records.manager_id',
        'call_log_records.manager_name',
        'call_log_records.team_id',
        'managers.name as stored_manager_name',
        'call_log_records.duration_sec',
        'call_log_records.call_id',
      ])
      .where('call_log_records.client_id', '=', clientId)
      .execute();

    const linkedCalls = new Set(calls.map((call) => call.id));
    const contacts: ClientContact[] = calls.map((call) => ({
      kind: 'call',
      id: call.id,
      startedAt: readOptionalTimestamp(call.started_at),
      startedAtSource: call.started_at_source,
      direction: call.direction,
      status: null,
      managerId: call.manager_id,
      managerName: call.manager_name,
      teamId: call.team_id,
      durationSec: call.duration_sec,
      score: call.score,
      callId: call.id,
    }));
    for (const record of records) {
      if (record.call_id !== null && linkedCalls.has(record.call_id)) {
        continue;
      }
      contacts.push({
        kind: 'call_log',
        id: String(record.id),
        startedAt: readOptionalTimestamp(record.started_at),
        startedAtSource: readOptionalTimestamp(record.started_at),
        direction: record.direction,
        status: record.status,
        managerId: record.manager_id,
        managerName: record.stored_manager_name ?? record.manager_name,
        teamId: record.team_id,
        durationSec: record.duration_sec,
        score: null,
        callId: record.call_id,
      });
    }
    return contacts.sort((a, b) => compareTimes(a.startedAt, b.startedAt) || a.id.localeCompare(b.id));
  }

  private async resolve(trx: Kysely<DatabaseSchema>, identities: readonly ClientIdentity[]): Promise<Map<string, number>> {
    const clients = await this.loadMatching(trx, identities);
    const byPhone = new Map<string, MutableClient>();
    const byCrmId = new Map<string, MutableClient>();
    const index = (client: MutableClient) => {
      if (client.phone !== null) byPhone.set(client.phone, client);
      if (client.crmId !== null) byCrmId.set(client.crmId, client);
    };
    clients.forEach(index);

    const resolved = new Map<string, MutableClient>();
    for (const identity of identities) {
      const withPhone = identity.phone === null ? undefined : byPhone.get(identity.phone);
      const withCrmId = identity.crmId === null ? undefined : byCrmId.get(identity.crmId);
      let client = withPhone ?? withCrmId;
      if (client === undefined) {
        client = { id: null, phone: identity.phone, crmId: identity.crmId, changed: true };
      } else if (withPhone === undefined && identity.phone !== null && client.phone === null) {
        client.phone = identity.phone;
        client.changed = true;
      } else if (withCrmId === undefined && identity.crmId !== null && client.crmId === null) {
        client.crmId = identity.crmId;
        client.changed = true;
      }
      index(client);
      resolved.set(identityKey(identity), client);
    }

    await this.write(trx, [...new Set(resolved.values())]);
    const ids = new Map<string, number>();
    for (const [key, client] of resolved) {
      if (client.id !== null) ids.set(key, client.id);
    }
    return ids;
  }

  private async loadMatching(trx: Kysely<DatabaseSchema>, identities: readonly ClientIdentity[]): Promise<MutableClient[]> {
    const phones = [...new Set(identities.flatMap((identity) => identity.phone ?? []))];
    const crmIds = [...new Set(identities.flatMap((identity) => identity.crmId ?? []))];
    const found = new Map<number, MutableClient>();
    const add = (rows: { id: number; phone: string | null; crm_id: string | null }[]) => {
      for (const row of rows) found.set(row.id, { id: row.id, phone: row.phone, crmId: row.crm_id, changed: false });
    };
    for (const chunk of chunkRows(phones, 1)) {
      add(await trx.selectFrom('clients').select(['id', 'phone', 'crm_id']).where('phone', 'in', chunk).execute());
    }
    for (const chunk of chunkRows(crmIds, 1)) {
      add(await trx.selectFrom('clients').select(['id', 'phone', 'crm_id']).where('crm_id', 'in', chunk).execute());
    }
    return [...found.values()];
  }

  private async write(trx: Kysely<DatabaseSchema>, clients: readonly MutableClient[]): Promise<void> {
    const now = nowIso();
    for (const client of clients) {
      if (client.id !== null && client.changed) {
        await trx.updateTable('clients').set({ phone: client.phone, crm_id: client.crmId, updated_at: now }).where('id', '=', client.id).execute();
      }
    }
    const created = clients.filter((client) => client.id === null);
    const rows = created.map((client) => ({ phone: client.phone, crm_id: client.crmId, created_at: now, updated_at: now }));
    // Every new client has a phone or a CRM id that no other client has, so returned rows are matched by them.
    const byKey = new Map(created.map((client) => [identityKey(client), client]));
    for (const chunk of chunkRows(rows, 4)) {
      const returned = await trx.insertInto('clients').values(chunk).returning(['id', 'phone', 'crm_id']).execute();
      for (const row of returned) {
        const client = byKey.get(identityKey({ phone: row.phone, crmId: row.crm_id }));
        if (client !== undefined) client.id = row.id;
      }
    }
  }
}

interface MutableClient {
  id: number | null;
  phone: string | null;
  crmId: string | null;
  changed: boolean;
}

function compareTimes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return Date.parse(a) - Date.parse(b);
}
