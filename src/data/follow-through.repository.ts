import type { Selectable } from 'kysely';

import type { DataContext } from './data-context.ts';
import { chunkRows, inTransaction } from './data-context.ts';
import type { MissedCallTable, PromiseCheckTable } from './schema.ts';
import { readOptionalTimestamp, readTimestamp } from './sql-dialect.ts';
import { toInstant } from './time.ts';

export type PromiseOutcome = 'pending' | 'kept' | 'broken' | 'unverified';
export type MissedCallOutcome = 'pending' | 'called_back' | 'late' | 'no_callback';
export type EvidenceKind = 'call_log' | 'call' | 'crm_event';

/** Result of checking one promise of an analysed call against the contacts after it. */
export interface PromiseCheck {
  callId: string;
  /** The promise's turn, action and quote, which stay the same when the call is evaluated again. */
  promiseKey: string;
  turn: number;
  action: string;
  quote: string;
  dueText: string | null;
  /** UTC instants. */
  promisedAt: string;
  dueAt: string;
  dueSource: 'said' | 'default';
  managerId: number | null;
  teamId: number | null;
  clientId: number | null;
  outcome: PromiseOutcome;
  evidence: { kind: EvidenceKind; ref: string; at: string } | null;
  /** A follow-up that came after the due time, which does not keep the promise. */
  lateFollowUpAt: string | null;
  checkedAt: string;
}

/** A missed or dropped client call, or a run of them from one number, and its callback. */
export interface MissedCall {
  recordId: number;
  clientId: number | null;
  clientPhone: string;
  missedAt: string;
  attempts: number;
  dueAt: string;
  managerId: number | null;
  teamId: number | null;
  outcome: MissedCallOutcome;
  callback: { kind: EvidenceKind; ref: string; at: string } | null;
  /** Wall-clock seconds from the missed call to the callback. */
  callbackSec: number | null;
  /** Working-hours seconds from the missed call to the callback. */
  callbackWorkingSec: number | null;
  checkedAt: string;
}

/** A promise of a call's current evaluation, with what the check needs to know about the call. */
export interface PromiseToFollow {
  callId: string;
  turn: number;
  startSec: number | null;
  action: string;
  quote: string;
  dueText: string | null;
  /** UTC instant, or null when the call gave no due time. */
  dueAt: string | null;
  status: string;
  /** UTC instant, or null when the call has no start time. */
  callStartedAt: string | null;
  callDateOnly: boolean;
  managerId: number | null;
  teamId: number | null;
  clientId: number | null;
}

/** Follow-through results of promises and missed calls; each save replaces the earlier result of the same promise or call. */
export class FollowThroughRepository {
  constructor(private readonly context: DataContext) {}

  /** Inserts or replaces promise checks by call and promise key. Returns how many rows changed. */
  async savePromiseChecks(checks: readonly PromiseCheck[]): Promise<number> {
    if (checks.length === 0) return 0;
    const rows = checks.map((check) => ({
      call_id: check.callId,
      promise_key: check.promiseKey,
      turn: check.turn,
      action: check.action,
      quote: check.quote,
      due_text: check.dueText,
      promised_at: this.instant(check.promisedAt),
      due_at: this.instant(check.dueAt),
      due_source: check.dueSource,
      manager_id: check.managerId,
      team_id: check.teamId,
      client_id: check.clientId,
      outcome: check.outcome,
      evidence_kind: check.evidence?.kind ?? null,
      evidence_ref: check.evidence?.ref ?? null,
      evidence_at: check.evidence === null ? null : this.instant(check.evidence.at),
      late_follow_up_at: check.lateFollowUpAt === null ? null : this.instant(check.lateFollowUpAt),
      checked_at: this.instant(check.checkedAt),
    }));
    await inTransaction(this.context.db, async (trx) => {
      for (const chunk of chunkRows(rows, 19)) {
        await trx
          .insertInto('promise_checks')
          .values(chunk)
          .onConflict((conflict) =>
            conflict.columns(['call_id', 'promise_key']).doUpdateSet((eb) => ({
              turn: eb.ref('excluded.turn'),
              due_text: eb.ref('excluded.due_text'),
              promised_at: eb.ref('excluded.promised_at'),
              due_at: eb.ref('excluded.due_at'),
              due_source: eb.ref('excluded.due_source'),
              manager_id: eb.ref('excluded.manager_id'),
              team_id: eb.ref('excluded.team_id'),
              client_id: eb.ref('excluded.client_id'),
              outcome: eb.ref('excluded.outcome'),
              evidence_kind: eb.ref('excluded.evidence_kind'),
              evidence_ref: eb.ref('excluded.evidence_ref'),
              evidence_at: eb.ref('excluded.evidence_at'),
              late_follow_up_at: eb.ref('excluded.late_follow_up_at'),
              checked_at: eb.ref('excluded.checked_at'),
            })),
          )
          .execute();
      }
    });
    return rows.length;
  }

