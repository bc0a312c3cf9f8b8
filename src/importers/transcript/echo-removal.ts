import { foldText } from '../../core/text/normalize.ts';
import type { SourceSegment } from './speaker-attribution.ts';

/**
 * Drops echoes: the same phrase recognized on both channels at the same time, because one party's
 * voice leaked into the other's line. The copy with the higher recognition confidence is kept (the
 * engine heard it better there), else the one listed first. Returns the kept segments and the number removed.
 */
export function removeChannelEchoes(segments: readonly SourceSegment[]): { segments: SourceSegment[]; removed: number } {
  const dropped = new Set<number>();
  segments.forEach((segment, i) => {
    if (dropped.has(i)) {
      return;
    }
    for (let j = i + 1; j < segments.length; j++) {
      const other = segments[j];
      if (other === undefined || dropped.has(j) || !isEcho(segment, other)) {
        continue;
      }
      const keepOther = (other.confidence ?? -1) > (segment.confidence ?? -1);
      dropped.add(keepOther ? i : j);
      if (keepOther) {
        return;
      }
    }
  });
  return { segments: segments.filter((_, i) => !dropped.has(i)), removed: dropped.size };
}

function isEcho(a: SourceSegment, b: SourceSegment): boolean {
  if (a.channel === null || b.channel === null || a.channel === b.channel) {
    return false;
  }
  if (a.startSec === null || a.endSec === null || b.startSec === null || b.endSec === null) {
    return false;
  }
  const overlap = Math.min(a.endSec, b.endSec) - Math.max(a.startSec, b.startSec);
  const shorter = Math.min(a.endSec - a.startSec, b.endSec - b.startSec);
  return overlap > 0 && overlap >= shorter * 0.5 && phraseKey(a) === phraseKey(b) && phraseKey(a) !== '';
}

function phraseKey(segment: SourceSegment): string {
  return foldText(segment.text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
