import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

import type { Evaluation, FindingKind } from '../core/model/evaluation.ts';
import { applyFilter } from './call-filter.ts';
import type { CallFilter, CallsQuery } from './call-filter.ts';
import type { DataContext } from './data-context.ts';
import { chunkRows } from './data-context.ts';
import { readJson, readNumber, readOptionalTimestamp } from './sql-dialect.ts';

/** A half-open span of time `[start, end)`, both ISO instants. */
export interface TimeRange {
  start: string;
  end: string;
}

export interface PeriodTotals {
  calls: number;
  evaluatedCalls: number;
  scoredCalls: number;
  /** Mean score of the calls that have one, or null when none has. */
  averageScore: number | null;
}

export interface TeamSummary extends PeriodTotals {
  /** Null for calls saved without a team. */
  team: { id: number; name: string } | null;
  /** Calls with each finding kind; kinds with none are left out. */
  findings: Partial<Record<FindingKind, number>>;
}

export interface CriterionImpact {
  criterionId: string;
  failedCalls: number;
  averageScoreFailed: number | null;
  passedCalls: number;
  averageScorePassed: number | null;
}

export interface FindingExample {
  callId: string;
  callStartedAt: string | null;
  score: number | null;
  manager: { id: number; name: string } | null;
  kind: FindingKind;
  turn: number;
  startSec: number | null;
  quote: string;
  explanation: string;
}

export interface ProblemCall {
  id: string;
  startedAt: string | null;
  durationSec: number | null;
  manager: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  score: number | null;
  criticalFindings: { kind: FindingKind; turn: number; quote: string }[];
}

/**
 * Aggregates for the manager page and the head-of-sales report: totals by week, finding and criterion
 * costs, example fragments and a day's problem calls. Every query is bounded by a start-time range, so
 * the range indexes of `calls` serve it however many calls are stored.
 */
export class TrendReportRepository {
  constructor(private readonly context: DataContext) {}

  /** Calls, evaluated calls and mean score in each range, in the order given. */
  async totalsByRange(filter: CallFilter, ranges: readonly TimeRange[]): Promise<PeriodTotals[]> {
    if (ranges.length === 0) {
      return [];
    }
    const rows = await this.inRanges(filter, ranges)
      .select((eb) => [
        bucketOf(ranges).as('bucket'),
        eb.fn.countAll().as('calls'),
        eb.fn.count('calls.evaluated_at').as('evaluated'),
        eb.fn.count('calls.score').as('scored'),
        eb.fn.sum('calls.score').as('score_sum'),
      ])
      .groupBy('bucket')
      .execute();
    const byBucket = new Map(rows.map((row) => [readNumber(row.bucket), row]));
    return ranges.map((_range, index) => {
      const row = byBucket.get(index);
      return totalsOf(row?.calls ?? 0, row?.evaluated ?? 0, row?.scored ?? 0, row?.score_sum ?? null);
    });
  }

  /** Calls with each finding kind in each range: one map per range, kinds with none left out. */
  async findingCallsByRange(filter: CallFilter, ranges: readonly TimeRange[]): Promise<Partial<Record<FindingKind, number>>[]> {
    const result = ranges.map((): Partial<Record<FindingKind, number>> => ({}));
    if (ranges.length === 0) {
      return result;
    }
    const rows = await this.inRanges(filter, ranges)
      .innerJoin(
        (eb) => eb.selectFrom('findings').select(['findings.call_id', 'findings.kind']).distinct().as('kinds'),
        (join) => join.onRef('kinds.call_id', '=', 'calls.id'),
      )
      .select((eb) => [bucketOf(ranges).as('bucket'), 'kinds.kind', eb.fn.countAll().as('calls')])
      .groupBy(['bucket', 'kinds.kind'])
      .execute();
    for (const row of rows) {
      const counts = result[readNumber(row.bucket) ?? -1];
      if (counts !== undefined) {
        counts[row.kind as FindingKind] = readNumber(row.calls) ?? 0;
      }
    }
    return result;
  }

