import {
  excludesZero,
  type Interval,
  newcombeDifference,
  type ProportionEstimate,
  summarize,
  welchDifference,
  wilsonInterval,
} from './intervals.ts';

/** One observed outcome (an NPS answer, a call followed or not by a purchase) and what preceded it. */
export interface DriverUnit {
  id: string;
  /** Features present before the outcome (`finding:question_ignored`, `criterion:needs`), each with the calls that show it. */
  features: ReadonlyMap<string, readonly string[]>;
  /** The bad outcome happened: a detractor, no repeat purchase. */
  bad: boolean;
  /** A numeric outcome to compare means of (the NPS score), or null. */
  value: number | null;
}

export interface DriverOptions {
  /** Confidence level for the whole family of features tested together (0.95). */
  level: number;
  /** Fewer units than this on either side of a feature gives «недостаточно данных», not an effect. */
  minGroupSize: number;
  /** Example calls kept per feature. */
  maxExamples: number;
  /** Features to report even where no unit has them. */
  candidates?: readonly string[];
}

/**
 * Conclusion about one feature. With `worse` the bad outcome is more frequent with the feature, with
 * `better` less frequent. With `no_effect` the interval of the difference contains zero, and with
 * `insufficient_data` a side has fewer than `minGroupSize` units.
 */
export type DriverVerdict = 'worse' | 'better' | 'no_effect' | 'insufficient_data';

export interface DriverGroup extends ProportionEstimate {
  /** Mean of `value` in the group, or null when no unit has one. */
  meanValue: number | null;
}

export interface Driver {
  feature: string;
  /** Units with the feature: how many had the bad outcome, the rate with its interval. */
  withFeature: DriverGroup;
  withoutFeature: DriverGroup;
  /** Rate with minus rate without, with Newcombe's interval at the adjusted level. */
  rateDifference: Interval;
  /** Mean value with minus without, with Welch's interval at the adjusted level; null without values. */
  meanDifference: Interval | null;
  verdict: DriverVerdict;
  /** Calls that show the feature in units with the bad outcome first. */
  examples: string[];
}

export interface DriverAnalysis {
  units: number;
  badUnits: number;
  /** Features with enough units on both sides; the family the level is adjusted over. */
  testedFeatures: number;
  level: number;
  /** The per-feature level after Bonferroni's adjustment: 1 − (1 − level) / testedFeatures. */
  adjustedLevel: number;
  drivers: Driver[];
}

/**
 * Compares the rate of the bad outcome between units with and without each feature. Every interval is
 * computed at a Bonferroni-adjusted level, so that with many features tested at once the chance of any
 * false «effect» stays within 1 − `level`. A feature needs `minGroupSize` units on both sides.
 */
export function analyzeDrivers(units: readonly DriverUnit[], options: DriverOptions): DriverAnalysis {
  const features = [...new Set([...(options.candidates ?? []), ...units.flatMap((unit) => [...unit.features.keys()])])].sort();
  const sizes = features.map((feature) => {
    const withCount = units.filter((unit) => unit.features.has(feature)).length;
    return { feature, withCount, withoutCount: units.length - withCount };
  });
  const tested = sizes.filter((size) => size.withCount >= options.minGroupSize && size.withoutCount >= options.minGroupSize).length;
  const adjustedLevel = 1 - (1 - options.level) / Math.max(1, tested);

  const drivers = features.map((feature) => driverOf(feature, units, options, adjustedLevel));
  drivers.sort(compareDrivers);
  return { units: units.length, badUnits: units.filter((unit) => unit.bad).length, testedFeatures: tested, level: options.level, adjustedLevel, drivers };
}

function driverOf(feature: string, units: readonly DriverUnit[], options: DriverOptions, level: number): Driver {
  const withUnits = units.filter((unit) => unit.features.has(feature));
  const withoutUnits = units.filter((unit) => !unit.features.has(feature));
  const withFeature = groupOf(withUnits, level);
  const withoutFeature = groupOf(withoutUnits, level);
  const rateDifference = newcombeDifference(withFeature, withoutFeature);

  const withValues = valuesOf(withUnits);
  const withoutValues = valuesOf(withoutUnits);
  const meanDifference = withValues.length === 0 || withoutValues.length === 0 ? null : welchDifference(summarize(withValues), summarize(withoutValues), level);

  let verdict: DriverVerdict;
  if (withUnits.length < options.minGroupSize || withoutUnits.length < options.minGroupSize) {
    verdict = 'insufficient_data';
  } else if (!excludesZero(rateDifference)) {
    verdict = 'no_effect';
  } else {
    verdict = rateDifference.estimate > 0 ? 'worse' : 'better';
  }

  const ordered = [...withUnits.filter((unit) => unit.bad), ...withUnits.filter((unit) => !unit.bad)];
  const examples = [...new Set(ordered.flatMap((unit) => unit.features.get(feature) ?? []))].slice(0, options.maxExamples);
  return { feature, withFeature, withoutFeature, rateDifference, meanDifference, verdict, examples };
}

function groupOf(units: readonly DriverUnit[], level: number): DriverGroup {
  const values = valuesOf(units);
  return {
    ...wilsonInterval(units.filter((unit) => unit.bad).length, units.length, level),
    meanValue: values.length === 0 ? null : summarize(values).mean,
  };
}

function valuesOf(units: readonly DriverUnit[]): number[] {
  return units.flatMap((unit) => (unit.value === null ? [] : [unit.value]));
}

const VERDICT_ORDER: Readonly<Record<DriverVerdict, number>> = { worse: 0, better: 1, no_effect: 2, insufficient_data: 3 };

function compareDrivers(a: Driver, b: Driver): number {
  const byVerdict = VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict];
  if (byVerdict !== 0) return byVerdict;
  const byEffect = Math.abs(nanToZero(b.rateDifference.estimate)) - Math.abs(nanToZero(a.rateDifference.estimate));
  return byEffect !== 0 ? byEffect : a.feature.localeCompare(b.feature);
}

function nanToZero(value: number): number {
  return Number.isNaN(value) ? 0 : value;
}
