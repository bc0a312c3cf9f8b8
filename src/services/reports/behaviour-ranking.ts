import { FINDING_PENALTY } from '../../core/evaluation/score.ts';
import type { CriterionId } from '../../core/model/checklist.ts';
import type { FindingKind, Severity } from '../../core/model/evaluation.ts';
import type { CriterionImpact, FindingImpact } from '../../data/index.ts';

export type Behaviour = { type: 'finding'; kind: FindingKind } | { type: 'criterion'; criterionId: CriterionId };

export interface RankedBehaviour {
  behaviour: Behaviour;
  /** Share of the manager's evaluated calls with the behaviour, 0..1. */
  frequency: number;
  /** Score points the behaviour takes from a call by the engine's formula. */
  impact: number;
  callsWith: number;
  /** `frequency × impact`: the mean points the behaviour takes from each of the manager's calls. */
  priority: number;
}

export interface RankingInput {
  /** The manager's calls of the period by finding kind. */
  findings: readonly FindingImpact[];
  /** The manager's calls of the period by criterion result. */
  criteria: readonly CriterionImpact[];
  /** Severity of each finding kind in the checklist; a kind missing here counts as major. */
  severities: ReadonlyMap<FindingKind, Severity>;
  /** Each criterion's share of the checklist's total weight, in score points. */
  criterionPoints: ReadonlyMap<string, number>;
}

/**
 * Ranks the manager's finding kinds and failed criteria by how often they happen times what they cost,
 * the costliest first. The cost is the engine's own: a finding takes its severity penalty from the
 * score, and a failed criterion its share of the checklist's weight. It is the same for every manager,
 * so a manager can check it against the score formula.
 */
export function rankBehaviours(input: RankingInput): RankedBehaviour[] {
  const first = input.findings[0];
  const evaluated = first === undefined ? 0 : first.callsWith + first.callsWithout;
  if (evaluated === 0) {
    return [];
  }
  const ranked: RankedBehaviour[] = [];
  for (const entry of input.findings) {
    if (entry.callsWith > 0) {
      const impact = FINDING_PENALTY[input.severities.get(entry.kind) ?? 'major'];
      ranked.push(rankedOf({ type: 'finding', kind: entry.kind }, entry.callsWith, evaluated, impact));
    }
  }
  for (const entry of input.criteria) {
    const impact = input.criterionPoints.get(entry.criterionId);
    if (entry.failedCalls > 0 && impact !== undefined) {
      ranked.push(rankedOf({ type: 'criterion', criterionId: entry.criterionId as CriterionId }, entry.failedCalls, evaluated, impact));
    }
  }
  return ranked.sort((left, right) => right.priority - left.priority || right.callsWith - left.callsWith);
}

function rankedOf(behaviour: Behaviour, callsWith: number, evaluated: number, impact: number): RankedBehaviour {
  const frequency = Math.min(1, callsWith / evaluated);
  return { behaviour, frequency: round(frequency, 3), impact: round(impact, 1), callsWith, priority: frequency * impact };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