  /** For each criterion, the calls that failed and passed it and their mean scores. */
  async criterionImpact(filter: CallFilter): Promise<CriterionImpact[]> {
    const rows = await applyFilter(this.context, this.context.db.selectFrom('calls'), filter)
      .innerJoin('evaluation_criteria', 'evaluation_criteria.call_id', 'calls.id')
      .where('evaluation_criteria.result', 'in', ['passed', 'failed'])
      .select((eb) => [
        'evaluation_criteria.criterion_id',
        'evaluation_criteria.result',
        eb.fn.countAll().as('calls'),
        eb.fn.count('calls.score').as('scored'),
        eb.fn.sum('calls.score').as('score_sum'),
      ])
      .groupBy(['evaluation_criteria.criterion_id', 'evaluation_criteria.result'])
      .execute();
    const impacts = new Map<string, CriterionImpact>();
    for (const row of rows) {
      const impact = impacts.get(row.criterion_id) ?? { criterionId: row.criterion_id, failedCalls: 0, averageScoreFailed: null, passedCalls: 0, averageScorePassed: null };
      const totals = totalsOf(row.calls, row.calls, row.scored, row.score_sum);
      if (row.result === 'failed') {
        impact.failedCalls = totals.calls;
        impact.averageScoreFailed = totals.averageScore;
      } else {
        impact.passedCalls = totals.calls;
        impact.averageScorePassed = totals.averageScore;
      }
      impacts.set(row.criterion_id, impact);
    }
    return [...impacts.values()].sort((left, right) => left.criterionId.localeCompare(right.criterionId));
  }

  /** Calls, evaluated calls, mean score and calls with each finding kind per team the calls were saved with. */
  async teamSummaries(filter: CallFilter): Promise<TeamSummary[]> {
    const { db } = this.context;
    const totals = await applyFilter(this.context, db.selectFrom('calls'), filter)
      .leftJoin('teams', 'teams.id', 'calls.team_id')
      .select((eb) => [
        'calls.team_id',
        'teams.name as team_name',
        eb.fn.countAll().as('calls'),
        eb.fn.count('calls.evaluated_at').as('evaluated'),
        eb.fn.count('calls.score').as('scored'),
        eb.fn.sum('calls.score').as('score_sum'),
      ])
      .groupBy(['calls.team_id', 'teams.name'])
      .orderBy('teams.name')
      .execute();
    const findings = await applyFilter(this.context, db.selectFrom('calls'), filter)
      .innerJoin(
        (eb) => eb.selectFrom('findings').select(['findings.call_id', 'findings.kind']).distinct().as('kinds'),
        (join) => join.onRef('kinds.call_id', '=', 'calls.id'),
      )
      .select((eb) => ['calls.team_id', 'kinds.kind', eb.fn.countAll().as('calls')])
      .groupBy(['calls.team_id', 'kinds.kind'])
      .execute();
    const byTeam = new Map<number | null, Partial<Record<FindingKind, number>>>();
    for (const row of findings) {
      const counts = byTeam.get(row.team_id) ?? {};
      counts[row.kind as FindingKind] = readNumber(row.calls) ?? 0;
      byTeam.set(row.team_id, counts);
    }
    return totals.map((row) => ({
      team: row.team_id === null || row.team_name === null ? null : { id: row.team_id, name: row.team_name },
      ...totalsOf(row.calls, row.evaluated, row.scored, row.score_sum),
      findings: byTeam.get(row.team_id) ?? {},
    }));
  }

  /**
   * The latest findings of each kind among the matching calls, up to `perKind` of each, the newest
   * call first. One window query serves every kind.
   */
  async findingExamples(filter: CallFilter, kinds: readonly FindingKind[], perKind: number): Promise<FindingExample[]> {
    if (kinds.length === 0) {
      return [];
    }
    const ranked = applyFilter(this.context, this.context.db.selectFrom('calls'), filter)
      .innerJoin('findings', 'findings.call_id', 'calls.id')
      .where('findings.kind', 'in', kinds)
      .select([
        'calls.id as call_id',
        'calls.started_at',
        'calls.score',
        'calls.manager_id',
        'findings.kind',
        'findings.turn',
        'findings.start_sec',
        'findings.quote',
        'findings.explanation',
        sql<number>`row_number() over (partition by findings.kind order by calls.started_at desc, calls.seq desc, findings.position)`.as('rank'),
      ]);
    const rows = await this.context.db
      .selectFrom(ranked.as('ranked'))
      .leftJoin('managers', 'managers.id', 'ranked.manager_id')
      .selectAll('ranked')
      .select('managers.name as manager_name')
      .where('ranked.rank', '<=', perKind)
      .orderBy('ranked.kind')
      .orderBy('ranked.rank')
      .execute();
    return rows.map((row) => ({
      callId: row.call_id,
      callStartedAt: readOptionalTimestamp(row.started_at),
      score: row.score,
      manager: row.manager_id === null || row.manager_name === null ? null : { id: row.manager_id, name: row.manager_name },
      kind: row.kind as FindingKind,
      turn: row.turn,
      startSec: row.start_sec,
      quote: row.quote,
      explanation: row.explanation,
    }));
  }

