import type { SourceSegment, SourceWord } from './speaker-attribution.ts';

/** Words further apart than this start a new turn when an engine gives words but no phrases. */
const PAUSE_BETWEEN_TURNS_SEC = 1;

/**
 * Groups an engine's word list into phrases: a new phrase starts where the speaker changes or after a
 * pause of a second or more. The pause only cuts a speaker's speech into phrases; who speaks comes from
 * the engine's speaker labels or channels, never from the pauses.
 */
export function segmentsFromWords(words: readonly SourceWord[], channel: number | null): SourceSegment[] {
  const groups: SourceWord[][] = [];
  for (const word of words) {
    const group = groups.at(-1);
    const previous = group?.at(-1);
    const paused = previous?.endSec != null && word.startSec !== null && word.startSec - previous.endSec >= PAUSE_BETWEEN_TURNS_SEC;
    // A word without a speaker stays with the words before it; the attribution step reports it.
    const sameSpeaker = word.speaker === null || previous?.speaker === word.speaker;
    if (group !== undefined && previous !== undefined && sameSpeaker && !paused) {
      group.push(word);
    } else {
      groups.push([word]);
    }
  }
  return groups.map((group) => ({
    text: '',
    startSec: group[0]?.startSec ?? null,
    endSec: group.at(-1)?.endSec ?? null,
    speaker: group.find((word) => word.speaker !== null)?.speaker ?? null,
    channel,
    confidence: null,
    words: group,
    flags: [],
    fromWords: true,
  }));
}
