import type { Evaluation, FindingKind } from '../core/model/evaluation.ts';
import { FINDING_KINDS } from '../core/model/evaluation.ts';
import type { DataContext } from './data-context.ts';
import type { FindingImpact } from './report.repository.ts';
import { ReportRollup } from './report-rollup.ts';
import type { DaySpan, OwnerFindingCount, OwnerSums, RollupScope, RollupSums } from './report-rollup.ts';
import {
  criterionRowsInRange,
  failedCriterionCalls,
  findingExamples,
  findingRowsInRange,
  ownerFindingsInRange,
  ownerTotalsInRange,
  problemCalls,
  totalsInRanges,
} from './report-range-queries.ts';
import type { FindingExample, ProblemCall } from './report-range-queries.ts';

export type { FindingExample, ProblemCall } from './report-range-queries.ts';

/** A half-open span of time `[start, end)`, both ISO instants. */
export interface TimeRange {
  start: string;
  end: string;
}

/**
 * A report period. `days` is set when the period is whole local days in the database's time zone. Such
 * a period is summed from the daily rollup, and any other is read from the calls themselves.
 */
export interface ReportRange extends TimeRange {
  days?: DaySpan;
}

/** Managers and teams a report covers; an absent list covers all, an empty one none. */
export type ReportScope = RollupScope;

export interface PeriodTotals {
  calls: number;
  evaluatedCalls: number;
  scoredCalls: number;
  /** Mean score of the calls that have one, or null when none has. */
  averageScore: number | null;
}

export interface GroupSummary extends PeriodTotals {
  /** Calls with each finding kind; kinds with none are left out. */
  findings: Partial<Record<FindingKind, number>>;
}

export interface TeamSummary extends GroupSummary {
  /** Null for calls saved without a team. */
  team: { id: number; name: string } | null;
}

export interface ManagerComparison extends GroupSummary {
  manager: { id: number; name: string } | null;
  /** The manager's current team. */
  team: { id: number; name: string } | null;
}

export interface CriterionImpact {
  criterionId: string;
  failedCalls: number;
  averageScoreFailed: number | null;
  passedCalls: number;
  averageScorePassed: number | null;
}

/**
 * Aggregates for the manager page and the head-of-sales report: totals by week, the cost of findings
 * and criteria, team and manager comparisons, example fragments and a day's problem calls. Periods of
 * whole days in the database's time zone are summed from the daily rollup; other periods read the calls.
 */
export class TrendReportRepository {
  private readonly rollup: ReportRollup;

  constructor(private readonly context: DataContext) {
    this.rollup = new ReportRollup(context);
  }

  /** Calls, evaluated calls and mean score in each range, in the order given. */
  async totalsByRange(scope: ReportScope, ranges: readonly ReportRange[]): Promise<PeriodTotals[]> {
    if (ranges.length === 0) {
      return [];
    }
    const spans = await this.spansOf(ranges);
    const sums = spans === null ? await totalsInRanges(this.context, scope, ranges) : await this.rollup.totals(scope, spans);
    return sums.map(totalsOf);
  }

  /** Calls with each finding kind in each range: one map per range, kinds with none left out. */
  async findingCallsByRange(scope: ReportScope, ranges: readonly ReportRange[]): Promise<Partial<Record<FindingKind, number>>[]> {
    if (ranges.length === 0) {
      return [];
    }
    const spans = await this.spansOf(ranges);
    const sums = spans === null ? await Promise.all(ranges.map((range) => findingRowsInRange(this.context, scope, range))) : await this.rollup.findingSums(scope, spans);
    return sums.map((byKind) => Object.fromEntries([...byKind].map(([kind, entry]) => [kind, entry.calls])));
  }

  /**
   * For each finding kind, the evaluated calls with it and their mean score, against the evaluated calls
   * without it: the gap shows what the behaviour costs. Every kind is listed, those without calls too.
   */
  async findingImpact(scope: ReportScope, range: ReportRange): Promise<FindingImpact[]> {
    const spans = await this.spansOf([range]);
    const [total] = spans === null ? await totalsInRanges(this.context, scope, [range]) : await this.rollup.totals(scope, spans);
    const byKind = spans === null ? await findingRowsInRange(this.context, scope, range) : (await this.rollup.findingSums(scope, spans))[0];
    const evaluated = total?.evaluated ?? 0;
    return FINDING_KINDS.map((kind) => {
      const withIt = byKind?.get(kind);
      const scoredWithout = (total?.scored ?? 0) - (withIt?.scored ?? 0);
      return {
        kind,
        callsWith: withIt?.calls ?? 0,
        averageScoreWith: withIt === undefined || withIt.scored === 0 ? null : withIt.scoreSum / withIt.scored,
        callsWithout: evaluated - (withIt?.calls ?? 0),
        averageScoreWithout: scoredWithout === 0 ? null : ((total?.scoreSum ?? 0) - (withIt?.scoreSum ?? 0)) / scoredWithout,
      };
    });
  }

  /** For each criterion, the calls that failed and passed it and their mean scores. */
  async criterionImpact(scope: ReportScope, range: ReportRange): Promise<CriterionImpact[]> {
    const spans = await this.spansOf([range]);
    const rows = spans === null ? await criterionRowsInRange(this.context, scope, range) : await this.rollup.criterionSums(scope, spans[0] ?? { from: '', to: '' });
    const impacts = new Map<string, CriterionImpact>();
    for (const { criterionId, result, sums } of rows) {
      const impact = impacts.get(criterionId) ?? { criterionId, failedCalls: 0, averageScoreFailed: null, passedCalls: 0, averageScorePassed: null };
      const average = sums.scored === 0 ? null : sums.scoreSum / sums.scored;
      if (result === 'failed') {
        impact.failedCalls = sums.calls;
        impact.averageScoreFailed = average;
      } else {
        impact.passedCalls = sums.calls;
        impact.averageScorePassed = average;
      }
      impacts.set(criterionId, impact);
    }
    return [...impacts.values()].sort((left, right) => left.criterionId.localeCompare(right.criterionId));
  }

