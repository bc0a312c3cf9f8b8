import type { Kysely } from 'kysely';

import type { Evaluation } from '../core/model/evaluation.ts';
import type { CallInfo, Transcript } from '../core/model/transcript.ts';
import { mergeCallDetails } from '../core/transcript/call-details-merge.ts';
import { AppError } from '../lib/app-error.ts';
import { callPage } from './call-list.ts';
import type { CallFilter, CallPage, CallSort, PageRequest } from './call-list.ts';
import { deleteSearchRows, writeSearchRows } from './call-search.ts';
import { storedCallInfo, toStoredCall, turnRows } from './call-rows.ts';
import type { StoredCall } from './call-rows.ts';
import type { DataContext } from './data-context.ts';
import { chunkRows, inTransaction, nowIso } from './data-context.ts';
import { ManagerRepository } from './manager.repository.ts';
import { cleanName, nameKey } from './name-key.ts';
import type { DatabaseSchema } from './schema.ts';
import { readJson } from './sql-dialect.ts';
import { isTimeZone, toInstant } from './time.ts';

export interface SaveTranscriptOptions {
  /** Lemmas of every turn, from `buildSearchText`. */
  searchText: string;
}

export interface TranscriptToSave extends SaveTranscriptOptions {
  transcript: Transcript;
  /**
   * IANA zone the call was analysed in (due times of its promises, a bare start date); the database's
   * zone when omitted. A re-evaluation uses the same zone, so it repeats the analysis exactly.
   */
  timeZone?: string;
}

export interface CallAudio {
  path: string;
  durationSec: number | null;
  channels: number | null;
}

/** Calls with their turns and search text. The evaluation columns of `calls` belong to `EvaluationRepository`. */
export class CallRepository {
  constructor(private readonly context: DataContext) {}

  /**
   * Inserts the call or updates it by `call.id`, and replaces its turns and search text, in one
   * transaction. Saving the same call again updates it and never adds a second one. Details the new
   * transcript lacks (manager, start, client…) keep their stored values, as `mergeCallDetails` sets out.
   */
  async saveTranscript(transcript: Transcript, options: SaveTranscriptOptions & Pick<TranscriptToSave, 'timeZone'>): Promise<void> {
    await this.saveTranscripts([{ transcript, ...options }]);
  }

  /** Saves many calls as `saveTranscript` does, in one transaction with multi-row statements. */
  async saveTranscripts(items: readonly TranscriptToSave[]): Promise<void> {
    const latest = new Map<string, TranscriptToSave>();
    for (const item of items) {
      validateTranscript(item.transcript);
      if (item.timeZone !== undefined && !isTimeZone(item.timeZone)) {
        throw new AppError('INVALID_INPUT', `Звонок ${item.transcript.call.id}: часовой пояс «${item.timeZone}» неизвестен, укажите зону IANA, например Europe/Moscow.`);
      }
      latest.set(item.transcript.call.id, item);
    }
    if (latest.size === 0) {
      return;
    }
    await inTransaction(this.context.db, (trx) => this.write(trx, [...latest.values()]));
  }

  /** Loads the call with its turns and current evaluation, or undefined when no call has this id. */
  async getCall(id: string): Promise<StoredCall | undefined> {
    const { db } = this.context;
    const row = await selectCallRows(db).where('calls.id', '=', id).executeTakeFirst();
    if (row === undefined) {
      return undefined;
    }
    const turns = await db.selectFrom('turns').selectAll().where('call_id', '=', id).orderBy('idx').execute();
    const evaluation = await db
      .selectFrom('evaluations')
      .select(['id', 'result'])
      .where('call_id', '=', id)
      .where('is_current', '=', this.context.dialect.bool(true))
      .executeTakeFirst();
    return toStoredCall(row, turns, evaluation === undefined ? null : { id: evaluation.id, evaluation: (readJson(evaluation.result) as Evaluation) }, this.context.timeZone);
  }

  async listCalls(filter: CallFilter = {}, sort: CallSort = { field: 'startedAt', direction: 'desc' }, page: PageRequest = {}): Promise<CallPage> {
    return callPage(this.context, filter, sort, page);
  }

  /** Deletes calls with everything stored for them. Returns how many calls there were. */
  async deleteCalls(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    return inTransaction(this.context.db, async (trx) => {
      const context = { ...this.context, db: trx };
      let count = 0;
      for (const chunk of chunkRows(ids, 1)) {
        const deleted = await trx.deleteFrom('calls').where('id', 'in', chunk).returning('seq').execute();
        await deleteSearchRows(context, deleted.map((row) => row.seq));
        count += deleted.length;
      }
      return count;
    });
  }

