import type { TimeSpan } from '../core/model/transcript.ts';
import { tokenize } from '../core/text/tokenize.ts';
import type { LaneSegment } from './recognition-pass.ts';
import { overlapLength } from './time-spans.ts';

export interface EchoOptions {
  /** Share of the shorter segment that must overlap the other one in time. */
  minTimeOverlap: number;
  /** Share of the shorter segment's words that must also be in the other one. */
  minSharedWords: number;
}

export const DEFAULT_ECHO: EchoOptions = { minTimeOverlap: 0.5, minSharedWords: 0.6 };

/**
 * Drops the echo of a party's words recognised on the other channel: when segments of two channels
 * overlap in time and share most of their words, only the one from the louder channel is kept.
 * `levelDb` gives a channel's mean level over a stretch. Returns the kept segments and the dropped count.
 */
export function dropEchoDuplicates(
  segments: readonly LaneSegment[],
  levelDb: (lane: number, span: TimeSpan) => number,
  options: EchoOptions = DEFAULT_ECHO,
): { kept: LaneSegment[]; dropped: number } {
  const words = segments.map((segment) => new Set(tokenize(segment.text).map((token) => token.norm)));
  const order = segments.map((_, index) => index).sort((x, y) => (segments[x]?.startSec ?? 0) - (segments[y]?.startSec ?? 0));
  const droppedIndexes = new Set<number>();
  order.forEach((first, position) => {
    const a = segments[first];
    for (let next = position + 1; next < order.length; next++) {
      const second = order[next] ?? 0;
      const b = segments[second];
      if (a === undefined || b === undefined || b.startSec >= a.endSec) {
        break;
      }
      if (a.lane === b.lane || droppedIndexes.has(first) || droppedIndexes.has(second)) {
        continue;
      }
      if (isSameSpeech(a, b, words[first] ?? new Set(), words[second] ?? new Set(), options)) {
        droppedIndexes.add(levelDb(a.lane, a) >= levelDb(b.lane, b) ? second : first);
      }
    }
  });
  return { kept: segments.filter((_, index) => !droppedIndexes.has(index)), dropped: droppedIndexes.size };
}

function isSameSpeech(a: LaneSegment, b: LaneSegment, wordsA: Set<string>, wordsB: Set<string>, options: EchoOptions): boolean {
  const shorter = Math.min(a.endSec - a.startSec, b.endSec - b.startSec);
  if (shorter <= 0 || overlapLength(a, b) / shorter < options.minTimeOverlap) {
    return false;
  }
  const fewer = Math.min(wordsA.size, wordsB.size);
  if (fewer === 0) {
    return false;
  }
  let shared = 0;
  for (const word of wordsA) {
    if (wordsB.has(word)) {
      shared++;
    }
  }
  return shared / fewer >= options.minSharedWords;
}
