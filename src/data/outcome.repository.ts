import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

import type { Deal, NpsAnswer } from '../importers/outcomes/index.ts';
import { type ClientIdentity, ClientRepository, identityKey } from './client.repository.ts';
import type { DataContext } from './data-context.ts';
import { chunkRows, inTransaction, nowIso } from './data-context.ts';
import { ManagerRepository } from './manager.repository.ts';
import { cleanName, nameKey } from './name-key.ts';
import type { DatabaseSchema } from './schema.ts';
import { readBool, readOptionalTimestamp, readTimestamp } from './sql-dialect.ts';
import { toInstant } from './time.ts';

export type CrmEventType = 'email' | 'message' | 'task' | 'meeting' | 'visit' | 'call' | 'other';

/** A contact recorded in the CRM: a letter sent, a task done, a meeting held. */
export interface CrmEvent {
  /** ISO 8601 with offset. */
  occurredAt: string;
  type: CrmEventType;
  clientPhone: string | null;
  clientId: string | null;
  manager: string | null;
  description: string | null;
  row: number;
}

export interface StoredNpsAnswer {
  id: number;
  score: number;
  category: 'promoter' | 'passive' | 'detractor';
  comment: string | null;
  /** UTC instant; a date-only answer is placed at the end of its day. */
  answeredAt: string;
  dateOnly: boolean;
  clientId: number | null;
}

export interface StoredDeal {
  id: number;
  externalId: string | null;
  /** UTC instant; a date-only deal is placed at the end of its day. */
  date: string;
  dateOnly: boolean;
  amount: number | null;
  currency: string | null;
  status: 'won' | 'lost' | 'open' | null;
  clientId: number | null;
  managerId: number | null;
}

export interface StoredCrmEvent {
  id: number;
  occurredAt: string;
  type: CrmEventType;
  clientId: number | null;
  managerId: number | null;
  managerName: string | null;
  description: string | null;
}

export interface SaveOutcomesResult {
  inserted: number;
  updated: number;
}

/**
 * NPS answers, deals and CRM events, each tied to a client by phone or CRM id. Importing the same file
 * again changes nothing: answers and events are keyed by their content, deals by the CRM's deal id (or
 * by their content when there is none), and a deal imported again takes the new status and amount.
 */
export class OutcomeRepository {
  constructor(private readonly context: DataContext) {}

  async saveNpsAnswers(answers: readonly NpsAnswer[], fileName: string | null): Promise<SaveOutcomesResult> {
    if (answers.length === 0) return { inserted: 0, updated: 0 };
    return inTransaction(this.context.db, async (trx) => {
      const clients = await this.resolveClients(trx, answers);
      const now = nowIso();
      const rows = answers.map((answer) => ({
        answer_key: hashOf([answer.answeredAt, answer.clientPhone, answer.clientId, answer.score, answer.comment]),
        score: answer.score,
        category: answer.category,
        comment: answer.comment,
        answered_at: this.endOfDayInstant(answer.answeredAt),
        date_only: this.context.dialect.bool(isBareDate(answer.answeredAt)),
        client_id: clients.get(identityKey({ phone: answer.clientPhone, crmId: answer.clientId })) ?? null,
        client_phone: answer.clientPhone,
        client_crm_id: answer.clientId,
        file_name: fileName,
        row: answer.row,
        imported_at: now,
      }));
      return this.insertNew(trx, 'nps_answers', 'answer_key', rows);
    });
  }

