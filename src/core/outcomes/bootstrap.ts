import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

import type { Interval } from './intervals.ts';

export interface BootstrapOptions {
  /** Seed of the generator: the same seed and data give the same interval. */
  seed: number;
  resamples: number;
  level: number;
}

/**
 * Percentile bootstrap interval of `statistic(a) − statistic(b)`: both samples are resampled with
 * replacement `resamples` times by a seeded xoroshiro128+ generator, so the interval is reproducible.
 * NaN bounds when either sample is empty.
 */
export function bootstrapDifference<T>(
  a: readonly T[],
  b: readonly T[],
  statistic: (sample: readonly T[]) => number,
  options: BootstrapOptions,
): Interval {
  const estimate = statistic(a) - statistic(b);
  if (a.length === 0 || b.length === 0 || options.resamples < 1) {
    return { estimate, low: Number.NaN, high: Number.NaN };
  }
  const generator = xoroshiro128plus(options.seed);
  const resample = (sample: readonly T[]): T[] => sample.map(() => sample[uniformInt(generator, 0, sample.length - 1)] as T);
  const differences: number[] = [];
  for (let index = 0; index < options.resamples; index += 1) {
    differences.push(statistic(resample(a)) - statistic(resample(b)));
  }
  differences.sort((x, y) => x - y);
  const tail = (1 - options.level) / 2;
  return { estimate, low: quantileOf(differences, tail), high: quantileOf(differences, 1 - tail) };
}

/** Linear interpolation between the order statistics of sorted values (type 7, the default of R and NumPy). */
function quantileOf(sorted: readonly number[], probability: number): number {
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[above] ?? low;
  return low + (high - low) * (position - below);
}
