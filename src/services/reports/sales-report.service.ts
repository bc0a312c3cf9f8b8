import type { FindingKind } from '../../core/model/evaluation.ts';
import { FINDING_TITLES } from '../../core/model/finding-titles.ts';
import type { CallFilter, Database, FindingExample, ManagerComparison, ReportRange, ReportScope, TeamSummary } from '../../data/index.ts';
import { callScopeOf, requireRole, restrictFilter } from '../accounts/access.ts';
import type { Viewer } from '../accounts/access.ts';
import { reportScopeOf } from './coaching.service.ts';
import type { Fragment } from './coaching.service.ts';
import { dayRange, reportPeriod, toReportRange, weekRanges, zoneOf } from './report-periods.ts';

export interface ReportRequest {
  from?: string | undefined;
  to?: string | undefined;
  teamId?: number[] | undefined;
  managerId?: number[] | undefined;
  timeZone?: string | undefined;
}

export interface CauseView {
  kind: FindingKind;
  title: string;
  callsWith: number;
  frequency: number;
  averageScoreWith: number | null;
  averageScoreWithout: number | null;
  scoreGap: number | null;
  rankByFrequency: number;
  rankByImpact: number;
  examples: (Fragment & { score: number | null; manager: { id: number; name: string } | null })[];
}

export interface CausesView {
  period: { from: string; to: string };
  evaluatedCalls: number;
  averageScore: number | null;
  causes: CauseView[];
}

interface ComparisonRow {
  calls: number;
  evaluatedCalls: number;
  averageScore: number | null;
  findings: Partial<Record<FindingKind, number>>;
  topFinding: FindingKind | null;
}

export interface ComparisonView {
  period: { from: string; to: string };
  teams: (ComparisonRow & { team: { id: number; name: string } | null })[];
  managers: (ComparisonRow & { manager: { id: number; name: string } | null; team: { id: number; name: string } | null })[];
}

export interface TrendsView {
  timeZone: string;
  weeks: { weekStart: string; calls: number; evaluatedCalls: number; averageScore: number | null; findings: Partial<Record<FindingKind, number>> }[];
}

export interface ProblemCallsView {
  date: string;
  timeZone: string;
  threshold: number;
  items: {
    id: string;
    startedAt: string | null;
    durationSec: number | null;
    manager: { id: number; name: string } | null;
    team: { id: number; name: string } | null;
    score: number | null;
    reasons: ('low_score' | 'critical_finding')[];
    criticalFindings: { kind: FindingKind; title: string; turn: number; quote: string }[];
  }[];
}

const REPORT_ROLES = ['head_of_sales', 'qa_reviewer', 'admin'] as const;
const REPORT_ACTION = 'смотреть отчёты отдела продаж';
const EXAMPLES_PER_CAUSE = 3;

/**
 * The head-of-sales report: why clients are lost (finding kinds by frequency and by the score they
 * cost, with example calls), teams and managers side by side, weekly trends and a day's problem calls.
 * A head of sales sees their teams' calls; reviewers and administrators see all.
 */
export class SalesReportService {
  constructor(private readonly deps: { database: Database; timeZone: string; now: () => Date }) {}

  async causes(viewer: Viewer, request: ReportRequest): Promise<CausesView> {
    const { scope, period, range } = this.scoped(viewer, request);
    if (scope === null) {
      return { period, evaluatedCalls: 0, averageScore: null, causes: [] };
    }
    const impacts = await this.deps.database.trends.findingImpact(scope, range);
    const first = impacts[0];
    const evaluated = first === undefined ? 0 : first.callsWith + first.callsWithout;
    const present = impacts.filter((impact) => impact.callsWith > 0);
    const examples = await this.deps.database.trends.findingExamples(scope, range, present.map((impact) => impact.kind), EXAMPLES_PER_CAUSE);

    const byFrequency = [...present].sort((left, right) => right.callsWith - left.callsWith);
    const gapOf = (impact: (typeof present)[number]) =>
      impact.averageScoreWith === null || impact.averageScoreWithout === null ? null : impact.averageScoreWithout - impact.averageScoreWith;
    const byImpact = [...present].sort((left, right) => (gapOf(right) ?? -Infinity) - (gapOf(left) ?? -Infinity));
    const [totals] = await this.deps.database.trends.totalsByRange(scope, [range]);

    return {
      period,
      evaluatedCalls: evaluated,
      averageScore: round(totals?.averageScore ?? null),
      causes: byFrequency.map((impact) => ({
        kind: impact.kind,
        title: FINDING_TITLES[impact.kind],
        callsWith: impact.callsWith,
        frequency: evaluated === 0 ? 0 : Math.round((impact.callsWith / evaluated) * 1000) / 1000,
        averageScoreWith: round(impact.averageScoreWith),
        averageScoreWithout: round(impact.averageScoreWithout),
        scoreGap: round(gapOf(impact)),
        rankByFrequency: byFrequency.indexOf(impact) + 1,
        rankByImpact: byImpact.indexOf(impact) + 1,
        examples: examples.filter((example) => example.kind === impact.kind).map(exampleView),
      })),
    };
  }

