import { describe, expect, it } from 'vitest';

import type { CriterionImpact, FindingImpact } from '../../data/index.ts';
import { rankBehaviours } from './behaviour-ranking.ts';

function findingImpact(kind: FindingImpact['kind'], callsWith: number, callsWithout: number, withScore: number | null, withoutScore: number | null): FindingImpact {
  return { kind, callsWith, callsWithout, averageScoreWith: withScore, averageScoreWithout: withoutScore };
}

function criterionImpact(criterionId: string, failedCalls: number, passedCalls: number, failedScore: number | null, passedScore: number | null): CriterionImpact {
  return { criterionId, failedCalls, passedCalls, averageScoreFailed: failedScore, averageScorePassed: passedScore };
}

const SEVERITIES = new Map([['long_hold', 'major'], ['interruption', 'minor']] as const);
const POINTS = new Map([['next_step', 20], ['greeting', 5]]);

describe('rankBehaviours', () => {
  it('ranks by frequency times the measured score gap', () => {
    const ranked = rankBehaviours({
      own: {
        findings: [findingImpact('irritation', 2, 8, 30, 70), findingImpact('interruption', 8, 2, 60, 70), findingImpact('long_hold', 0, 10, null, 65)],
        criteria: [criterionImpact('next_step', 5, 5, 40, 80)],
      },
      everyone: {
        findings: [findingImpact('irritation', 20, 80, 30, 70), findingImpact('interruption', 30, 70, 64, 68), findingImpact('long_hold', 10, 90, 60, 66)],
        criteria: [criterionImpact('next_step', 40, 60, 45, 75)],
      },
      severities: SEVERITIES,
      criterionPoints: POINTS,
    });

    // next_step: 0.5 × 30 = 15; irritation: 0.2 × 40 = 8; interruption: 0.8 × 4 = 3.2; long_hold never happened.
    expect(ranked.map((entry) => entry.behaviour)).toEqual([
      { type: 'criterion', criterionId: 'next_step' },
      { type: 'finding', kind: 'irritation' },
      { type: 'finding', kind: 'interruption' },
    ]);
    expect(ranked.map((entry) => entry.impact)).toEqual([30, 40, 4]);
    expect(ranked.map((entry) => entry.frequency)).toEqual([0.5, 0.2, 0.8]);
  });

  it('falls back to the engine cost when too few calls measure the gap', () => {
    const ranked = rankBehaviours({
      own: { findings: [findingImpact('long_hold', 1, 9, 50, 70), findingImpact('interruption', 1, 9, 50, 70)], criteria: [criterionImpact('greeting', 1, 9, 10, 90)] },
      everyone: { findings: [findingImpact('long_hold', 2, 98, 10, 70), findingImpact('interruption', 50, 50, 80, 60)], criteria: [criterionImpact('greeting', 3, 97, 10, 90)] },
      severities: SEVERITIES,
      criterionPoints: POINTS,
    });

    // long_hold: 2 calls measure it, so its major penalty 8; interruption scores higher with it, so its minor penalty 3;
    // greeting: 3 failed calls, so its 5 points of weight.
    expect(Object.fromEntries(ranked.map((entry) => [entry.behaviour.type === 'finding' ? entry.behaviour.kind : entry.behaviour.criterionId, entry.impact]))).toEqual({
      long_hold: 8,
      interruption: 3,
      greeting: 5,
    });
  });

  it('returns nothing for a manager without evaluated calls', () => {
    expect(rankBehaviours({ own: { findings: [findingImpact('irritation', 0, 0, null, null)], criteria: [] }, everyone: { findings: [], criteria: [] }, severities: SEVERITIES, criterionPoints: POINTS })).toEqual([]);
  });
});
