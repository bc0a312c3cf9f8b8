import { describe, expect, it } from 'vitest';

import { bootstrapDifference } from './bootstrap.ts';
import { excludesZero, newcombeDifference, summarize, welchDifference, wilsonInterval } from './intervals.ts';
import { npsIndexOf } from './trends.ts';

describe('confidence intervals', () => {
  // Reference values: Newcombe (1998), tables I and II, and SciPy's `ttest_ind(a, b, equal_var=False)`.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('gives the Wilson interval of %i of %i', (successes, n, low, high) => {
    const interval = wilsonInterval(successes, n, 0.95);
    expect(interval.low).toBeCloseTo(low, 3);
    expect(interval.high).toBeCloseTo(high, 3);
  });

  it('gives Newcombe’s interval of a difference', () => {
    const interval = newcombeDifference(wilsonInterval(56, 70, 0.95), wilsonInterval(48, 80, 0.95));
    expect(interval.estimate).toBeCloseTo(0.2, 6);
    expect(interval.low).toBeCloseTo(0.0524, 3);
    expect(interval.high).toBeCloseTo(0.3339, 3);
  });

  it('gives Welch’s interval of a difference of means', () => {
    const a = [19.1, 20.3, 18.7, 21.4, 20.1, 19.9];
    const b = [17.2, 18.4, 16.9, 18.8, 17.5];
    const interval = welchDifference(summarize(a), summarize(b), 0.95);
    expect(interval.estimate).toBeCloseTo(2.1567, 3);
    expect(interval.low).toBeCloseTo(0.9561, 3);
    expect(interval.high).toBeCloseTo(3.3573, 3);
  });

  it('returns NaN bounds for empty or single samples', () => {
    expect(wilsonInterval(0, 0, 0.95).low).toBeNaN();
    expect(welchDifference(summarize([1]), summarize([1, 2]), 0.95).low).toBeNaN();
  });

  it('tells an interval away from zero', () => {
    expect(excludesZero({ estimate: 1, low: 0.1, high: 2 })).toBe(true);
    expect(excludesZero({ estimate: -1, low: -2, high: -0.1 })).toBe(true);
    expect(excludesZero({ estimate: 0.5, low: -0.1, high: 1 })).toBe(false);
    expect(excludesZero({ estimate: Number.NaN, low: Number.NaN, high: Number.NaN })).toBe(false);
  });

  it('bootstraps the same interval for the same seed', () => {
    const before = [10, 9, 3, 6, 8, 10, 2, 9, 7, 5, 9, 10];
    const after = [10, 10, 9, 9, 8, 10, 9, 6, 10, 9, 9, 10];
    const first = bootstrapDifference(after, before, npsIndexOf, { seed: 7, resamples: 500, level: 0.95 });
    const second = bootstrapDifference(after, before, npsIndexOf, { seed: 7, resamples: 500, level: 0.95 });
    expect(second).toEqual(first);
    expect(first.estimate).toBeCloseTo(npsIndexOf(after) - npsIndexOf(before), 9);
    expect(first.low).toBeLessThan(first.estimate);
    expect(first.high).toBeGreaterThan(first.estimate);
  });
});
