import type { Checklist, CriterionId } from '../../core/model/checklist.ts';
import type { FindingKind, Severity } from '../../core/model/evaluation.ts';
import { FINDING_TITLES } from '../../core/model/finding-titles.ts';
import type { CallFilter, Database, ReportRange, ReportScope } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { callScopeOf, canSeeManager, restrictFilter } from '../accounts/access.ts';
import type { Viewer } from '../accounts/access.ts';
import { criterionTitle } from '../reviews/review-titles.ts';
import { CRITERION_ADVICE, FINDING_ADVICE } from './behaviour-advice.ts';
import { rankBehaviours } from './behaviour-ranking.ts';
import type { Behaviour, RankedBehaviour } from './behaviour-ranking.ts';
import { toReportRange, weekRanges, zoneOf } from './report-periods.ts';

export interface Fragment {
  callId: string;
  callStartedAt: string | null;
  turn: number;
  startSec: number | null;
  quote: string;
  explanation: string;
  /** For an interruption, the client words the manager cut. */
  interruptedClient: { turn: number; quote: string } | null;
}

export interface FocusItem {
  behaviour: Behaviour;
  title: string;
  recommendation: string;
  frequency: number;
  impact: number;
  callsWith: number;
  thisWeek: number;
  lastWeek: number;
  fragments: Fragment[];
}

export interface CoachingView {
  manager: { id: number; name: string; team: { id: number; name: string } | null };
  timeZone: string;
  weeks: { weekStart: string; calls: number; evaluatedCalls: number; averageScore: number | null }[];
  scoreChange: number | null;
  focus: FocusItem[];
}

/** Behaviours the manager page shows, and fragments of each. */
const FOCUS_SIZE = 3;
const FRAGMENTS_PER_BEHAVIOUR = 3;

/**
 * The manager page («Мой разбор»): the weekly score, the three behaviours to work on first and the
 * progress since last week. A manager sees their own page, a head of sales the pages of their teams'
 * managers (over their teams' calls), reviewers and administrators every page.
 */
export class CoachingService {
  constructor(private readonly deps: { database: Database; timeZone: string; activeChecklist: () => Promise<Checklist>; now: () => Date }) {}

  async coaching(viewer: Viewer, managerId: number, request: { weeks: number; timeZone?: string | undefined }): Promise<CoachingView> {
    const { database } = this.deps;
    const scope = callScopeOf(viewer);
    const manager = await database.managers.getManager(managerId);
    const filter = manager === undefined || !canSeeManager(scope, manager) ? null : restrictFilter({ managerIds: [managerId] }, scope);
    if (manager === undefined || filter === null) {
      throw new AppError('NOT_FOUND', `Менеджер ${managerId} не найден.`);
    }
    const own = reportScopeOf(filter);
    const timeZone = zoneOf(request.timeZone, viewer.timeZone, this.deps.timeZone);
    const weeks = weekRanges(request.weeks, timeZone, this.deps.now()).map((week) => ({ ...week, range: toReportRange(week, timeZone, this.deps.timeZone) }));
    const period = spanOf(weeks.map((week) => week.range));

    const totals = await database.trends.totalsByRange(own, weeks.map((week) => week.range));
    const ranked = rankBehaviours({
      findings: await database.trends.findingImpact(own, period),
      criteria: await database.trends.criterionImpact(own, period),
      ...(await this.checklistWeights()),
    }).slice(0, FOCUS_SIZE);

    const lastTwo = await this.countByWeek(own, weeks.slice(-2).map((week) => week.range), ranked);
    const focus: FocusItem[] = [];
    for (const behaviour of ranked) {
      const [lastWeek, thisWeek] = lastTwo.get(behaviourKey(behaviour.behaviour)) ?? [0, 0];
      focus.push({
        ...describe(behaviour),
        frequency: behaviour.frequency,
        impact: behaviour.impact,
        callsWith: behaviour.callsWith,
        thisWeek,
        lastWeek,
        fragments: await this.fragments(own, period, behaviour.behaviour),
      });
    }

    const current = totals.at(-1)?.averageScore ?? null;
    const previous = totals.at(-2)?.averageScore ?? null;
    return {
      manager: { id: manager.id, name: manager.name, team: manager.team },
      timeZone,
      weeks: weeks.map((week, index) => ({
        weekStart: week.weekStart,
        calls: totals[index]?.calls ?? 0,
        evaluatedCalls: totals[index]?.evaluatedCalls ?? 0,
        averageScore: roundScore(totals[index]?.averageScore ?? null),
      })),
      scoreChange: current === null || previous === null ? null : roundScore(current - previous),
      focus,
    };
  }