  async comparison(viewer: Viewer, request: ReportRequest): Promise<ComparisonView> {
    const { scope, period, range } = this.scoped(viewer, request);
    if (scope === null) {
      return { period, teams: [], managers: [] };
    }
    const { teams, managers } = await this.deps.database.trends.comparison(scope, range);
    return {
      period,
      teams: teams.map((row: TeamSummary) => ({ team: row.team, ...comparisonRow(row.calls, row.evaluatedCalls, row.averageScore, row.findings) })),
      managers: managers.map((row: ManagerComparison) => ({
        manager: row.manager,
        team: row.team,
        ...comparisonRow(row.calls, row.evaluatedCalls, row.averageScore, row.findings),
      })),
    };
  }

  async trends(viewer: Viewer, request: { weeks: number; teamId?: number[] | undefined; managerId?: number[] | undefined; timeZone?: string | undefined }): Promise<TrendsView> {
    requireRole(viewer, REPORT_ROLES, REPORT_ACTION);
    const timeZone = zoneOf(request.timeZone, viewer.timeZone, this.deps.timeZone);
    const weeks = weekRanges(request.weeks, timeZone, this.deps.now());
    const ranges = weeks.map((week) => toReportRange(week, timeZone, this.deps.timeZone));
    const filter = restrictFilter(selection(request), callScopeOf(viewer));
    const scope = filter === null ? null : reportScopeOf(filter);
    const totals = scope === null ? [] : await this.deps.database.trends.totalsByRange(scope, ranges);
    const findings = scope === null ? [] : await this.deps.database.trends.findingCallsByRange(scope, ranges);
    return {
      timeZone,
      weeks: weeks.map((week, index) => ({
        weekStart: week.weekStart,
        calls: totals[index]?.calls ?? 0,
        evaluatedCalls: totals[index]?.evaluatedCalls ?? 0,
        averageScore: round(totals[index]?.averageScore ?? null),
        findings: findings[index] ?? {},
      })),
    };
  }

  /** Calls of the day that scored below `threshold` or have a critical finding, the worst first. */
  async problemCalls(
    viewer: Viewer,
    request: { date?: string | undefined; timeZone?: string | undefined; threshold: number; teamId?: number[] | undefined; managerId?: number[] | undefined; limit: number },
  ): Promise<ProblemCallsView> {
    requireRole(viewer, REPORT_ROLES, REPORT_ACTION);
    const timeZone = zoneOf(request.timeZone, viewer.timeZone, this.deps.timeZone);
    const day = dayRange(request.date, timeZone, this.deps.now());
    const filter = restrictFilter(selection(request), callScopeOf(viewer));
    const calls = filter === null ? [] : await this.deps.database.trends.problemCalls(reportScopeOf(filter), day, request.threshold, request.limit);
    return {
      date: day.date,
      timeZone,
      threshold: request.threshold,
      items: calls.map((call) => ({
        ...call,
        reasons: [
          ...(call.score !== null && call.score < request.threshold ? (['low_score'] as const) : []),
          ...(call.criticalFindings.length > 0 ? (['critical_finding'] as const) : []),
        ],
        criticalFindings: call.criticalFindings.map((finding) => ({ ...finding, title: FINDING_TITLES[finding.kind] })),
      })),
    };
  }

  /** The viewer's filter for a report over a period; null when the viewer may see none of the calls asked for. */
  private scoped(viewer: Viewer, request: ReportRequest): { scope: ReportScope | null; period: { from: string; to: string }; range: ReportRange } {
    requireRole(viewer, REPORT_ROLES, REPORT_ACTION);
    const timeZone = zoneOf(request.timeZone, viewer.timeZone, this.deps.timeZone);
    const period = reportPeriod(request.from, request.to, timeZone, this.deps.now());
    const filter = restrictFilter(selection(request), callScopeOf(viewer));
    return { scope: filter === null ? null : reportScopeOf(filter), period: { from: period.start, to: period.end }, range: toReportRange(period, timeZone, this.deps.timeZone) };
  }
}

function selection(request: { teamId?: number[] | undefined; managerId?: number[] | undefined }): CallFilter {
  const filter: CallFilter = {};
  if (request.teamId !== undefined) filter.teamIds = request.teamId;
  if (request.managerId !== undefined) filter.managerIds = request.managerId;
  return filter;
}

function comparisonRow(calls: number, evaluatedCalls: number, averageScore: number | null, findings: Partial<Record<FindingKind, number>>): ComparisonRow {
  let topFinding: FindingKind | null = null;
  for (const [kind, count] of Object.entries(findings) as [FindingKind, number][]) {
    if (topFinding === null || count > (findings[topFinding] ?? 0)) {
      topFinding = kind;
    }
  }
  return { calls, evaluatedCalls, averageScore: round(averageScore), findings, topFinding };
}

function exampleView(example: FindingExample): CauseView['examples'][number] {
  return {
    callId: example.callId,
    callStartedAt: example.callStartedAt,
    turn: example.turn,
    startSec: example.startSec,
    quote: example.quote,
    explanation: example.explanation,
    interruptedClient: example.interruptedClient,
    score: example.score,
    manager: example.manager,
  };
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