  async saveDeals(deals: readonly Deal[], fileName: string | null): Promise<SaveOutcomesResult> {
    if (deals.length === 0) return { inserted: 0, updated: 0 };
    return inTransaction(this.context.db, async (trx) => {
      const clients = await this.resolveClients(trx, deals);
      const managerIds = await this.resolveManagers(trx, deals.map((deal) => deal.manager));
      const now = nowIso();
      const byKey = new Map<string, ReturnType<typeof dealRow>>();
      const dealRow = (deal: Deal) => {
        const manager = cleanName(deal.manager);
        return {
          deal_key: deal.externalId === null ? hashOf([deal.date, deal.clientPhone, deal.clientId, deal.amount, deal.sourceStatus]) : `id:${deal.externalId}`,
          external_id: deal.externalId,
          deal_date: this.endOfDayInstant(deal.date),
          date_only: this.context.dialect.bool(isBareDate(deal.date)),
          amount: deal.amount,
          currency: deal.currency,
          status: deal.status,
          source_status: deal.sourceStatus,
          client_id: clients.get(identityKey({ phone: deal.clientPhone, crmId: deal.clientId })) ?? null,
          client_phone: deal.clientPhone,
          client_crm_id: deal.clientId,
          manager_name: manager,
          manager_id: manager === null ? null : (managerIds.get(nameKey(manager)) ?? null),
          file_name: fileName,
          row: deal.row,
          imported_at: now,
          updated_at: now,
        };
      };
      for (const deal of deals) {
        const row = dealRow(deal);
        byKey.set(row.deal_key, row);
      }
      const rows = [...byKey.values()];
      const existing = await this.existingKeys(trx, 'deals', 'deal_key', rows.map((row) => row.deal_key));
      for (const chunk of chunkRows(rows, 17)) {
        await trx
          .insertInto('deals')
          .values(chunk)
          .onConflict((conflict) =>
            conflict.column('deal_key').doUpdateSet((eb) => ({
              deal_date: eb.ref('excluded.deal_date'),
              date_only: eb.ref('excluded.date_only'),
              amount: eb.ref('excluded.amount'),
              currency: eb.ref('excluded.currency'),
              status: eb.ref('excluded.status'),
              source_status: eb.ref('excluded.source_status'),
              client_id: eb.ref('excluded.client_id'),
              client_phone: eb.ref('excluded.client_phone'),
              client_crm_id: eb.ref('excluded.client_crm_id'),
              manager_name: eb.ref('excluded.manager_name'),
              manager_id: eb.ref('excluded.manager_id'),
              file_name: eb.ref('excluded.file_name'),
              row: eb.ref('excluded.row'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      return { inserted: rows.length - existing.size, updated: existing.size };
    });
  }

  async saveCrmEvents(events: readonly CrmEvent[], fileName: string | null): Promise<SaveOutcomesResult> {
    if (events.length === 0) return { inserted: 0, updated: 0 };
    return inTransaction(this.context.db, async (trx) => {
      const clients = await this.resolveClients(trx, events);
      const managerIds = await this.resolveManagers(trx, events.map((event) => event.manager));
      const now = nowIso();
      const rows = events.map((event) => {
        const manager = cleanName(event.manager);
        return {
          event_key: hashOf([event.occurredAt, event.type, event.clientPhone, event.clientId, manager, event.description]),
          occurred_at: toInstant(event.occurredAt, this.context.timeZone) ?? event.occurredAt,
          type: event.type,
          client_id: clients.get(identityKey({ phone: event.clientPhone, crmId: event.clientId })) ?? null,
          client_phone: event.clientPhone,
          client_crm_id: event.clientId,
          manager_id: manager === null ? null : (managerIds.get(nameKey(manager)) ?? null),
          manager_name: manager,
          description: event.description,
          file_name: fileName,
          row: event.row,
          imported_at: now,
        };
      });
      return this.insertNew(trx, 'crm_events', 'event_key', rows);
    });
  }

  async listNpsAnswers(): Promise<StoredNpsAnswer[]> {
    const rows = await this.context.db.selectFrom('nps_answers').selectAll().orderBy('answered_at').orderBy('id').execute();
    return rows.map((row) => ({
      id: row.id,
      score: row.score,
      category: row.category as StoredNpsAnswer['category'],
      comment: row.comment,
      answeredAt: readTimestamp(row.answered_at),
      dateOnly: readBool(row.date_only) ?? false,
      clientId: row.client_id,
    }));
  }

  async listDeals(): Promise<StoredDeal[]> {
    const rows = await this.context.db.selectFrom('deals').selectAll().orderBy('deal_date').orderBy('id').execute();
    return rows.map((row) => ({
      id: row.id,
      externalId: row.external_id,
      date: readTimestamp(row.deal_date),
      dateOnly: readBool(row.date_only) ?? false,
      amount: row.amount,
      currency: row.currency,
      status: row.status as StoredDeal['status'],
      clientId: row.client_id,
      managerId: row.manager_id,
    }));
  }

  /** Lists CRM events of these clients (all when none are given), oldest first. */
  async listCrmEvents(clientIds?: readonly number[]): Promise<StoredCrmEvent[]> {
    const select = () => this.context.db.selectFrom('crm_events').selectAll();
    const rows = clientIds === undefined ? await select().execute() : [];
    for (const chunk of clientIds === undefined ? [] : chunkRows([...new Set(clientIds)], 1)) {
      rows.push(...(await select().where('client_id', 'in', chunk).execute()));
    }
    return rows
      .map((row) => ({
        id: row.id,
        occurredAt: readTimestamp(row.occurred_at),
        type: row.type as CrmEventType,
        clientId: row.client_id,
        managerId: row.manager_id,
        managerName: row.manager_name,
        description: row.description,
      }))
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id - b.id);
  }

  /** Returns the earliest and latest CRM event times (the span the CRM log covers), or null when none is stored. */
  async crmEventSpan(): Promise<{ from: string; to: string } | null> {
    const row = await this.context.db
      .selectFrom('crm_events')
      .select((eb) => [eb.fn.min('occurred_at').as('first'), eb.fn.max('occurred_at').as('last')])
      .executeTakeFirst();
    const from = readOptionalTimestamp(row?.first ?? null);
    const to = readOptionalTimestamp(row?.last ?? null);
    return from === null || to === null ? null : { from, to };
  }

  /**
   * Lists the finding kinds and failed criteria of every evaluated call, as reviewers left them. These
   * are the features the driver analysis relates to outcomes.
   */
  async listCallFeatures(): Promise<Map<string, { findings: string[]; failedCriteria: string[] }>> {
    const features = new Map<string, { findings: string[]; failedCriteria: string[] }>();
    const entry = (callId: string) => {
      let found = features.get(callId);
      if (found === undefined) {
        found = { findings: [], failedCriteria: [] };
        features.set(callId, found);
      }
      return found;
    };
    const evaluated = await this.context.db.selectFrom('calls').select('id').where('evaluated_at', 'is not', null).where('score', 'is not', null).execute();
    for (const row of evaluated) entry(row.id);
    const findings = await this.context.db.selectFrom('findings').select(['call_id', 'kind']).distinct().execute();
    for (const row of findings) entry(row.call_id).findings.push(row.kind);
    const failed = await this.context.db.selectFrom('evaluation_criteria').select(['call_id', 'criterion_id']).where('result', '=', 'failed').execute();
    for (const row of failed) entry(row.call_id).failedCriteria.push(row.criterion_id);
    return features;
  }

  private async resolveClients(trx: Kysely<DatabaseSchema>, items: readonly { clientPhone: string | null; clientId: string | null }[]) {
    const identities: ClientIdentity[] = items.map((item) => ({ phone: item.clientPhone, crmId: item.clientId }));
    return new ClientRepository({ ...this.context, db: trx }).resolveClients(identities);
  }

  private async resolveManagers(trx: Kysely<DatabaseSchema>, names: readonly (string | null)[]) {
    const cleaned = names.flatMap((name) => cleanName(name) ?? []);
    return new ManagerRepository({ ...this.context, db: trx }).upsertManagers(cleaned.map((name) => ({ name, team: null, supervisor: null, position: null })));
  }

  /** Inserts rows whose key is new; a row with a stored key is the same content again and is left alone. */
  private async insertNew<T extends 'nps_answers' | 'crm_events'>(
    trx: Kysely<DatabaseSchema>,
    table: T,
    keyColumn: T extends 'nps_answers' ? 'answer_key' : 'event_key',
    rows: readonly Record<string, unknown>[],
  ): Promise<SaveOutcomesResult> {
    const unique = [...new Map(rows.map((row) => [row[keyColumn] as string, row])).values()];
    const existing = await this.existingKeys(trx, table, keyColumn, unique.map((row) => row[keyColumn] as string));
    const fresh = unique.filter((row) => !existing.has(row[keyColumn] as string));
    const width = Object.keys(fresh[0] ?? {}).length || 1;
    for (const chunk of chunkRows(fresh, width)) {
      // The rows were built for this table by the callers above; kysely cannot check a generic table name.
      await trx.insertInto(table).values(chunk as never).onConflict((conflict) => conflict.column(keyColumn as never).doNothing()).execute();
    }
    return { inserted: fresh.length, updated: 0 };
  }

  private async existingKeys(trx: Kysely<DatabaseSchema>, table: 'nps_answers' | 'crm_events' | 'deals', keyColumn: string, keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunkRows([...new Set(keys)], 1)) {
      const query = sql<{ key: string }>`select ${sql.ref(keyColumn)} as key from ${sql.table(table)} where ${sql.ref(keyColumn)} in (${sql.join(chunk)})`;
      const result = await query.execute(trx);
      for (const row of result.rows) found.add(row.key);
    }
    return found;
  }

  /** Converts a value to a UTC instant, placing a bare date at the end of its day so that everything on that date counts as before it. */
  private endOfDayInstant(value: string): string {
    const text = isBareDate(value) ? `${value}T23:59:59.999` : value;
    return toInstant(text, this.context.timeZone) ?? value;
  }
}

function isBareDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

function hashOf(fields: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}
