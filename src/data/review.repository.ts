import type { Selectable } from 'kysely';

import type { Checklist } from '../core/model/checklist.ts';
import type { CriterionResult, Evaluation, Finding, FindingKind, Severity } from '../core/model/evaluation.ts';
import { evaluationSummaryColumns } from './call-rows.ts';
import type { DataContext } from './data-context.ts';
import { chunkRows, inTransaction, nowIso } from './data-context.ts';
import { applyReview } from './review-apply.ts';
import type { FindingAction, ReviewedEvaluation, ReviewOverride, ReviewRules, ReviewTargetType } from './review-apply.ts';
import type { ReviewEventTable, ReviewOverrideTable } from './schema.ts';
import { readBool, readJson, readTimestamp } from './sql-dialect.ts';
import type { SqlDialect } from './sql-dialect.ts';

export interface OverrideToSave {
  callId: string;
  target: ReviewTargetType;
  targetKey: string;
  criterionResult: CriterionResult | null;
  findingAction: FindingAction | null;
  findingSeverity: Severity | null;
  finding: Finding | null;
  added: boolean;
  comment: string;
  source: 'review' | 'dispute';
  disputeId: number | null;
  author: { id: number; name: string } | null;
}

export interface ReviewEvent {
  id: number;
  callId: string;
  action: string;
  target: ReviewTargetType | null;
  targetKey: string | null;
  from: unknown;
  to: unknown;
  comment: string | null;
  scoreBefore: number | null;
  scoreAfter: number | null;
  disputeId: number | null;
  actorId: number | null;
  actorName: string | null;
  createdAt: string;
}

export type NewReviewEvent = Omit<ReviewEvent, 'id' | 'createdAt'>;

/** The call's current evaluation as the engine gave it and with reviewers' decisions applied. */
export interface CurrentReview {
  evaluationId: number;
  createdAt: string;
  reviewed: ReviewedEvaluation;
  overrides: ReviewOverride[];
  /** The checklist rules the decisions were applied with. */
  rules: ReviewRules;
}

/**
 * Reviewers' decisions on calls and the history of every change. The decisions live apart from the
 * evaluations, whose rows keep the engine's output. The criteria and findings rows and the call's score
 * contain the result with the decisions applied, so lists, filters and reports show what the reviewers
 * decided.
 */
export class ReviewRepository {
  constructor(private readonly context: DataContext) {}

  async listOverrides(callId: string): Promise<ReviewOverride[]> {
    const rows = await this.context.db.selectFrom('review_overrides').selectAll().where('call_id', '=', callId).orderBy('id').execute();
    return rows.map(toOverride);
  }

  async getOverride(id: number): Promise<ReviewOverride | undefined> {
    const row = await this.context.db.selectFrom('review_overrides').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toOverride(row);
  }