  /** Inserts or replaces missed calls by their first record. */
  async saveMissedCalls(missed: readonly MissedCall[]): Promise<number> {
    if (missed.length === 0) return 0;
    const rows = missed.map((call) => ({
      record_id: call.recordId,
      client_id: call.clientId,
      client_phone: call.clientPhone,
      missed_at: this.instant(call.missedAt),
      attempts: call.attempts,
      due_at: this.instant(call.dueAt),
      manager_id: call.managerId,
      team_id: call.teamId,
      outcome: call.outcome,
      callback_at: call.callback === null ? null : this.instant(call.callback.at),
      callback_kind: call.callback?.kind ?? null,
      callback_ref: call.callback?.ref ?? null,
      callback_sec: call.callbackSec,
      callback_working_sec: call.callbackWorkingSec,
      checked_at: this.instant(call.checkedAt),
    }));
    await inTransaction(this.context.db, async (trx) => {
      for (const chunk of chunkRows(rows, 15)) {
        await trx
          .insertInto('missed_calls')
          .values(chunk)
          .onConflict((conflict) =>
            conflict.column('record_id').doUpdateSet((eb) => ({
              client_id: eb.ref('excluded.client_id'),
              client_phone: eb.ref('excluded.client_phone'),
              missed_at: eb.ref('excluded.missed_at'),
              attempts: eb.ref('excluded.attempts'),
              due_at: eb.ref('excluded.due_at'),
              manager_id: eb.ref('excluded.manager_id'),
              team_id: eb.ref('excluded.team_id'),
              outcome: eb.ref('excluded.outcome'),
              callback_at: eb.ref('excluded.callback_at'),
              callback_kind: eb.ref('excluded.callback_kind'),
              callback_ref: eb.ref('excluded.callback_ref'),
              callback_sec: eb.ref('excluded.callback_sec'),
              callback_working_sec: eb.ref('excluded.callback_working_sec'),
              checked_at: eb.ref('excluded.checked_at'),
            })),
          )
          .execute();
      }
    });
    return rows.length;
  }

