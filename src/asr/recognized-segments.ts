import type { RecognizedSegment, RecognizedWord } from './speech-recognizer.ts';

/**
 * Makes engine output relative to the recording: adds the offset of the audio that was sent to every time,
 * gives words without times the bounds of their segment (engines often leave numerals untimed), drops
 * segments without text and sorts by start.
 */
export function placeSegments(segments: readonly RecognizedSegment[], offsetSec: number): RecognizedSegment[] {
  return segments
    .filter((segment) => segment.text.trim().length > 0)
    .map((segment) => ({
      ...segment,
      text: segment.text.trim(),
      startSec: segment.startSec + offsetSec,
      endSec: segment.endSec + offsetSec,
      words: segment.words.map((word) => placeWord(word, segment, offsetSec)),
    }))
    .sort((left, right) => left.startSec - right.startSec);
}

function placeWord(word: RecognizedWord, segment: RecognizedSegment, offsetSec: number): RecognizedWord {
  return {
    ...word,
    startSec: (word.startSec ?? segment.startSec) + offsetSec,
    endSec: (word.endSec ?? segment.endSec) + offsetSec,
  };
}

/** Parses a protobuf JSON duration («1.200s») or a plain number of seconds; anything else gives null. */
export function durationSeconds(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string') {
    const match = /^(-?\d+(?:\.\d+)?)s?$/.exec(value.trim());
    return match ? Number(match[1]) : null;
  }
  return null;
}

/** Parses milliseconds given as a number or, as protobuf JSON writes int64, a string. */
export function millisecondsToSeconds(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number / 1000 : null;
}
