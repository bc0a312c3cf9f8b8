import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';

import type { CallLogRecord } from '../importers/call-log/index.ts';
import { type ClientIdentity, ClientRepository, identityKey } from './client.repository.ts';
import type { DataContext } from './data-context.ts';
import { chunkRows, inTransaction, nowIso } from './data-context.ts';
import { ManagerRepository } from './manager.repository.ts';
import { cleanName, nameKey } from './name-key.ts';
import type { CallLogRecordTable, DatabaseSchema } from './schema.ts';
import { readBool, readOptionalTimestamp, readTimestamp } from './sql-dialect.ts';
import { toInstant } from './time.ts';

/** A record to store, with who is responsible for it as resolved by the import settings. */
export interface CallLogRecordToSave {
  record: CallLogRecord;
  fileName: string | null;
  /** The manager's name: the record's own, or the one its extension maps to; null when unknown. */
  managerName: string | null;
  /** The team of the record's queue or line, when the settings map it to one. */
  queueTeam: string | null;
}

export interface SaveCallLogResult {
  inserted: number;
  updated: number;
  /** Ids of the stored records, in the order given. */
  ids: number[];
}

/** A stored call-log record. */
export interface StoredCallLogRecord {
  id: number;
  source: string;
  externalId: string | null;
  /** UTC instant. */
  startedAt: string;
  direction: 'inbound' | 'outbound' | 'internal';
  status: string;
  answered: boolean;
  managerId: number | null;
  managerName: string | null;
  managerExtension: string | null;
  teamId: number | null;
  clientId: number | null;
  clientPhone: string | null;
  waitSec: number | null;
  durationSec: number | null;
  talkSec: number | null;
  recordingUrl: string | null;
  recordingFile: string | null;
  fileName: string | null;
  row: number;
  callId: string | null;
  linkMethod: 'external_id' | 'recording' | 'time' | null;
}

/** An analysed call as seen by the linking of call-log records. */
export interface LinkCandidateCall {
  id: string;
  externalId: string | null;
  source: string;
  audioPath: string | null;
  /** UTC instant, or null when the call has no start time. */
  startedAt: string | null;
  /** True when the source gave only a date, so the time cannot be compared. */
  dateOnly: boolean;
  durationSec: number | null;
  direction: string | null;
  managerId: number | null;
  clientPhone: string | null;
}

export interface CallLogLink {
  recordId: number;
  callId: string;
  method: 'external_id' | 'recording' | 'time';
}

/**
 * Call-log records from PBX and CRM exports. A record is one per source and call id (or per hash of its
 * fields when the source gives no id), so importing the same file again updates the records.
 */
export class CallLogRepository {
  constructor(private readonly context: DataContext) {}

  /** Inserts new records and updates known ones, with their managers, teams and clients, in one transaction. */
  async saveRecords(items: readonly CallLogRecordToSave[]): Promise<SaveCallLogResult> {
    if (items.length === 0) {
      return { inserted: 0, updated: 0, ids: [] };
    }
    return inTransaction(this.context.db, (trx) => this.write(trx, items));
  }

  /** Records that started in [from, to), oldest first; both bounds are ISO instants. */
  async listRecords(range: { from?: string; to?: string } = {}): Promise<StoredCallLogRecord[]> {
    let query = this.context.db.selectFrom('call_log_records').selectAll();
    if (range.from !== undefined) query = query.where('started_at', '>=', this.instant(range.from));
    if (range.to !== undefined) query = query.where('started_at', '<', this.instant(range.to));
    const rows = await query.orderBy('started_at').orderBy('id').execute();
    return rows.map(toStoredRecord);
  }

