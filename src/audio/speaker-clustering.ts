import type { VoicePitch } from './voice-pitch.ts';

/** A stretch of mono speech to be given a speaker: a piece of a VAD span, or one engine speaker of one clip. */
export interface DiarizationUnit {
  startSec: number;
  endSec: number;
  pitch: VoicePitch | null;
}

export interface SpeakerClustering {
  /** Speaker number (0 = the lower voice, 1 = the higher) of each unit in input order; null where none could be given. */
  speakers: (number | null)[];
  /** Distance between the two voices' mean pitch in semitones; null when there was too little speech to split. */
  pitchGapSemitones: number | null;
  /** Whether two different voices were found; false means one voice, or voices too alike to tell apart. */
  twoSpeakers: boolean;
}

export interface ClusteringOptions {
  /** Voices closer than this in mean pitch are not separated. */
  minPitchGapSemitones: number;
  /** Gap between the voices divided by the spread inside each: below this the split is noise within one voice. */
  minSeparation: number;
  /** A voice with less than this share of the measured speech time is taken as the other voice's intonation. */
  minSpeakerShare: number;
  /** Units with a measured pitch needed before any split is tried. */
  minUnits: number;
}

export const DEFAULT_CLUSTERING: ClusteringOptions = {
  minPitchGapSemitones: 3,
  minSeparation: 2.5,
  minSpeakerShare: 0.12,
  minUnits: 6,
};

interface Measured {
  index: number;
  semitones: number;
  weight: number;
}

/**
 * Splits units of mono speech between two voices by their median pitch: the split of the sorted log
 * pitches with the least weighted within-group variance (exact two-means in one dimension). Pitch
 * separates most male–female pairs; two voices of one pitch range stay one speaker, so `twoSpeakers`
 * is false and nothing is guessed. Units without a pitch take the speaker of the nearest unit in time.
 */
export function clusterSpeakers(units: readonly DiarizationUnit[], options: ClusteringOptions = DEFAULT_CLUSTERING): SpeakerClustering {
  const measured: Measured[] = units
    .map((unit, index) => ({ unit, index }))
    .filter(({ unit }) => unit.pitch !== null)
    .map(({ unit, index }) => ({ index, semitones: 12 * Math.log2(unit.pitch?.medianHz ?? 1), weight: unit.endSec - unit.startSec }))
    .sort((a, b) => a.semitones - b.semitones);
  if (measured.length < options.minUnits) {
    return oneVoice(units, null);
  }

  const split = bestSplit(measured);
  const low = measured.slice(0, split.at);
  const high = measured.slice(split.at);
  const gap = split.highMean - split.lowMean;
  const spread = Math.sqrt(split.variance) || Number.EPSILON;
  const lowWeight = sumOf(low.map((item) => item.weight));
  const highWeight = sumOf(high.map((item) => item.weight));
  const minorShare = Math.min(lowWeight, highWeight) / (lowWeight + highWeight);
  const distinct =
    low.length >= 2 && high.length >= 2 && gap >= options.minPitchGapSemitones && gap / spread >= options.minSeparation && minorShare >= options.minSpeakerShare;
  if (!distinct) {
    return oneVoice(units, gap);
  }

  const speakers: (number | null)[] = units.map(() => null);
  for (const item of low) {
    speakers[item.index] = 0;
  }
  for (const item of high) {
    speakers[item.index] = 1;
  }
  return { speakers: fillByNearest(units, speakers), pitchGapSemitones: gap, twoSpeakers: true };
}

function oneVoice(units: readonly DiarizationUnit[], gap: number | null): SpeakerClustering {
  return { speakers: units.map(() => 0), pitchGapSemitones: gap, twoSpeakers: false };
}

/** Finds the split point of sorted values with the least weighted within-group variance. */
function bestSplit(sorted: readonly Measured[]): { at: number; lowMean: number; highMean: number; variance: number } {
  const totalWeight = sumOf(sorted.map((item) => item.weight));
  let best = { at: 1, lowMean: 0, highMean: 0, variance: Number.POSITIVE_INFINITY };
  for (let at = 1; at < sorted.length; at++) {
    const low = sorted.slice(0, at);
    const high = sorted.slice(at);
    const lowMean = weightedMean(low);
    const highMean = weightedMean(high);
    const variance = (weightedSquares(low, lowMean) + weightedSquares(high, highMean)) / totalWeight;
    if (variance < best.variance) {
      best = { at, lowMean, highMean, variance };
    }
  }
  return best;
}

function weightedMean(items: readonly Measured[]): number {
  return sumOf(items.map((item) => item.semitones * item.weight)) / sumOf(items.map((item) => item.weight));
}

function weightedSquares(items: readonly Measured[], mean: number): number {
  return sumOf(items.map((item) => item.weight * (item.semitones - mean) ** 2));
}

function sumOf(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0);
}

/** Gives each unit without a pitch the speaker of the unit nearest to it in time. */
function fillByNearest(units: readonly DiarizationUnit[], speakers: readonly (number | null)[]): (number | null)[] {
  return speakers.map((speaker, index) => {
    const unit = units[index];
    if (speaker !== null || unit === undefined) {
      return speaker;
    }
    let nearest: number | null = null;
    let nearestGap = Number.POSITIVE_INFINITY;
    units.forEach((other, otherIndex) => {
      const otherSpeaker = speakers[otherIndex] ?? null;
      const gap = Math.max(0, other.startSec - unit.endSec, unit.startSec - other.endSec);
      if (otherSpeaker !== null && gap < nearestGap) {
        nearestGap = gap;
        nearest = otherSpeaker;
      }
    });
    return nearest;
  });
}
