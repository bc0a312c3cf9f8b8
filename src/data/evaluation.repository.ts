import type { Kysely } from 'kysely';

import type { Evaluation } from '../core/model/evaluation.ts';
import { AppError } from '../lib/app-error.ts';
import { evaluationSummaryColumns } from './call-rows.ts';
import type { DataContext } from './data-context.ts';
import { chunkRows, inTransaction, nowIso } from './data-context.ts';
import type { DatabaseSchema } from './schema.ts';
import { readBool, readJson, readTimestamp } from './sql-dialect.ts';
import { toInstant } from './time.ts';

export type PromiseStatus = 'open' | 'kept' | 'broken' | 'cancelled';

export interface EvaluationRecord {
  id: number;
  callId: string;
  checklist: { id: string; version: number };
  score: number | null;
  current: boolean;
  createdAt: string;
  evaluation: Evaluation;
}

export interface StoredPromise {
  id: number;
  callId: string;
  turn: number;
  startSec: number | null;
  action: string;
  dueText: string | null;
  dueAt: string | null;
  quote: string;
  status: PromiseStatus;
}

/**
 * Evaluations of calls. Each save adds a row and makes it the call's current one; earlier ones stay as
 * history. The current evaluation's criteria, findings and promises are also stored as rows, and its
 * score on the call, for filters and reports.
 */
export class EvaluationRepository {
  constructor(private readonly context: DataContext) {}

  /** Stores the evaluation as the call's current one, in one transaction. Returns the evaluation's id. */
  async saveEvaluation(evaluation: Evaluation): Promise<number> {
    const [id] = await this.saveEvaluations([evaluation]);
    return id ?? 0;
  }

  /**
   * Stores evaluations as `saveEvaluation` does, in one transaction; the last of several for one call
   * becomes current. Returns the ids in the order given. Fails with NOT_FOUND when a call is not stored.
   */
  async saveEvaluations(evaluations: readonly Evaluation[]): Promise<number[]> {
    if (evaluations.length === 0) {
      return [];
    }
    return inTransaction(this.context.db, (trx) => this.write(trx, evaluations));
  }

