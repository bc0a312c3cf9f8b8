import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import studentQuantile from '@stdlib/stats-base-dists-t-quantile';

/** An estimate with its confidence interval. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/** A proportion with its counts and Wilson interval. */
export interface ProportionEstimate extends Interval {
  successes: number;
  n: number;
}

/** Returns the two-sided standard normal quantile for a confidence level (0.95 → 1.96). */
export function zFor(level: number): number {
  return normalQuantile(1 - (1 - level) / 2, 0, 1);
}

/**
 * Wilson score interval of a proportion. Unlike the normal («Wald») interval it stays inside [0, 1]
 * and keeps its coverage for small samples and rates near 0 or 1. NaN bounds for n = 0.
 */
export function wilsonInterval(successes: number, n: number, level: number): ProportionEstimate {
  if (n === 0) {
    return { successes, n, estimate: Number.NaN, low: Number.NaN, high: Number.NaN };
  }
  const z = zFor(level);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At 0 or n successes the bound is exactly 0 or 1; the formula gets there only up to rounding.
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === n ? 1 : Math.min(1, centre + half);
  return { successes, n, estimate: p, low, high };
}

/**
 * Interval of the difference of two proportions, a − b, by Newcombe's hybrid score method (method 10
 * in Newcombe, Statistics in Medicine 17, 1998), built from the two Wilson intervals.
 */
export function newcombeDifference(a: ProportionEstimate, b: ProportionEstimate): Interval {
  const difference = a.estimate - b.estimate;
  const low = difference - Math.sqrt((a.estimate - a.low) ** 2 + (b.high - b.estimate) ** 2);
  const high = difference + Math.sqrt((a.high - a.estimate) ** 2 + (b.estimate - b.low) ** 2);
  return { estimate: difference, low: Math.max(-1, low), high: Math.min(1, high) };
}

/** Mean, variance and size of a sample. */
export interface SampleSummary {
  n: number;
  mean: number;
  /** Unbiased sample variance; NaN for fewer than two values. */
  variance: number;
}

export function summarize(values: readonly number[]): SampleSummary {
  const n = values.length;
  const mean = n === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / n;
  const variance = n < 2 ? Number.NaN : values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  return { n, mean, variance };
}

/**
 * Welch's interval for the difference of two means, a − b, without assuming equal variances, with the
 * Welch–Satterthwaite degrees of freedom. NaN bounds when either sample has fewer than two values; a
 * zero standard error gives a zero-width interval.
 */
export function welchDifference(a: SampleSummary, b: SampleSummary, level: number): Interval {
  const difference = a.mean - b.mean;
  if (a.n < 2 || b.n < 2) {
    return { estimate: difference, low: Number.NaN, high: Number.NaN };
  }
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const standardError = Math.sqrt(va + vb);
  if (standardError === 0) {
    return { estimate: difference, low: difference, high: difference };
  }
  const freedom = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = studentQuantile(1 - (1 - level) / 2, freedom);
  return { estimate: difference, low: difference - t * standardError, high: difference + t * standardError };
}

/** True when the interval lies wholly above or wholly below zero. */
export function excludesZero(interval: Interval): boolean {
  return (interval.low > 0 && interval.high > 0) || (interval.low < 0 && interval.high < 0);
}