  /**
   * Calls, scores and calls with each finding kind per team the calls were saved with, by team name, and
   * per manager, by manager name. Both come from one pass over the sums of each manager and team pair.
   */
  async comparison(scope: ReportScope, range: ReportRange): Promise<{ teams: TeamSummary[]; managers: ManagerComparison[] }> {
    const spans = await this.spansOf([range]);
    const span = spans?.[0];
    const totals = span === undefined ? await ownerTotalsInRange(this.context, scope, range) : await this.rollup.ownerTotals(scope, span);
    const findings = span === undefined ? await ownerFindingsInRange(this.context, scope, range) : await this.rollup.ownerFindings(scope, span);
    const byTeam = summariesBy(totals, findings, (owner) => owner.teamKey);
    const byManager = summariesBy(totals, findings, (owner) => owner.managerKey);

    const teamRows = new Map((await this.context.db.selectFrom('teams').select(['id', 'name']).execute()).map((team) => [team.id, team]));
    const teams = [...byTeam]
      .map(([key, summary]) => ({ team: teamRows.get(key) ?? null, ...summary }))
      .sort((left, right) => compareNames(left.team?.name, right.team?.name));
    const managerRows = await this.context.db
      .selectFrom('managers')
      .leftJoin('teams', 'teams.id', 'managers.team_id')
      .select(['managers.id', 'managers.name', 'teams.id as team_id', 'teams.name as team_name'])
      .execute();
    const managerById = new Map(managerRows.map((manager) => [manager.id, manager]));
    const managers = [...byManager]
      .map(([key, summary]) => {
        const manager = managerById.get(key);
        return {
          manager: manager === undefined ? null : { id: manager.id, name: manager.name },
          team: manager?.team_id == null || manager.team_name === null ? null : { id: manager.team_id, name: manager.team_name },
          ...summary,
        };
      })
      .sort((left, right) => compareNames(left.manager?.name, right.manager?.name));
    return { teams, managers };
  }

  /** Lists the latest findings of each kind in the range, up to `perKind` of each, the newest call first. */
  findingExamples(scope: ReportScope, range: TimeRange, kinds: readonly FindingKind[], perKind: number): Promise<FindingExample[]> {
    return findingExamples(this.context, scope, range, kinds, perKind);
  }

  /** Lists the latest calls in the range that failed the criterion, with the engine's evaluation of each. */
  failedCriterionCalls(scope: ReportScope, range: TimeRange, criterionId: string, limit: number): Promise<{ callId: string; startedAt: string | null; evaluation: Evaluation }[]> {
    return failedCriterionCalls(this.context, scope, range, criterionId, limit);
  }

  /** Lists calls of the range scoring below `threshold` or with a critical finding, the lowest score first. */
  problemCalls(scope: ReportScope, range: TimeRange, threshold: number, limit: number): Promise<ProblemCall[]> {
    return problemCalls(this.context, scope, range, threshold, limit);
  }

  /** Returns the day spans of the ranges when the rollup covers them, after bringing it up to date, else null. */
  private async spansOf(ranges: readonly ReportRange[]): Promise<DaySpan[] | null> {
    const spans = ranges.map((range) => range.days);
    if (!spans.every((span): span is DaySpan => span !== undefined)) {
      return null;
    }
    await this.rollup.refresh();
    return spans;
  }
}

/** Adds up the sums and finding counts of the manager and team pairs by one of their keys. */
function summariesBy(totals: readonly OwnerSums[], findings: readonly OwnerFindingCount[], keyOf: (owner: { managerKey: number; teamKey: number }) => number): Map<number, GroupSummary> {
  const sums = new Map<number, RollupSums>();
  for (const owner of totals) {
    const key = keyOf(owner);
    const total = sums.get(key) ?? { calls: 0, evaluated: 0, scored: 0, scoreSum: 0 };
    total.calls += owner.sums.calls;
    total.evaluated += owner.sums.evaluated;
    total.scored += owner.sums.scored;
    total.scoreSum += owner.sums.scoreSum;
    sums.set(key, total);
  }
  const counts = new Map<number, Partial<Record<FindingKind, number>>>();
  for (const finding of findings) {
    const key = keyOf(finding);
    const byKind = counts.get(key) ?? {};
    byKind[finding.kind] = (byKind[finding.kind] ?? 0) + finding.calls;
    counts.set(key, byKind);
  }
  return new Map([...sums].map(([key, total]) => [key, { ...totalsOf(total), findings: counts.get(key) ?? {} }]));
}

function totalsOf(sums: RollupSums): PeriodTotals {
  return {
    calls: sums.calls,
    evaluatedCalls: sums.evaluated,
    scoredCalls: sums.scored,
    averageScore: sums.scored === 0 ? null : sums.scoreSum / sums.scored,
  };
}

/** Orders by name, the unnamed (no manager, no team) last. */
function compareNames(left: string | undefined, right: string | undefined): number {
  if (left === undefined && right === undefined) {
    return 0;
  }
  if (left === undefined) {
    return 1;
  }
  if (right === undefined) {
    return -1;
  }
  return left.localeCompare(right, 'ru');
}
