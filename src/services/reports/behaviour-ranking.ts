import { FINDING_PENALTY } from '../../core/evaluation/score.ts';
import type { CriterionId } from '../../core/model/checklist.ts';
import type { FindingKind, Severity } from '../../core/model/evaluation.ts';
import type { CriterionImpact, FindingImpact } from '../../data/index.ts';

export type Behaviour = { type: 'finding'; kind: FindingKind } | { type: 'criterion'; criterionId: CriterionId };

export interface RankedBehaviour {
  behaviour: Behaviour;
  /** Share of the manager's evaluated calls with the behaviour, 0..1. */
  frequency: number;
  /** Score points the behaviour costs a call. */
  impact: number;
  callsWith: number;
  /** `frequency × impact`: the mean points the behaviour takes from each of the manager's calls. */
  priority: number;
}

export interface BehaviourStats {
  findings: readonly FindingImpact[];
  criteria: readonly CriterionImpact[];
}

export interface RankingInput {
  /** The manager's calls of the period. */
  own: BehaviourStats;
  /** Every call of the period, where a behaviour's cost is measured. */
  everyone: BehaviourStats;
  /** Severity of each finding kind in the checklist. */
  severities: ReadonlyMap<FindingKind, Severity>;
  /** Each criterion's share of the checklist's total weight, in score points. */
  criterionPoints: ReadonlyMap<string, number>;
}

/**
 * A cost is measured as the score gap between calls with and without the behaviour only when both
 * sides have at least this many calls; below that the gap is noise and the engine's own cost is used.
 */
const MIN_CALLS_FOR_GAP = 5;

/** Cost of a criterion missing from the checklist, in score points: the mean weight of ten criteria. */
const UNKNOWN_CRITERION_POINTS = 10;

/**
 * Ranks the manager's finding kinds and failed criteria by how often they happen times what they cost,
 * the costliest first. The cost is the gap in mean score that the behaviour makes across every call of
 * the period; where too few calls measure it, a finding costs its severity penalty and a criterion its
 * share of the checklist's weight.
 */
export function rankBehaviours(input: RankingInput): RankedBehaviour[] {
  const first = input.own.findings[0];
  const evaluated = first === undefined ? 0 : first.callsWith + first.callsWithout;
  if (evaluated === 0) {
    return [];
  }
  const ranked: RankedBehaviour[] = [];

  for (const own of input.own.findings) {
    if (own.callsWith === 0) {
      continue;
    }
    const measured = input.everyone.findings.find((entry) => entry.kind === own.kind);
    const gap = measured === undefined ? null : scoreGap(measured.averageScoreWithout, measured.averageScoreWith, measured.callsWithout, measured.callsWith);
    const impact = gap ?? FINDING_PENALTY[input.severities.get(own.kind) ?? 'major'];
    ranked.push(rankedOf({ type: 'finding', kind: own.kind }, own.callsWith, evaluated, impact));
  }

  for (const own of input.own.criteria) {
    if (own.failedCalls === 0) {
      continue;
    }
    const measured = input.everyone.criteria.find((entry) => entry.criterionId === own.criterionId);
    const gap = measured === undefined ? null : scoreGap(measured.averageScorePassed, measured.averageScoreFailed, measured.passedCalls, measured.failedCalls);
    const impact = gap ?? input.criterionPoints.get(own.criterionId) ?? UNKNOWN_CRITERION_POINTS;
    ranked.push(rankedOf({ type: 'criterion', criterionId: own.criterionId as CriterionId }, own.failedCalls, evaluated, impact));
  }

  return ranked.sort((left, right) => right.priority - left.priority || right.callsWith - left.callsWith);
}

function rankedOf(behaviour: Behaviour, callsWith: number, evaluated: number, impact: number): RankedBehaviour {
  const frequency = Math.min(1, callsWith / evaluated);
  return { behaviour, frequency: round(frequency, 3), impact: round(impact, 1), callsWith, priority: frequency * impact };
}

/** The measured gap, or null when it is not positive or too few calls back it. */
function scoreGap(without: number | null, withIt: number | null, callsWithout: number, callsWith: number): number | null {
  if (without === null || withIt === null || callsWithout < MIN_CALLS_FOR_GAP || callsWith < MIN_CALLS_FOR_GAP) {
    return null;
  }
  const gap = without - withIt;
  return gap > 0 ? gap : null;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