  /**
   * The latest calls that failed the criterion, with the engine's evaluation of each, up to `limit`.
   * The verdict's evidence is read from the evaluation, which the criteria rows do not carry.
   */
  async failedCriterionCalls(filter: CallFilter, criterionId: string, limit: number): Promise<{ callId: string; startedAt: string | null; evaluation: Evaluation }[]> {
    const rows = await applyFilter(this.context, this.context.db.selectFrom('calls'), filter)
      .innerJoin('evaluation_criteria', 'evaluation_criteria.call_id', 'calls.id')
      .innerJoin('evaluations', 'evaluations.id', 'evaluation_criteria.evaluation_id')
      .where('evaluation_criteria.criterion_id', '=', criterionId)
      .where('evaluation_criteria.result', '=', 'failed')
      .select(['calls.id', 'calls.started_at', 'evaluations.result'])
      .orderBy('calls.started_at', (order) => order.desc().nullsLast())
      .orderBy('calls.seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ callId: row.id, startedAt: readOptionalTimestamp(row.started_at), evaluation: readJson(row.result) as Evaluation }));
  }

  /**
   * Calls that started in the range and scored below `threshold` or have a critical finding, the lowest
   * score first, with their critical findings.
   */
  async problemCalls(filter: CallFilter, range: TimeRange, threshold: number, limit: number): Promise<ProblemCall[]> {
    const { db } = this.context;
    const rows = await applyFilter(this.context, db.selectFrom('calls'), { ...filter, startedFrom: range.start, startedTo: range.end })
      .leftJoin('managers', 'managers.id', 'calls.manager_id')
      .leftJoin('teams', 'teams.id', 'calls.team_id')
      .where((eb) =>
        eb.or([
          eb('calls.score', '<', threshold),
          eb.exists(eb.selectFrom('findings').select('findings.call_id').whereRef('findings.call_id', '=', 'calls.id').where('findings.severity', '=', 'critical')),
        ]),
      )
      .select([
        'calls.id',
        'calls.started_at',
        'calls.duration_sec',
        'calls.manager_id',
        'managers.name as manager_name',
        'calls.team_id',
        'teams.name as team_name',
        'calls.score',
      ])
      .orderBy('calls.score', (order) => order.asc().nullsLast())
      .orderBy('calls.started_at', 'desc')
      .orderBy('calls.seq', 'desc')
      .limit(limit)
      .execute();

    const critical = new Map<string, ProblemCall['criticalFindings']>();
    for (const chunk of chunkRows(rows.map((row) => row.id), 1)) {
      const findings = await db
        .selectFrom('findings')
        .select(['call_id', 'kind', 'turn', 'quote'])
        .where('call_id', 'in', chunk)
        .where('severity', '=', 'critical')
        .orderBy('call_id')
        .orderBy('position')
        .execute();
      for (const finding of findings) {
        const list = critical.get(finding.call_id) ?? [];
        list.push({ kind: finding.kind as FindingKind, turn: finding.turn, quote: finding.quote });
        critical.set(finding.call_id, list);
      }
    }
    return rows.map((row) => ({
      id: row.id,
      startedAt: readOptionalTimestamp(row.started_at),
      durationSec: row.duration_sec,
      manager: row.manager_id === null || row.manager_name === null ? null : { id: row.manager_id, name: row.manager_name },
      team: row.team_id === null || row.team_name === null ? null : { id: row.team_id, name: row.team_name },
      score: row.score,
      criticalFindings: critical.get(row.id) ?? [],
    }));
  }

  /** Calls matching the filter that started within the ranges as a whole. */
  private inRanges(filter: CallFilter, ranges: readonly TimeRange[]): CallsQuery {
    const first = ranges[0]?.start;
    const last = ranges.at(-1)?.end;
    const bounded: CallFilter = { ...filter };
    if (first !== undefined) bounded.startedFrom = first;
    if (last !== undefined) bounded.startedTo = last;
    return applyFilter(this.context, this.context.db.selectFrom('calls'), bounded);
  }
}

/**
 * The index of the range a call's start falls in. The ranges are consecutive, so each arm only checks
 * the upper bound; the query's own bounds exclude calls outside them all.
 */
function bucketOf(ranges: readonly TimeRange[]): RawBuilder<number> {
  const arms = ranges.map((range, index) => sql`when calls.started_at < ${range.end} then ${sql.lit(index)}`);
  return sql<number>`case ${sql.join(arms, sql` `)} end`;
}

function totalsOf(
  calls: string | number | bigint,
  evaluated: string | number | bigint,
  scored: string | number | bigint,
  scoreSum: string | number | bigint | null,
): PeriodTotals {
  const scoredCalls = readNumber(scored) ?? 0;
  return {
    calls: readNumber(calls) ?? 0,
    evaluatedCalls: readNumber(evaluated) ?? 0,
    scoredCalls,
    averageScore: scoredCalls === 0 ? null : (readNumber(scoreSum) ?? 0) / scoredCalls,
  };
}