  /** Records the call's audio file. Returns false when no call has this id. */
  async setAudio(id: string, audio: CallAudio): Promise<boolean> {
    const result = await this.context.db
      .updateTable('calls')
      .set({ audio_path: audio.path, audio_duration_sec: audio.durationSec, audio_channels: audio.channels, updated_at: nowIso() })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  private async write(trx: Kysely<DatabaseSchema>, toSave: readonly TranscriptToSave[]): Promise<void> {
    const context = { ...this.context, db: trx };
    const items = await withStoredDetails(trx, toSave);
    const managers = new ManagerRepository(context);
    const { managerIds, teamIds } = await managers.upsertManagersAndTeams(items.flatMap((item) => item.transcript.call.manager ?? []));

    const now = nowIso();
    const rows = items.map(({ transcript, timeZone = this.context.timeZone }) => {
      const { call } = transcript;
      const managerName = cleanName(call.manager?.name);
      const teamName = cleanName(call.manager?.team);
      const managerKey = managerName === null ? null : nameKey(managerName);
      return {
        id: call.id,
        external_id: call.externalId,
        source: call.source,
        started_at: call.startedAt === null ? null : toInstant(call.startedAt, timeZone),
        started_at_source: call.startedAt,
        duration_sec: call.durationSec,
        direction: call.direction,
        manager_id: managerKey === null ? null : (managerIds.get(managerKey) ?? null),
        manager_key: managerKey,
        team_id: teamName === null ? null : (teamIds.get(nameKey(teamName)) ?? null),
        client_name: call.client?.name ?? null,
        client_phone: call.client?.phone ?? null,
        transcript_format: transcript.format,
        role_method: transcript.roles.method,
        role_confidence: transcript.roles.confidence,
        import_warnings: this.context.dialect.json(transcript.warnings),
        signal: transcript.signal === undefined ? null : this.context.dialect.json(transcript.signal),
        turn_count: transcript.turns.length,
        call_info: this.context.dialect.json(call),
        time_zone: timeZone,
        created_at: now,
        updated_at: now,
      };
    });

    const seqById = new Map<string, number>();
    for (const chunk of chunkRows(rows, Object.keys(rows[0] ?? {}).length)) {
      const returned = await trx
        .insertInto('calls')
        .values(chunk)
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet((eb) => ({
            external_id: eb.ref('excluded.external_id'),
            source: eb.ref('excluded.source'),
            started_at: eb.ref('excluded.started_at'),
            started_at_source: eb.ref('excluded.started_at_source'),
            duration_sec: eb.ref('excluded.duration_sec'),
            direction: eb.ref('excluded.direction'),
            manager_id: eb.ref('excluded.manager_id'),
            manager_key: eb.ref('excluded.manager_key'),
            team_id: eb.ref('excluded.team_id'),
            client_name: eb.ref('excluded.client_name'),
            client_phone: eb.ref('excluded.client_phone'),
            transcript_format: eb.ref('excluded.transcript_format'),
            role_method: eb.ref('excluded.role_method'),
            role_confidence: eb.ref('excluded.role_confidence'),
            import_warnings: eb.ref('excluded.import_warnings'),
            signal: eb.ref('excluded.signal'),
            turn_count: eb.ref('excluded.turn_count'),
            call_info: eb.ref('excluded.call_info'),
            time_zone: eb.ref('excluded.time_zone'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returning(['id', 'seq'])
        .execute();
      for (const row of returned) {
        seqById.set(row.id, row.seq);
      }
    }

    const ids = [...seqById.keys()];
    for (const chunk of chunkRows(ids, 1)) {
      await trx.deleteFrom('turns').where('call_id', 'in', chunk).execute();
    }
    const turns = items.flatMap(({ transcript }) => turnRows(transcript, this.context.dialect));
    for (const chunk of chunkRows(turns, 12)) {
      await trx.insertInto('turns').values(chunk).execute();
    }

    await writeSearchRows(
      context,
      items.map((item, index) => ({
        callId: item.transcript.call.id,
        seq: seqById.get(item.transcript.call.id) ?? 0,
        lemmas: item.searchText,
        managerId: rows[index]?.manager_id ?? null,
        teamId: rows[index]?.team_id ?? null,
      })),
    );
  }
}

function selectCallRows(db: Kysely<DatabaseSchema>) {
  return db
    .selectFrom('calls')
    .leftJoin('managers', 'managers.id', 'calls.manager_id')
    .leftJoin('teams', 'teams.id', 'calls.team_id')
    .selectAll('calls')
    .select(['managers.name as manager_name', 'managers.supervisor', 'managers.position', 'teams.name as team_name']);
}

/**
 * Gives each item whose call is stored already the stored details its transcript lacks, so that saving a
 * copy of a transcript without its metadata never erases the call's manager, start or client
 * (`mergeCallDetails` has the rules).
 */
async function withStoredDetails(trx: Kysely<DatabaseSchema>, items: readonly TranscriptToSave[]): Promise<TranscriptToSave[]> {
  const stored = new Map<string, CallInfo>();
  for (const chunk of chunkRows(items.map((item) => item.transcript.call.id), 1)) {
    const rows = await selectCallRows(trx).where('calls.id', 'in', chunk).execute();
    for (const row of rows) {
      stored.set(row.id, storedCallInfo(row));
    }
  }
  return items.map((item) => {
    const previous = stored.get(item.transcript.call.id);
    if (previous === undefined) {
      return item;
    }
    const { call } = mergeCallDetails(previous, item.transcript.call);
    return { ...item, transcript: { ...item.transcript, call } };
  });
}

/** Rejects what the schema would reject half-way, with a message naming the call. */
function validateTranscript(transcript: Transcript): void {
  const { call } = transcript;
  if (call.id.trim() === '') {
    throw new AppError('INVALID_INPUT', `У звонка из «${call.source}» пустой идентификатор: сохранить его нельзя.`);
  }
  if (call.startedAt !== null && toInstant(call.startedAt, 'UTC') === null) {
    throw new AppError(
      'INVALID_INPUT',
      `Звонок ${call.id} (${call.source}): время начала «${call.startedAt}» не в формате ISO 8601 (например, 2026-02-10T09:30:00+03:00).`,
    );
  }
  const seen = new Set<number>();
  for (const turn of transcript.turns) {
    if (seen.has(turn.index)) {
      throw new AppError('INVALID_INPUT', `Звонок ${call.id} (${call.source}): номер реплики ${turn.index} повторяется.`);
    }
    seen.add(turn.index);
  }
}