  /** Stores the decision on its target, replacing an earlier decision on the same target. Returns its id. */
  async saveOverride(override: OverrideToSave): Promise<number> {
    const { db, dialect } = this.context;
    const now = nowIso();
    const values = {
      call_id: override.callId,
      target: override.target,
      target_key: override.targetKey,
      criterion_result: override.criterionResult,
      finding_action: override.findingAction,
      finding_severity: override.findingSeverity,
      finding: override.finding === null ? null : dialect.json(override.finding),
      added: dialect.bool(override.added),
      comment: override.comment,
      source: override.source,
      dispute_id: override.disputeId,
      author_id: override.author?.id ?? null,
      author_name: override.author?.name ?? null,
      created_at: now,
      updated_at: now,
    };
    const row = await db
      .insertInto('review_overrides')
      .values(values)
      .onConflict((conflict) =>
        conflict.columns(['call_id', 'target', 'target_key']).doUpdateSet((eb) => ({
          criterion_result: eb.ref('excluded.criterion_result'),
          finding_action: eb.ref('excluded.finding_action'),
          finding_severity: eb.ref('excluded.finding_severity'),
          finding: eb.ref('excluded.finding'),
          added: eb.ref('excluded.added'),
          comment: eb.ref('excluded.comment'),
          source: eb.ref('excluded.source'),
          dispute_id: eb.ref('excluded.dispute_id'),
          author_id: eb.ref('excluded.author_id'),
          author_name: eb.ref('excluded.author_name'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async deleteOverride(id: number): Promise<boolean> {
    const result = await this.context.db.deleteFrom('review_overrides').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async addEvent(event: NewReviewEvent): Promise<number> {
    const { db, dialect } = this.context;
    const row = await db
      .insertInto('review_events')
      .values({
        call_id: event.callId,
        action: event.action,
        target: event.target,
        target_key: event.targetKey,
        from_value: event.from === null || event.from === undefined ? null : dialect.json(event.from),
        to_value: event.to === null || event.to === undefined ? null : dialect.json(event.to),
        comment: event.comment,
        score_before: event.scoreBefore,
        score_after: event.scoreAfter,
        dispute_id: event.disputeId,
        actor_id: event.actorId,
        actor_name: event.actorName,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Lists the call's review history, the newest first. */
  async listEvents(callId: string): Promise<ReviewEvent[]> {
    const rows = await this.context.db.selectFrom('review_events').selectAll().where('call_id', '=', callId).orderBy('id', 'desc').execute();
    return rows.map((row) => toEvent(row, this.context.dialect));
  }

  /** Loads the call's current evaluation with the decisions applied, or undefined when it has none. */
  async currentReview(callId: string): Promise<CurrentReview | undefined> {
    const row = await this.context.db
      .selectFrom('evaluations')
      .select(['id', 'result', 'created_at'])
      .where('call_id', '=', callId)
      .where('is_current', '=', this.context.dialect.bool(true))
      .executeTakeFirst();
    if (row === undefined) {
      return undefined;
    }
    const machine = readJson(row.result) as Evaluation;
    const overrides = await this.listOverrides(callId);
    const rules = await this.rulesFor(machine.checklist, new Map());
    return { evaluationId: row.id, createdAt: readTimestamp(row.created_at), reviewed: applyReview(machine, overrides, rules), overrides, rules };
  }

  /**
   * Rewrites the criteria and findings rows and the score of each call's current evaluation with the
   * decisions applied. Calls without decisions get the engine's result back. Runs in one transaction.
   */
  async refreshReviewed(callIds: readonly string[]): Promise<void> {
    if (callIds.length === 0) {
      return;
    }
    await inTransaction(this.context.db, async (trx) => {
      const repository = new ReviewRepository({ ...this.context, db: trx });
      const rulesCache = new Map<string, ReviewRules>();
      for (const callId of new Set(callIds)) {
        await repository.writeReviewed(callId, rulesCache);
      }
    });
  }

  /** Returns the calls among `callIds` that have any decision, for refreshing after a re-evaluation. */
  async callsWithOverrides(callIds: readonly string[]): Promise<string[]> {
    const found = new Set<string>();
    for (const chunk of chunkRows(callIds, 1)) {
      const rows = await this.context.db.selectFrom('review_overrides').select('call_id').distinct().where('call_id', 'in', chunk).execute();
      rows.forEach((row) => found.add(row.call_id));
    }
    return [...found];
  }

  private async writeReviewed(callId: string, rulesCache: Map<string, ReviewRules>): Promise<void> {
    const { db, dialect } = this.context;
    const current = await db
      .selectFrom('evaluations')
      .select(['id', 'result'])
      .where('call_id', '=', callId)
      .where('is_current', '=', dialect.bool(true))
      .executeTakeFirst();
    if (current === undefined) {
      return;
    }
    const machine = readJson(current.result) as Evaluation;
    const overrides = await this.listOverrides(callId);
    const { evaluation } = applyReview(machine, overrides, await this.rulesFor(machine.checklist, rulesCache));

    await db.deleteFrom('evaluation_criteria').where('call_id', '=', callId).execute();
    await db.deleteFrom('findings').where('call_id', '=', callId).execute();
    const criteria = evaluation.criteria.map((criterion) => ({
      call_id: callId,
      evaluation_id: current.id,
      criterion_id: criterion.id,
      result: criterion.result,
      weight: criterion.weight,
      critical: dialect.bool(criterion.critical),
    }));
    for (const chunk of chunkRows(criteria, 6)) {
      await db.insertInto('evaluation_criteria').values(chunk).execute();
    }
    const findings = evaluation.findings.map((finding, position) => ({
      call_id: callId,
      evaluation_id: current.id,
      position,
      kind: finding.kind,
      severity: finding.severity,
      turn: finding.turn,
      start_sec: finding.startSec,
      quote: finding.quote,
      explanation: finding.explanation,
      recommendation: finding.recommendation,
      evidence: dialect.json(finding.evidence),
    }));
    for (const chunk of chunkRows(findings, 11)) {
      await db.insertInto('findings').values(chunk).execute();
    }
    await db
      .updateTable('calls')
      .set({
        ...evaluationSummaryColumns(evaluation, dialect),
      })
      .where('id', '=', callId)
      .execute();
  }

  /**
   * The score cap and switched-off finding kinds of the checklist version the call was evaluated with.
   * An evaluation made with a checklist file that was never stored falls back to the latest stored
   * version of the same checklist.
   */
  private async rulesFor(checklist: { id: string; version: number }, cache: Map<string, ReviewRules>): Promise<ReviewRules> {
    const cacheKey = `${checklist.id}@${checklist.version}`;
    const cached = cache.get(cacheKey);
    if (cached !== undefined) {
      return cached;
    }
    const row =
      (await this.context.db
        .selectFrom('checklists')
        .select('definition')
        .where('id', '=', checklist.id)
        .where('version', '=', checklist.version)
        .executeTakeFirst()) ??
      (await this.context.db
        .selectFrom('checklists')
        .select('definition')
        .where('id', '=', checklist.id)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst());
    const definition = row === undefined ? undefined : (readJson(row.definition) as Checklist);
    // NOTE: with no stored version of the checklist the cap is unknown, and 100 (no cap) is used.
    const rules: ReviewRules = {
      criticalCap: definition?.settings.criticalCap ?? 100,
      disabledFindingKinds: new Set<FindingKind>(definition?.findings.filter((setting) => !setting.enabled).map((setting) => setting.kind) ?? []),
      findingSeverities: new Map(definition?.findings.map((setting) => [setting.kind, setting.severity]) ?? []),
    };
    cache.set(cacheKey, rules);
    return rules;
  }
}

function toOverride(row: Selectable<ReviewOverrideTable>): ReviewOverride {
  return {
    id: row.id,
    callId: row.call_id,
    target: row.target as ReviewTargetType,
    targetKey: row.target_key,
    criterionResult: row.criterion_result as CriterionResult | null,
    findingAction: row.finding_action as FindingAction | null,
    findingSeverity: row.finding_severity as Severity | null,
    finding: row.finding === null ? null : (readJson(row.finding) as Finding),
    added: readBool(row.added) ?? false,
    comment: row.comment,
    source: row.source as 'review' | 'dispute',
    disputeId: row.dispute_id,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: readTimestamp(row.created_at),
    updatedAt: readTimestamp(row.updated_at),
  };
}

function toEvent(row: Selectable<ReviewEventTable>, dialect: SqlDialect): ReviewEvent {
  return {
    id: row.id,
    callId: row.call_id,
    action: row.action,
    target: row.target as ReviewTargetType | null,
    targetKey: row.target_key,
    from: readJsonValue(row.from_value, dialect),
    to: readJsonValue(row.to_value, dialect),
    comment: row.comment,
    scoreBefore: row.score_before,
    scoreAfter: row.score_after,
    disputeId: row.dispute_id,
    actorId: row.actor_id,
    actorName: row.actor_name,
    createdAt: readTimestamp(row.created_at),
  };
}

/**
 * Reads a JSON column that may hold a bare string. `readJson` takes any string for JSON text, but pg
 * hands a jsonb string back already parsed, so the dialect decides.
 */
function readJsonValue(value: unknown, dialect: SqlDialect): unknown {
  if (value === null) {
    return null;
  }
  return dialect.isSqlite && typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}
