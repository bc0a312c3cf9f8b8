import type { TimeSpan } from '../core/model/transcript.ts';
import type { FrameGrid } from './speech-spans.ts';

/** Grouping of speech spans into the clips sent to recognition. */
export interface RegionOptions {
  /** Spans closer than this go to recognition together, so short phrases keep their context. */
  mergeGapSec: number;
  /** Maximum clip length. Whisper decodes 30 s windows, so a longer clip would be cut inside the engine. */
  maxRegionSec: number;
  /** Silence kept on each side of a clip, so the first and last sounds are not cut. */
  padSec: number;
}

/**
 * Groups speech spans into recognition regions: neighbouring spans are merged while the region stays
 * under `maxRegionSec`, so regions end at pauses. A single span longer than the limit is cut at its
 * quietest frame in the second half of each window. Regions never overlap, and padding never reaches
 * past the middle of the pause to the next region.
 */
export function recognitionRegions(spans: readonly TimeSpan[], levelDb: Float32Array, grid: FrameGrid, options: RegionOptions): TimeSpan[] {
  const pieces = spans.flatMap((span) => splitLongSpan(span, levelDb, grid, options.maxRegionSec));
  const grouped: TimeSpan[] = [];
  for (const piece of pieces) {
    const last = grouped.at(-1);
    const fits = last !== undefined && piece.startSec - last.endSec < options.mergeGapSec && piece.endSec - last.startSec <= options.maxRegionSec;
    if (fits) {
      last.endSec = piece.endSec;
    } else {
      grouped.push({ ...piece });
    }
  }
  return padRegions(grouped, options.padSec, grid.totalSamples / grid.sampleRate);
}

function splitLongSpan(span: TimeSpan, levelDb: Float32Array, grid: FrameGrid, maxSec: number): TimeSpan[] {
  const pieces: TimeSpan[] = [];
  let startSec = span.startSec;
  while (span.endSec - startSec > maxSec) {
    const cutSec = quietestPoint(levelDb, grid, startSec + maxSec / 2, startSec + maxSec);
    pieces.push({ startSec, endSec: cutSec });
    startSec = cutSec;
  }
  pieces.push({ startSec, endSec: span.endSec });
  return pieces;
}

/** Start of the quietest VAD frame between two times: the best place to cut continuous speech. */
function quietestPoint(levelDb: Float32Array, grid: FrameGrid, fromSec: number, toSec: number): number {
  const frameSec = grid.frameSamples / grid.sampleRate;
  const first = Math.ceil(fromSec / frameSec);
  const last = Math.min(levelDb.length, Math.floor(toSec / frameSec));
  let best = last;
  let bestLevel = Number.POSITIVE_INFINITY;
  for (let frame = first; frame < last; frame++) {
    const level = levelDb[frame] ?? 0;
    if (level < bestLevel) {
      bestLevel = level;
      best = frame;
    }
  }
  return Math.min(toSec, best * frameSec);
}

function padRegions(regions: readonly TimeSpan[], padSec: number, totalSec: number): TimeSpan[] {
  return regions.map((region, index) => {
    const previous = regions[index - 1];
    const next = regions[index + 1];
    const earliest = previous === undefined ? 0 : (previous.endSec + region.startSec) / 2;
    const latest = next === undefined ? totalSec : (region.endSec + next.startSec) / 2;
    return {
      startSec: Math.max(earliest, region.startSec - padSec),
      endSec: Math.min(latest, region.endSec + padSec),
    };
  });
}
