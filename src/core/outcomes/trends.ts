import { bootstrapDifference } from './bootstrap.ts';
import { excludesZero, type Interval, newcombeDifference, type ProportionEstimate, summarize, welchDifference, wilsonInterval } from './intervals.ts';

/** An observation and the groups it counts in (`all`, a team, a manager). */
export interface TrendObservation<T> {
  /** UTC ISO instant. */
  at: string;
  value: T;
  groups: readonly string[];
}

export interface TrendOptions {
  /** The date the change started (when ОКК began), UTC ISO: observations before it are «before». */
  since: string;
  /** Confidence level for all groups together; each group's interval uses the Bonferroni-adjusted level. */
  level: number;
  minGroupSize: number;
  bootstrapSeed: number;
  bootstrapResamples: number;
}

/** `up`/`down`: the interval of after − before excludes zero; `no_change`: it does not. */
export type TrendVerdict = 'up' | 'down' | 'no_change' | 'insufficient_data';

export interface NpsPeriod {
  n: number;
  /** Mean score 0–10; NaN for no answers. */
  meanScore: number;
  /** % promoters − % detractors, −100…100; NaN for no answers. */
  npsIndex: number;
  detractorRate: number;
}

export interface NpsTrend {
  group: string;
  before: NpsPeriod;
  after: NpsPeriod;
  /** After − before, with a seeded percentile bootstrap interval. */
  npsIndexDifference: Interval;
  /** After − before mean score, with Welch's interval. */
  meanDifference: Interval;
  verdict: TrendVerdict;
}

export interface RateTrend {
  group: string;
  before: ProportionEstimate;
  after: ProportionEstimate;
  /** After − before rate, with Newcombe's interval. */
  difference: Interval;
  verdict: TrendVerdict;
}

/** NPS before and after `since` in each group, with the change of the NPS index and of the mean score. */
export function npsTrends(observations: readonly TrendObservation<number>[], options: TrendOptions): NpsTrend[] {
  const level = adjustedLevel(observations, options);
  return groupsOf(observations).map((group) => {
    const { before, after } = split(observations, group, options.since);
    const npsIndexDifference = bootstrapDifference(after, before, npsIndexOf, {
      seed: options.bootstrapSeed,
      resamples: options.bootstrapResamples,
      level,
    });
    return {
      group,
      before: periodOf(before),
      after: periodOf(after),
      npsIndexDifference,
      meanDifference: welchDifference(summarize(after), summarize(before), level),
      verdict: verdictOf(before.length, after.length, npsIndexDifference, options.minGroupSize),
    };
  });
}

/** Share of `true` (a repeat purchase) before and after `since` in each group. */
export function rateTrends(observations: readonly TrendObservation<boolean>[], options: TrendOptions): RateTrend[] {
  const level = adjustedLevel(observations, options);
  return groupsOf(observations).map((group) => {
    const { before, after } = split(observations, group, options.since);
    const beforeRate = wilsonInterval(before.filter(Boolean).length, before.length, level);
    const afterRate = wilsonInterval(after.filter(Boolean).length, after.length, level);
    const difference = newcombeDifference(afterRate, beforeRate);
    return { group, before: beforeRate, after: afterRate, difference, verdict: verdictOf(before.length, after.length, difference, options.minGroupSize) };
  });
}

/** % promoters (9–10) minus % detractors (0–6). */
export function npsIndexOf(scores: readonly number[]): number {
  if (scores.length === 0) return Number.NaN;
  const promoters = scores.filter((score) => score >= 9).length;
  const detractors = scores.filter((score) => score <= 6).length;
  return (100 * (promoters - detractors)) / scores.length;
}

function periodOf(scores: readonly number[]): NpsPeriod {
  return {
    n: scores.length,
    meanScore: summarize(scores).mean,
    npsIndex: npsIndexOf(scores),
    detractorRate: scores.length === 0 ? Number.NaN : scores.filter((score) => score <= 6).length / scores.length,
  };
}

function verdictOf(before: number, after: number, difference: Interval, minGroupSize: number): TrendVerdict {
  if (before < minGroupSize || after < minGroupSize) return 'insufficient_data';
  if (!excludesZero(difference)) return 'no_change';
  return difference.estimate > 0 ? 'up' : 'down';
}

/**
 * Returns the level for each group: 1 − (1 − level) / m over the m groups with enough observations on
 * both sides. A change claimed for any team or manager is then wrong with at most 1 − level chance.
 */
function adjustedLevel<T>(observations: readonly TrendObservation<T>[], options: TrendOptions): number {
  const tested = groupsOf(observations).filter((group) => {
    const { before, after } = split(observations, group, options.since);
    return before.length >= options.minGroupSize && after.length >= options.minGroupSize;
  }).length;
  return 1 - (1 - options.level) / Math.max(1, tested);
}

function groupsOf<T>(observations: readonly TrendObservation<T>[]): string[] {
  return [...new Set(observations.flatMap((observation) => observation.groups))].sort();
}

function split<T>(observations: readonly TrendObservation<T>[], group: string, since: string): { before: T[]; after: T[] } {
  const sinceMs = Date.parse(since);
  const before: T[] = [];
  const after: T[] = [];
  for (const observation of observations) {
    if (!observation.groups.includes(group)) continue;
    (Date.parse(observation.at) < sinceMs ? before : after).push(observation.value);
  }
  return { before, after };
}
