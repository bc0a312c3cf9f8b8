import type { TimeSpan } from '../core/model/transcript.ts';

/** Sum of span lengths; spans are expected not to overlap. */
export function totalLength(spans: readonly TimeSpan[]): number {
  return spans.reduce((sum, span) => sum + Math.max(0, span.endSec - span.startSec), 0);
}

/** Sorted, non-overlapping spans covering the same time as the input; spans closer than `joinGapSec` are joined. */
export function unionOf(spans: readonly TimeSpan[], joinGapSec = 0): TimeSpan[] {
  const sorted = [...spans].filter((span) => span.endSec > span.startSec).sort((a, b) => a.startSec - b.startSec);
  const merged: TimeSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && span.startSec - last.endSec <= joinGapSec) {
      last.endSec = Math.max(last.endSec, span.endSec);
    } else {
      merged.push({ startSec: span.startSec, endSec: span.endSec });
    }
  }
  return merged;
}

/** Stretches covered by both span lists; both must be sorted and non-overlapping within themselves. */
export function intersectionOf(first: readonly TimeSpan[], second: readonly TimeSpan[]): TimeSpan[] {
  const result: TimeSpan[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) {
    const a = first[i];
    const b = second[j];
    if (a === undefined || b === undefined) {
      break;
    }
    const startSec = Math.max(a.startSec, b.startSec);
    const endSec = Math.min(a.endSec, b.endSec);
    if (endSec > startSec) {
      result.push({ startSec, endSec });
    }
    if (a.endSec < b.endSec) {
      i++;
    } else {
      j++;
    }
  }
  return result;
}

/** Gaps between consecutive spans (not before the first or after the last) of at least `minGapSec`. */
export function gapsBetween(spans: readonly TimeSpan[], minGapSec: number): TimeSpan[] {
  const gaps: TimeSpan[] = [];
  for (let index = 1; index < spans.length; index++) {
    const previous = spans[index - 1];
    const next = spans[index];
    if (previous !== undefined && next !== undefined && next.startSec - previous.endSec >= minGapSec) {
      gaps.push({ startSec: previous.endSec, endSec: next.startSec });
    }
  }
  return gaps;
}

/** Length of the part of `span` covered by `spans`. */
export function coveredLength(span: TimeSpan, spans: readonly TimeSpan[]): number {
  let covered = 0;
  for (const other of spans) {
    covered += Math.max(0, Math.min(span.endSec, other.endSec) - Math.max(span.startSec, other.startSec));
  }
  return covered;
}

/** Overlap of two spans in seconds, 0 when they do not meet. */
export function overlapLength(first: TimeSpan, second: TimeSpan): number {
  return Math.max(0, Math.min(first.endSec, second.endSec) - Math.max(first.startSec, second.startSec));
}