  /** Deletes missed calls whose first record is not in `keep`: a re-import may merge a run differently. */
  async deleteMissedCallsExcept(keep: readonly number[]): Promise<number> {
    const stored = await this.context.db.selectFrom('missed_calls').select('record_id').execute();
    const kept = new Set(keep);
    const stale = stored.map((row) => row.record_id).filter((id) => !kept.has(id));
    let deleted = 0;
    for (const chunk of chunkRows(stale, 1)) {
      const result = await this.context.db.deleteFrom('missed_calls').where('record_id', 'in', chunk).executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    return deleted;
  }

  /** Promises of the current evaluations, with their call's start, manager, team and client. */
  async listPromisesToFollow(): Promise<PromiseToFollow[]> {
    const rows = await this.context.db
      .selectFrom('promises')
      .innerJoin('calls', 'calls.id', 'promises.call_id')
      .leftJoin('call_clients', 'call_clients.call_id', 'promises.call_id')
      .select([
        'promises.call_id',
        'promises.turn',
        'promises.start_sec',
        'promises.action',
        'promises.quote',
        'promises.due_text',
        'promises.due_at',
        'promises.status',
        'calls.started_at',
        'calls.started_at_source',
        'calls.manager_id',
        'calls.team_id',
        'call_clients.client_id',
      ])
      .orderBy('promises.call_id')
      .orderBy('promises.position')
      .execute();
    return rows.map((row) => ({
      callId: row.call_id,
      turn: row.turn,
      startSec: row.start_sec,
      action: row.action,
      quote: row.quote,
      dueText: row.due_text,
      dueAt: readOptionalTimestamp(row.due_at),
      status: row.status,
      callStartedAt: readOptionalTimestamp(row.started_at),
      callDateOnly: row.started_at_source !== null && /^\d{4}-\d{2}-\d{2}$/.test(row.started_at_source),
      managerId: row.manager_id,
      teamId: row.team_id,
      clientId: row.client_id,
    }));
  }

  /** Sets the follow-through status of promises of current evaluations, found by call, turn, action and quote. */
  async setPromiseStatuses(updates: readonly { callId: string; turn: number; action: string; quote: string; status: 'open' | 'kept' | 'broken' }[]): Promise<number> {
    let changed = 0;
    await inTransaction(this.context.db, async (trx) => {
      for (const update of updates) {
        const result = await trx
          .updateTable('promises')
          .set({ status: update.status, status_changed_at: new Date().toISOString() })
          .where('call_id', '=', update.callId)
          .where('turn', '=', update.turn)
          .where('action', '=', update.action)
          .where('quote', '=', update.quote)
          .where('status', '!=', update.status)
          .executeTakeFirst();
        changed += Number(result.numUpdatedRows);
      }
    });
    return changed;
  }

  /** Calls whose current evaluation has a finding of one of these kinds. */
  async listCallIdsWithFindings(kinds: readonly string[]): Promise<string[]> {
    if (kinds.length === 0) return [];
    const rows = await this.context.db.selectFrom('findings').select('call_id').distinct().where('kind', 'in', kinds).execute();
    return rows.map((row) => row.call_id);
  }

  async listPromiseChecks(filter: { callId?: string } = {}): Promise<PromiseCheck[]> {
    let query = this.context.db.selectFrom('promise_checks').selectAll();
    if (filter.callId !== undefined) query = query.where('call_id', '=', filter.callId);
    const rows = await query.orderBy('due_at').orderBy('id').execute();
    return rows.map(toPromiseCheck);
  }

  async listMissedCalls(): Promise<MissedCall[]> {
    const rows = await this.context.db.selectFrom('missed_calls').selectAll().orderBy('missed_at').orderBy('id').execute();
    return rows.map(toMissedCall);
  }

  private instant(value: string): string {
    return toInstant(value, this.context.timeZone) ?? value;
  }
}

function toPromiseCheck(row: Selectable<PromiseCheckTable>): PromiseCheck {
  const evidenceAt = readOptionalTimestamp(row.evidence_at);
  return {
    callId: row.call_id,
    promiseKey: row.promise_key,
    turn: row.turn,
    action: row.action,
    quote: row.quote,
    dueText: row.due_text,
    promisedAt: readTimestamp(row.promised_at),
    dueAt: readTimestamp(row.due_at),
    dueSource: row.due_source as PromiseCheck['dueSource'],
    managerId: row.manager_id,
    teamId: row.team_id,
    clientId: row.client_id,
    outcome: row.outcome as PromiseOutcome,
    evidence: row.evidence_kind === null || row.evidence_ref === null || evidenceAt === null ? null : { kind: row.evidence_kind as EvidenceKind, ref: row.evidence_ref, at: evidenceAt },
    lateFollowUpAt: readOptionalTimestamp(row.late_follow_up_at),
    checkedAt: readTimestamp(row.checked_at),
  };
}

function toMissedCall(row: Selectable<MissedCallTable>): MissedCall {
  const callbackAt = readOptionalTimestamp(row.callback_at);
  return {
    recordId: row.record_id,
    clientId: row.client_id,
    clientPhone: row.client_phone,
    missedAt: readTimestamp(row.missed_at),
    attempts: row.attempts,
    dueAt: readTimestamp(row.due_at),
    managerId: row.manager_id,
    teamId: row.team_id,
    outcome: row.outcome as MissedCallOutcome,
    callback: row.callback_kind === null || row.callback_ref === null || callbackAt === null ? null : { kind: row.callback_kind as EvidenceKind, ref: row.callback_ref, at: callbackAt },
    callbackSec: row.callback_sec,
    callbackWorkingSec: row.callback_working_sec,
    checkedAt: readTimestamp(row.checked_at),
  };
}