  /** Lists every evaluation of the call, the newest first. */
  async listHistory(callId: string): Promise<EvaluationRecord[]> {
    const rows = await this.context.db
      .selectFrom('evaluations')
      .selectAll()
      .where('call_id', '=', callId)
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      callId: row.call_id,
      checklist: { id: row.checklist_id, version: row.checklist_version },
      score: row.score,
      current: readBool(row.is_current) ?? false,
      createdAt: readTimestamp(row.created_at),
      evaluation: (readJson(row.result) as Evaluation),
    }));
  }

  /** Promises of current evaluations with this status whose due time is before `dueBefore`, the oldest due first. */
  async listPromisesDue(status: PromiseStatus, dueBefore: string): Promise<StoredPromise[]> {
    // SQLite compares the stored ISO text, so the bound must have the same form.
    const bound = toInstant(dueBefore, this.context.timeZone);
    if (bound === null) {
      throw new AppError('INVALID_INPUT', `Время «${dueBefore}» не распознано: укажите время ISO 8601, например 2026-03-04T09:00:00+03:00.`);
    }
    const rows = await this.context.db
      .selectFrom('promises')
      .selectAll()
      .where('status', '=', status)
      .where('due_at', '<', bound)
      .orderBy('due_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      callId: row.call_id,
      turn: row.turn,
      startSec: row.start_sec,
      action: row.action,
      dueText: row.due_text,
      dueAt: row.due_at === null ? null : readTimestamp(row.due_at),
      quote: row.quote,
      status: row.status as PromiseStatus,
    }));
  }

  /** Sets a promise's follow-through status. Returns false when no promise has this id. */
  async setPromiseStatus(id: number, status: PromiseStatus): Promise<boolean> {
    const result = await this.context.db
      .updateTable('promises')
      .set({ status, status_changed_at: nowIso() })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  private async write(trx: Kysely<DatabaseSchema>, evaluations: readonly Evaluation[]): Promise<number[]> {
    const { dialect } = this.context;
    const callIds = [...new Set(evaluations.map((evaluation) => evaluation.call.id))];
    const now = nowIso();

    // Touching the calls first locks their rows on PostgreSQL, so two saves for one call run one
    // after the other and never both leave a current evaluation.
    const found = new Set<string>();
    for (const chunk of chunkRows(callIds, 1)) {
      const rows = await trx.updateTable('calls').set({ evaluated_at: now }).where('id', 'in', chunk).returning('id').execute();
      rows.forEach((row) => found.add(row.id));
    }
    const missing = callIds.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new AppError('NOT_FOUND', `Оценку нельзя сохранить: звонок ${missing.join(', ')} не найден. Сначала сохраните расшифровку.`);
    }

    const recordedStatuses = await this.loadPromiseStatuses(trx, callIds);
    for (const chunk of chunkRows(callIds, 1)) {
      await trx
        .updateTable('evaluations')
        .set({ is_current: dialect.bool(false) })
        .where('call_id', 'in', chunk)
        .where('is_current', '=', dialect.bool(true))
        .execute();
      await trx.deleteFrom('evaluation_criteria').where('call_id', 'in', chunk).execute();
      await trx.deleteFrom('findings').where('call_id', 'in', chunk).execute();
      await trx.deleteFrom('promises').where('call_id', 'in', chunk).execute();
    }

    const lastIndexByCall = new Map(evaluations.map((evaluation, index) => [evaluation.call.id, index]));
    const rows = evaluations.map((evaluation, index) => ({
      call_id: evaluation.call.id,
      checklist_id: evaluation.checklist.id,
      checklist_version: evaluation.checklist.version,
      score: evaluation.score,
      result: dialect.json(evaluation),
      is_current: dialect.bool(lastIndexByCall.get(evaluation.call.id) === index),
      created_at: now,
    }));
    const ids: number[] = [];
    for (const chunk of chunkRows(rows, 7)) {
      const returned = await trx.insertInto('evaluations').values(chunk).returning('id').execute();
      ids.push(...returned.map((row) => row.id));
    }

    const current = evaluations.flatMap((evaluation, index) => {
      const id = ids[index];
      return lastIndexByCall.get(evaluation.call.id) === index && id !== undefined ? [{ evaluation, id }] : [];
    });
    await this.writeDetails(trx, current, recordedStatuses, now);
    for (const { evaluation } of current) {
      await trx
        .updateTable('calls')
        .set({
          ...evaluationSummaryColumns(evaluation, dialect),
          transcript_complete: dialect.bool(evaluation.transcript.complete),
          no_speech: dialect.bool(evaluation.transcript.noSpeech),
        })
        .where('id', '=', evaluation.call.id)
        .execute();
    }
    return ids;
  }

  private async writeDetails(
    trx: Kysely<DatabaseSchema>,
    current: readonly { evaluation: Evaluation; id: number }[],
    recordedStatuses: Map<string, { status: string; changedAt: string | null }>,
    now: string,
  ): Promise<void> {
    const { dialect } = this.context;
    const criteria = current.flatMap(({ evaluation, id }) =>
      evaluation.criteria.map((criterion) => ({
        call_id: evaluation.call.id,
        evaluation_id: id,
        criterion_id: criterion.id,
        result: criterion.result,
        weight: criterion.weight,
        critical: dialect.bool(criterion.critical),
      })),
    );
    for (const chunk of chunkRows(criteria, 6)) {
      await trx.insertInto('evaluation_criteria').values(chunk).execute();
    }

    const findings = current.flatMap(({ evaluation, id }) =>
      evaluation.findings.map((finding, position) => ({
        call_id: evaluation.call.id,
        evaluation_id: id,
        position,
        kind: finding.kind,
        severity: finding.severity,
        turn: finding.turn,
        start_sec: finding.startSec,
        quote: finding.quote,
        explanation: finding.explanation,
        recommendation: finding.recommendation,
        evidence: dialect.json(finding.evidence),
      })),
    );
    for (const chunk of chunkRows(findings, 11)) {
      await trx.insertInto('findings').values(chunk).execute();
    }

    const promises = current.flatMap(({ evaluation, id }) =>
      evaluation.promises.map((promise, position) => {
        const recorded = recordedStatuses.get(promiseKey(evaluation.call.id, promise.turn, promise.action, promise.quote));
        return {
          call_id: evaluation.call.id,
          evaluation_id: id,
          position,
          turn: promise.turn,
          start_sec: promise.startSec,
          action: promise.action,
          due_text: promise.dueText,
          due_at: promise.due === null ? null : toInstant(promise.due, this.context.timeZone),
          quote: promise.quote,
          status: recorded?.status ?? 'open',
          status_changed_at: recorded?.changedAt ?? null,
          created_at: now,
        };
      }),
    );
    for (const chunk of chunkRows(promises, 12)) {
      await trx.insertInto('promises').values(chunk).execute();
    }
  }

  /** Follow-through already recorded for the calls' promises, so a re-evaluation does not reopen them. */
  private async loadPromiseStatuses(trx: Kysely<DatabaseSchema>, callIds: readonly string[]) {
    const statuses = new Map<string, { status: string; changedAt: string | null }>();
    for (const chunk of chunkRows(callIds, 1)) {
      const rows = await trx
        .selectFrom('promises')
        .select(['call_id', 'turn', 'action', 'quote', 'status', 'status_changed_at'])
        .where('call_id', 'in', chunk)
        .where('status', '!=', 'open')
        .execute();
      for (const row of rows) {
        statuses.set(promiseKey(row.call_id, row.turn, row.action, row.quote), {
          status: row.status,
          changedAt: row.status_changed_at === null ? null : readTimestamp(row.status_changed_at),
        });
      }
    }
    return statuses;
  }
}

function promiseKey(callId: string, turn: number, action: string, quote: string): string {
  return JSON.stringify([callId, turn, action, quote]);
}
