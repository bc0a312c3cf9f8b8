import type { VoiceUnit } from './recognition-pass.ts';

/** Settings for giving the parts of mono voice pieces (speech between short pauses) their own speakers. */
export interface PartOptions {
  /** A pause of the raw VAD at least this long inside a piece divides it into parts. */
  minPauseSec: number;
  /** How far from the edge between two pieces of different speakers a pause is looked for to move the change to. */
  maxShiftSec: number;
}

export const DEFAULT_PARTS: PartOptions = { minPauseSec: 0.06, maxShiftSec: 1 };

/**
 * Gives every part of the VAD pieces of a mono lane its own speaker. When one party starts speaking less
 * than the bridged pause (0.3 s) after the other stops, one piece of up to 2 s holds the end of one party's words
 * and the start of the other's, and the whole piece goes to the voice heard most in it. Where two
 * pieces of one speech span, with no pause between them, have different speakers, the change of speaker
 * is moved to the longest short pause within `maxShiftSec` of their edge: a change of speaker without
 * any pause is less likely than one at a pause the smoothing bridged. The pitch of the parts themselves
 * is not used: the last words before a change often end on a falling or rising tone that brings their
 * pitch near the other voice.
 *
 * Returns units for speaker attribution: parts replace their pieces; engine segments and pieces
 * without parts stay whole.
 */
export function settlePartSpeakers(units: readonly VoiceUnit[], speakers: readonly (number | null)[], options: PartOptions = DEFAULT_PARTS): { units: VoiceUnit[]; speakers: (number | null)[] } {
  const partSpeakers = units.map((unit, index) => unit.parts.map(() => speakers[index] ?? null));
  for (let index = 0; index + 1 < units.length; index++) {
    moveChangeToPause(units, speakers, partSpeakers, index, options.maxShiftSec);
  }

  const result: { units: VoiceUnit[]; speakers: (number | null)[] } = { units: [], speakers: [] };
  units.forEach((unit, index) => {
    const ofParts = partSpeakers[index] ?? [];
    if (unit.parts.length === 0) {
      result.units.push(unit);
      result.speakers.push(speakers[index] ?? null);
      return;
    }
    // A part's own pitch is not measured; attribution uses the units' times only.
    unit.parts.forEach((part, partIndex) => {
      result.units.push({ startSec: part.startSec, endSec: part.endSec, pitch: null, segment: null, parts: [] });
      result.speakers.push(ofParts[partIndex] ?? null);
    });
  });
  return result;
}

/**
 * Where piece `index` and the next piece touch (one speech span cut in two) and have different
 * speakers, moves the change to the longest pause within `maxShiftSec` of the edge. The parts between
 * the edge and that pause take the speaker of the piece on the far side of the pause.
 */
function moveChangeToPause(units: readonly VoiceUnit[], speakers: readonly (number | null)[], partSpeakers: (number | null)[][], index: number, maxShiftSec: number): void {
  const before = units[index];
  const after = units[index + 1];
  const speakerBefore = speakers[index] ?? null;
  const speakerAfter = speakers[index + 1] ?? null;
  if (before === undefined || after === undefined || before.segment !== null || after.segment !== null) {
    return;
  }
  if (speakerBefore === null || speakerAfter === null || speakerBefore === speakerAfter || Math.abs(after.startSec - before.endSec) > 1e-6) {
    return;
  }
  const edgeSec = before.endSec;
  const candidates = [
    ...before.parts.map((part, partIndex) => ({ side: 'before' as const, partIndex, part })),
    ...after.parts.map((part, partIndex) => ({ side: 'after' as const, partIndex, part })),
  ]
    .filter(({ partIndex, part }) => partIndex > 0 && Math.abs(part.startSec - edgeSec) <= maxShiftSec)
    .sort((a, b) => b.part.pauseBeforeSec - a.part.pauseBeforeSec || Math.abs(a.part.startSec - edgeSec) - Math.abs(b.part.startSec - edgeSec));
  const chosen = candidates[0];
  if (chosen === undefined) {
    return;
  }
  if (chosen.side === 'before') {
    const ofParts = partSpeakers[index] ?? [];
    for (let part = chosen.partIndex; part < ofParts.length; part++) {
      ofParts[part] = speakerAfter;
    }
  } else {
    const ofParts = partSpeakers[index + 1] ?? [];
    for (let part = 0; part < chosen.partIndex; part++) {
      ofParts[part] = speakerBefore;
    }
  }
}
