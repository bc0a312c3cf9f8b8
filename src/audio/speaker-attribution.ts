import type { RecognizedWord } from '../asr/speech-recognizer.ts';
import type { LaneSegment, VoiceUnit } from './recognition-pass.ts';
import { overlapLength } from './time-spans.ts';

/** A recognised segment given to one speaker of a mono recording (0 or 1), or to none. */
export interface SpeakerSegment {
  startSec: number;
  endSec: number;
  text: string;
  confidence: number | null;
  words: RecognizedWord[];
  speaker: number | null;
}

/**
 * Gives the segments of a mono lane their speakers from the voice clustering. Engine-labelled
 * segments take the majority speaker of their label within the clip. Other segments are split at
 * word level where their words fall on pieces of different speakers, because one recognised segment
 * may run across a change of speaker when there is no pause between them.
 */
export function attributeSpeakers(segments: readonly LaneSegment[], units: readonly VoiceUnit[], speakers: readonly (number | null)[]): SpeakerSegment[] {
  const byLabel = majorityByEngineLabel(units, speakers);
  const pieces = units
    .map((unit, index) => ({ unit, speaker: speakers[index] ?? null }))
    .filter((entry) => entry.unit.segment === null && entry.speaker !== null);

  return segments.flatMap((segment): SpeakerSegment[] => {
    const labelled = segment.engineSpeaker === null ? undefined : byLabel.get(labelKey(segment.clip, segment.engineSpeaker));
    if (labelled !== undefined) {
      return [withSpeaker(segment, labelled)];
    }
    return splitByPieces(segment, pieces);
  });
}

function labelKey(clip: number, label: string): string {
  return `${String(clip)}\u0000${label}`;
}

function majorityByEngineLabel(units: readonly VoiceUnit[], speakers: readonly (number | null)[]): Map<string, number> {
  const weights = new Map<string, [number, number]>();
  units.forEach((unit, index) => {
    const speaker = speakers[index];
    const label = unit.segment?.engineSpeaker ?? null;
    if (unit.segment === null || label === null || (speaker !== 0 && speaker !== 1)) {
      return;
    }
    const key = labelKey(unit.segment.clip, label);
    const pair = weights.get(key) ?? [0, 0];
    pair[speaker] += unit.endSec - unit.startSec;
    weights.set(key, pair);
  });
  return new Map([...weights].map(([key, [low, high]]) => [key, high > low ? 1 : 0]));
}

function withSpeaker(segment: LaneSegment, speaker: number | null): SpeakerSegment {
  return { startSec: segment.startSec, endSec: segment.endSec, text: segment.text, confidence: segment.confidence, words: segment.words, speaker };
}

interface Piece {
  unit: VoiceUnit;
  speaker: number | null;
}

function splitByPieces(segment: LaneSegment, pieces: readonly Piece[]): SpeakerSegment[] {
  const timedWords = segment.words.filter((word) => word.startSec !== null && word.endSec !== null);
  if (timedWords.length === 0 || timedWords.length !== segment.words.length) {
    return [withSpeaker(segment, speakerOver(segment.startSec, segment.endSec, pieces))];
  }
  const runs: { speaker: number | null; words: RecognizedWord[] }[] = [];
  for (const word of timedWords) {
    const speaker = speakerOver(word.startSec ?? 0, word.endSec ?? 0, pieces);
    const last = runs.at(-1);
    if (last?.speaker === speaker) {
      last.words.push(word);
    } else {
      runs.push({ speaker, words: [word] });
    }
  }
  if (runs.length === 1) {
    return [withSpeaker(segment, runs[0]?.speaker ?? null)];
  }
  return runs.map((run) => ({
    startSec: run.words[0]?.startSec ?? segment.startSec,
    endSec: run.words.at(-1)?.endSec ?? segment.endSec,
    text: run.words.map((word) => word.text.trim()).join(' '),
    confidence: segment.confidence,
    words: run.words,
    speaker: run.speaker,
  }));
}

/** Finds the speaker of the pieces that overlap a stretch most, or of the nearest piece when none overlaps. */
function speakerOver(startSec: number, endSec: number, pieces: readonly Piece[]): number | null {
  const span = { startSec, endSec };
  const weights = [0, 0];
  let nearest: Piece | null = null;
  let nearestGap = Number.POSITIVE_INFINITY;
  for (const piece of pieces) {
    const overlap = overlapLength(span, piece.unit);
    if (overlap > 0 && (piece.speaker === 0 || piece.speaker === 1)) {
      weights[piece.speaker] = (weights[piece.speaker] ?? 0) + overlap;
    }
    const gap = Math.max(0, piece.unit.startSec - endSec, startSec - piece.unit.endSec);
    if (gap < nearestGap) {
      nearestGap = gap;
      nearest = piece;
    }
  }
  if ((weights[0] ?? 0) + (weights[1] ?? 0) > 0) {
    return (weights[1] ?? 0) > (weights[0] ?? 0) ? 1 : 0;
  }
  return nearest?.speaker ?? null;
}
