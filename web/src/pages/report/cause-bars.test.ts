import { describe, expect, it } from 'vitest';

import { causeBars } from './cause-bars.ts';

const cause = (kind: string, rank: number, scoreGap: number | null) => ({ kind, rankByFrequency: rank, rankByImpact: rank, scoreGap });

describe('causeBars', () => {
  const causes = Array.from({ length: 10 }, (_, index) => cause(`k${String(index)}`, index + 1, 9 - index));

  it('draws eight bars and counts the rest', () => {
    const bars = causeBars(causes, 'frequency');

    expect(bars.shown.map((item) => item.kind)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7']);
    expect(bars.hidden).toBe(2);
    expect(bars.notLowering).toEqual([]);
  });

  it('leaves findings that do not lower the score out of the impact bars', () => {
    const bars = causeBars(causes, 'impact');

    // Gaps 9..1 lower the score, 0 does not; the ninth lowering cause is counted, not drawn.
    expect(bars.shown).toHaveLength(8);
    expect(bars.hidden).toBe(1);
    expect(bars.notLowering.map((item) => item.kind)).toEqual(['k9']);
  });

  it('keeps every cause for the example picker', () => {
    expect(causeBars(causes, 'impact').sorted).toHaveLength(10);
  });
});