  /** Calls with each focus behaviour in the week before last and last week, by behaviour key. */
  private async countByWeek(scope: ReportScope, weeks: readonly ReportRange[], ranked: readonly RankedBehaviour[]): Promise<Map<string, [number, number]>> {
    const { trends } = this.deps.database;
    const counts = new Map<string, [number, number]>();
    if (weeks.length < 2) {
      return counts;
    }
    const findingCounts = await trends.findingCallsByRange(scope, weeks);
    for (const { behaviour } of ranked) {
      if (behaviour.type === 'finding') {
        counts.set(behaviourKey(behaviour), [findingCounts[0]?.[behaviour.kind] ?? 0, findingCounts[1]?.[behaviour.kind] ?? 0]);
      }
    }
    if (ranked.some(({ behaviour }) => behaviour.type === 'criterion')) {
      const [previous, current] = await Promise.all(weeks.map((week) => trends.criterionImpact(scope, week)));
      for (const { behaviour } of ranked) {
        if (behaviour.type === 'criterion') {
          const failed = (impacts: typeof previous) => impacts?.find((impact) => impact.criterionId === behaviour.criterionId)?.failedCalls ?? 0;
          counts.set(behaviourKey(behaviour), [failed(previous), failed(current)]);
        }
      }
    }
    return counts;
  }

  private async fragments(scope: ReportScope, period: ReportRange, behaviour: Behaviour): Promise<Fragment[]> {
    const { trends } = this.deps.database;
    if (behaviour.type === 'finding') {
      const examples = await trends.findingExamples(scope, period, [behaviour.kind], FRAGMENTS_PER_BEHAVIOUR);
      return examples.map((example) => ({
        callId: example.callId,
        callStartedAt: example.callStartedAt,
        turn: example.turn,
        startSec: example.startSec,
        quote: example.quote,
        explanation: example.explanation,
        interruptedClient: example.interruptedClient,
      }));
    }
    const calls = await trends.failedCriterionCalls(scope, period, behaviour.criterionId, FRAGMENTS_PER_BEHAVIOUR);
    return calls.flatMap(({ callId, startedAt, evaluation }) => {
      const verdict = evaluation.criteria.find((criterion) => criterion.id === behaviour.criterionId);
      const evidence = verdict?.evidence[0];
      return verdict === undefined
        ? []
        : [{ callId, callStartedAt: startedAt, turn: evidence?.turn ?? 0, startSec: evidence?.startSec ?? null, quote: evidence?.quote ?? '', explanation: verdict.explanation, interruptedClient: null }];
    });
  }

  /**
   * Severity of each finding kind and the score points of each criterion (its share of the total weight
   * of enabled criteria) in the active checklist, for behaviours whose cost cannot be measured.
   */
  private async checklistWeights(): Promise<{ severities: Map<FindingKind, Severity>; criterionPoints: Map<string, number> }> {
    const checklist = await this.deps.activeChecklist();
    const enabled = checklist.criteria.filter((criterion) => criterion.enabled);
    const total = enabled.reduce((sum, criterion) => sum + criterion.weight, 0);
    return {
      severities: new Map(checklist.findings.map((setting) => [setting.kind, setting.severity])),
      criterionPoints: new Map(enabled.map((criterion) => [criterion.id, total === 0 ? 0 : (100 * criterion.weight) / total])),
    };
  }
}

export function behaviourKey(behaviour: Behaviour): string {
  return behaviour.type === 'finding' ? `finding:${behaviour.kind}` : `criterion:${behaviour.criterionId}`;
}

function describe(ranked: RankedBehaviour): { behaviour: Behaviour; title: string; recommendation: string } {
  const { behaviour } = ranked;
  if (behaviour.type === 'finding') {
    return { behaviour, title: FINDING_TITLES[behaviour.kind], recommendation: FINDING_ADVICE[behaviour.kind] };
  }
  const id: CriterionId = behaviour.criterionId;
  return { behaviour, title: `Не выполнен критерий «${criterionTitle(id)}»`, recommendation: CRITERION_ADVICE[id] };
}

/** Turns the managers and teams of a viewer's filter into a report scope. */
export function reportScopeOf(filter: CallFilter): ReportScope {
  const scope: ReportScope = {};
  if (filter.managerIds !== undefined && filter.managerIds.length > 0) scope.managerIds = filter.managerIds;
  if (filter.teamIds !== undefined && filter.teamIds.length > 0) scope.teamIds = filter.teamIds;
  return scope;
}

/** Joins consecutive ranges into one, with their days when every one has them. */
function spanOf(ranges: readonly ReportRange[]): ReportRange {
  const first = ranges[0];
  const last = ranges.at(-1);
  const span: ReportRange = { start: first?.start ?? '', end: last?.end ?? '' };
  if (first?.days !== undefined && last?.days !== undefined && ranges.every((range) => range.days !== undefined)) {
    span.days = { from: first.days.from, to: last.days.to };
  }
  return span;
}

function roundScore(score: number | null): number | null {
  return score === null ? null : Math.round(score * 10) / 10;
}
