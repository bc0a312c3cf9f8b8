import { describe, expect, it } from 'vitest';

import type { CriterionImpact, FindingImpact } from '../../data/index.ts';
import { rankBehaviours } from './behaviour-ranking.ts';

function findingImpact(kind: FindingImpact['kind'], callsWith: number, callsWithout: number): FindingImpact {
  return { kind, callsWith, callsWithout, averageScoreWith: null, averageScoreWithout: null };
}

function criterionImpact(criterionId: string, failedCalls: number, passedCalls: number): CriterionImpact {
  return { criterionId, failedCalls, passedCalls, averageScoreFailed: null, averageScorePassed: null };
}

const SEVERITIES = new Map([['irritation', 'critical'], ['interruption', 'minor']] as const);
const POINTS = new Map([['next_step', 20], ['greeting', 5]]);

describe('rankBehaviours', () => {
  it('ranks by frequency times the engine cost', () => {
    const ranked = rankBehaviours({
      findings: [findingImpact('irritation', 2, 8), findingImpact('interruption', 8, 2), findingImpact('long_hold', 1, 9), findingImpact('no_solution', 0, 10)],
      criteria: [criterionImpact('next_step', 5, 5), criterionImpact('greeting', 10, 0)],
      severities: SEVERITIES,
      criterionPoints: POINTS,
    });

    // next_step 0.5 × 20 = 10, greeting 1 × 5 = 5, irritation 0.2 × 15 = 3, interruption 0.8 × 3 = 2.4,
    // long_hold 0.1 × 8 (major, not in the checklist) = 0.8; no_solution never happened.
    expect(ranked.map((entry) => entry.behaviour)).toEqual([
      { type: 'criterion', criterionId: 'next_step' },
      { type: 'criterion', criterionId: 'greeting' },
      { type: 'finding', kind: 'irritation' },
      { type: 'finding', kind: 'interruption' },
      { type: 'finding', kind: 'long_hold' },
    ]);
    expect(ranked.map((entry) => entry.impact)).toEqual([20, 5, 15, 3, 8]);
    expect(ranked.map((entry) => entry.frequency)).toEqual([0.5, 1, 0.2, 0.8, 0.1]);
  });

  it('leaves out criteria the checklist does not weigh', () => {
    const ranked = rankBehaviours({ findings: [findingImpact('irritation', 0, 4)], criteria: [criterionImpact('summary', 4, 0)], severities: SEVERITIES, criterionPoints: POINTS });

    expect(ranked).toEqual([]);
  });

  it('returns nothing for a manager without evaluated calls', () => {
    expect(rankBehaviours({ findings: [findingImpact('irritation', 0, 0)], criteria: [], severities: SEVERITIES, criterionPoints: POINTS })).toEqual([]);
  });
});