  async listByIds(ids: readonly number[]): Promise<StoredCallLogRecord[]> {
    const records: StoredCallLogRecord[] = [];
    for (const chunk of chunkRows(ids, 1)) {
      const rows = await this.context.db.selectFrom('call_log_records').selectAll().where('id', 'in', chunk).execute();
      records.push(...rows.map(toStoredRecord));
    }
    return records.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id - b.id);
  }

  /** Records of these clients' phones, oldest first. */
  async listForPhones(phones: readonly string[]): Promise<StoredCallLogRecord[]> {
    const records: StoredCallLogRecord[] = [];
    for (const chunk of chunkRows([...new Set(phones)], 1)) {
      const rows = await this.context.db.selectFrom('call_log_records').selectAll().where('client_phone', 'in', chunk).execute();
      records.push(...rows.map(toStoredRecord));
    }
    return records.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id - b.id);
  }

  /** Records of these clients, oldest first. */
  async listForClients(clientIds: readonly number[]): Promise<StoredCallLogRecord[]> {
    const records: StoredCallLogRecord[] = [];
    for (const chunk of chunkRows([...new Set(clientIds)], 1)) {
      const rows = await this.context.db.selectFrom('call_log_records').selectAll().where('client_id', 'in', chunk).execute();
      records.push(...rows.map(toStoredRecord));
    }
    return records.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id - b.id);
  }

  /** Records not yet linked to an analysed call. */
  async listUnlinked(): Promise<StoredCallLogRecord[]> {
    const rows = await this.context.db.selectFrom('call_log_records').selectAll().where('call_id', 'is', null).orderBy('started_at').orderBy('id').execute();
    return rows.map(toStoredRecord);
  }

  /** Links records to analysed calls. A record already linked keeps its link. */
  async setLinks(links: readonly CallLogLink[]): Promise<number> {
    let count = 0;
    await inTransaction(this.context.db, async (trx) => {
      for (const link of links) {
        const result = await trx
          .updateTable('call_log_records')
          .set({ call_id: link.callId, link_method: link.method })
          .where('id', '=', link.recordId)
          .where('call_id', 'is', null)
          .executeTakeFirst();
        count += Number(result.numUpdatedRows);
      }
    });
    return count;
  }

  /**
   * Analysed calls that records may link to: those that started in [from, to), those without a start
   * time, and those with one of `externalIds`. Calls already linked to a record are left out.
   */
  async listLinkCandidates(range: { from: string; to: string }, externalIds: readonly string[]): Promise<LinkCandidateCall[]> {
    const { db } = this.context;
    const select = () =>
      db
        .selectFrom('calls')
        .select(['id', 'external_id', 'source', 'audio_path', 'started_at', 'started_at_source', 'duration_sec', 'direction', 'manager_id', 'client_phone'])
        .where((eb) => eb.not(eb.exists(eb.selectFrom('call_log_records').select('call_log_records.id').whereRef('call_log_records.call_id', '=', 'calls.id'))));
    const rows = await select()
      .where((eb) => eb.or([eb.and([eb('started_at', '>=', this.instant(range.from)), eb('started_at', '<', this.instant(range.to))]), eb('started_at', 'is', null)]))
      .execute();
    for (const chunk of chunkRows([...new Set(externalIds)], 1)) {
      rows.push(...(await select().where('external_id', 'in', chunk).execute()));
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    return [...byId.values()].map((row) => ({
      id: row.id,
      externalId: row.external_id,
      source: row.source,
      audioPath: row.audio_path,
      startedAt: readOptionalTimestamp(row.started_at),
      dateOnly: row.started_at_source !== null && /^\d{4}-\d{2}-\d{2}$/.test(row.started_at_source),
      durationSec: row.duration_sec,
      direction: row.direction,
      managerId: row.manager_id,
      clientPhone: row.client_phone,
    }));
  }

  /** Records linked to an analysed call that is not yet tied to a client, while the record names one. */
  async listLinkedWithoutClientCall(): Promise<StoredCallLogRecord[]> {
    const rows = await this.context.db
      .selectFrom('call_log_records')
      .leftJoin('call_clients', 'call_clients.call_id', 'call_log_records.call_id')
      .selectAll('call_log_records')
      .where('call_log_records.call_id', 'is not', null)
      .where('call_log_records.client_id', 'is not', null)
      .where('call_clients.call_id', 'is', null)
      .execute();
    return rows.map(toStoredRecord);
  }

  /** Answered records with a recording that no analysed call is linked to, oldest first. */
  async listUnanalysedRecordings(): Promise<StoredCallLogRecord[]> {
    const rows = await this.context.db
      .selectFrom('call_log_records')
      .selectAll()
      .where('call_id', 'is', null)
      .where('answered', '=', this.context.dialect.bool(true))
      .where((eb) => eb.or([eb('recording_url', 'is not', null), eb('recording_file', 'is not', null)]))
      .orderBy('started_at')
      .orderBy('id')
      .execute();
    return rows.map(toStoredRecord);
  }

  /** Returns the earliest and latest record times, or null when no record is stored. */
  async timeSpan(): Promise<{ from: string; to: string } | null> {
    const row = await this.context.db
      .selectFrom('call_log_records')
      .select((eb) => [eb.fn.min('started_at').as('first'), eb.fn.max('started_at').as('last')])
      .executeTakeFirst();
    const from = readOptionalTimestamp(row?.first ?? null);
    const to = readOptionalTimestamp(row?.last ?? null);
    return from === null || to === null ? null : { from, to };
  }

  private instant(value: string): string {
    return toInstant(value, this.context.timeZone) ?? value;
  }

  private async write(trx: Kysely<DatabaseSchema>, items: readonly CallLogRecordToSave[]): Promise<SaveCallLogResult> {
    const context = { ...this.context, db: trx };
    const managers = new ManagerRepository(context);
    const names = items.flatMap((item) => cleanName(item.managerName) ?? []);
    const managerIds = await managers.upsertManagers(names.map((name) => ({ name, team: null, supervisor: null, position: null })));
    const teamIds = await managers.upsertTeams(items.map((item) => item.queueTeam));
    const managerTeams = await this.teamsOfManagers(trx, [...managerIds.values()]);

    const identities: ClientIdentity[] = items.flatMap((item) => (item.record.clientPhone === null ? [] : [{ phone: item.record.clientPhone, crmId: null }]));
    const clientIds = await new ClientRepository(context).resolveClients(identities);

    const now = nowIso();
    const rows = items.map((item) => {
      const { record } = item;
      const managerName = cleanName(item.managerName);
      const managerId = managerName === null ? null : (managerIds.get(nameKey(managerName)) ?? null);
      const queueTeam = cleanName(item.queueTeam);
      const managerTeam = managerId === null ? undefined : managerTeams.get(managerId);
      const teamId = managerTeam ?? (queueTeam === null ? null : (teamIds.get(nameKey(queueTeam)) ?? null));
      return {
        source: record.source,
        record_key: recordKey(record),
        external_id: record.externalId,
        started_at: toInstant(record.startedAt, this.context.timeZone) ?? record.startedAt,
        direction: record.direction,
        status: record.status,
        answered: this.context.dialect.bool(record.answered),
        manager_id: managerId,
        manager_name: managerName,
        manager_extension: record.managerExtension,
        team_id: teamId,
        client_id: record.clientPhone === null ? null : (clientIds.get(identityKey({ phone: record.clientPhone, crmId: null })) ?? null),
        client_phone: record.clientPhone,
        wait_sec: record.waitSec,
        duration_sec: record.durationSec,
        talk_sec: record.talkSec,
        recording_url: record.recordingUrl,
        recording_file: record.recordingFile,
        source_status: record.sourceStatus,
        file_name: item.fileName,
        row: record.row,
        imported_at: now,
        updated_at: now,
      };
    });

    // One statement may not update a row twice (PostgreSQL rejects it), so a key repeated in the batch keeps its last row.
    const keys = rows.map((row) => JSON.stringify([row.source, row.record_key]));
    const unique = [...new Map(rows.map((row, index) => [keys[index], row])).values()];
    const existing = await this.existingKeys(trx, unique);
    const idByKey = new Map<string, number>();
    for (const chunk of chunkRows(unique, 25)) {
      const returned = await trx
        .insertInto('call_log_records')
        .values(chunk)
        .onConflict((conflict) =>
          conflict.columns(['source', 'record_key']).doUpdateSet((eb) => ({
            external_id: eb.ref('excluded.external_id'),
            started_at: eb.ref('excluded.started_at'),
            direction: eb.ref('excluded.direction'),
            status: eb.ref('excluded.status'),
            answered: eb.ref('excluded.answered'),
            manager_id: eb.ref('excluded.manager_id'),
            manager_name: eb.ref('excluded.manager_name'),
            manager_extension: eb.ref('excluded.manager_extension'),
            team_id: eb.ref('excluded.team_id'),
            client_id: eb.ref('excluded.client_id'),
            client_phone: eb.ref('excluded.client_phone'),
            wait_sec: eb.ref('excluded.wait_sec'),
            duration_sec: eb.ref('excluded.duration_sec'),
            talk_sec: eb.ref('excluded.talk_sec'),
            recording_url: eb.ref('excluded.recording_url'),
            recording_file: eb.ref('excluded.recording_file'),
            source_status: eb.ref('excluded.source_status'),
            file_name: eb.ref('excluded.file_name'),
            row: eb.ref('excluded.row'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returning(['id', 'source', 'record_key'])
        .execute();
      for (const row of returned) idByKey.set(JSON.stringify([row.source, row.record_key]), row.id);
    }

    const updated = [...idByKey.keys()].filter((key) => existing.has(key)).length;
    return { inserted: idByKey.size - updated, updated, ids: keys.map((key) => idByKey.get(key) ?? 0) };
  }

  private async existingKeys(trx: Kysely<DatabaseSchema>, rows: readonly { source: string; record_key: string }[]): Promise<Set<string>> {
    const found = new Set<string>();
    const keys = [...new Set(rows.map((row) => row.record_key))];
    for (const chunk of chunkRows(keys, 1)) {
      const stored = await trx.selectFrom('call_log_records').select(['source', 'record_key']).where('record_key', 'in', chunk).execute();
      for (const row of stored) found.add(JSON.stringify([row.source, row.record_key]));
    }
    return found;
  }

  private async teamsOfManagers(trx: Kysely<DatabaseSchema>, ids: readonly number[]): Promise<Map<number, number>> {
    const teams = new Map<number, number>();
    for (const chunk of chunkRows(ids, 1)) {
      const rows = await trx.selectFrom('managers').select(['id', 'team_id']).where('id', 'in', chunk).execute();
      for (const row of rows) if (row.team_id !== null) teams.set(row.id, row.team_id);
    }
    return teams;
  }
}

/**
 * Builds the record's key within its source: the source's call id, else a hash of the fields that
 * name one call, so a file without ids imported twice still updates rather than duplicates.
 */
export function recordKey(record: CallLogRecord): string {
  if (record.externalId !== null && record.externalId.trim() !== '') {
    return record.externalId.trim();
  }
  const fields = [record.startedAt, record.direction, record.clientPhone, record.managerExtension, record.manager, record.durationSec, record.talkSec];
  return `h:${createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32)}`;
}

function toStoredRecord(row: Selectable<CallLogRecordTable>): StoredCallLogRecord {
  return {
    id: row.id,
    source: row.source,
    externalId: row.external_id,
    startedAt: readTimestamp(row.started_at),
    direction: row.direction as StoredCallLogRecord['direction'],
    status: row.status,
    answered: readBool(row.answered) ?? false,
    managerId: row.manager_id,
    managerName: row.manager_name,
    managerExtension: row.manager_extension,
    teamId: row.team_id,
    clientId: row.client_id,
    clientPhone: row.client_phone,
    waitSec: row.wait_sec,
    durationSec: row.duration_sec,
    talkSec: row.talk_sec,
    recordingUrl: row.recording_url,
    recordingFile: row.recording_file,
    fileName: row.file_name,
    row: row.row,
    callId: row.call_id,
    linkMethod: row.link_method as StoredCallLogRecord['linkMethod'],
  };
}
