import type { Role, Turn, TurnFlag, Word } from '../core/model/transcript.ts';
import type { RecognizedWord } from '../asr/speech-recognizer.ts';

/** A recognised stretch with its party settled: a channel, a speaker label, or both. */
export interface TurnPart {
  startSec: number;
  endSec: number;
  text: string;
  confidence: number | null;
  words: readonly RecognizedWord[];
  channel: number | null;
  speaker: string | null;
  role: Role;
}

export interface TurnOptions {
  /** Parts of one party closer than this, with no other party starting in between, form one turn. */
  joinGapSec: number;
  /** An earlier turn must still run this long after a turn starts to count as talked over. */
  minOverlapSec: number;
}

export const DEFAULT_TURNS: TurnOptions = { joinGapSec: 1.0, minOverlapSec: 0.2 };

/**
 * Orders parts by start time and joins consecutive parts of the same party into turns. A turn that
 * starts while the other party's turn is still running records it in `overlapsTurn`, so crosstalk
 * keeps both parties' true times instead of being forced into sequence.
 */
export function buildTurns(parts: readonly TurnPart[], options: TurnOptions = DEFAULT_TURNS): Turn[] {
  const sorted = [...parts].sort((a, b) => a.startSec - b.startSec || a.endSec - b.endSec);
  const groups: TurnPart[][] = [];
  for (const part of sorted) {
    const current = groups.at(-1);
    const last = current?.at(-1);
    if (current !== undefined && last !== undefined && partyOf(last) === partyOf(part) && part.startSec - maxEnd(current) <= options.joinGapSec) {
      current.push(part);
    } else {
      groups.push([part]);
    }
  }

  const turns: Turn[] = [];
  groups.forEach((group, index) => {
    turns.push(turnOf(group, index, findOverlapped(turns, group, options.minOverlapSec)));
  });
  return turns;
}

function partyOf(part: TurnPart): string {
  return `${String(part.channel)}|${part.speaker ?? ''}|${part.role}`;
}

function maxEnd(group: readonly TurnPart[]): number {
  return Math.max(...group.map((part) => part.endSec));
}

/** Finds the latest earlier turn of another party still running when this group starts. */
function findOverlapped(earlier: readonly Turn[], group: readonly TurnPart[], minOverlapSec: number): number | null {
  const first = group[0];
  if (first === undefined) {
    return null;
  }
  const party = partyOf(first);
  for (let index = earlier.length - 1; index >= 0; index--) {
    const turn = earlier[index];
    if (turn === undefined || turn.endSec === null) {
      continue;
    }
    const sameParty = `${String(turn.channel)}|${turn.speaker ?? ''}|${turn.role}` === party;
    if (!sameParty && turn.endSec - first.startSec >= minOverlapSec) {
      return turn.index;
    }
  }
  return null;
}

function turnOf(group: readonly TurnPart[], index: number, overlapsTurn: number | null): Turn {
  const first = group[0];
  const words: Word[] = group.flatMap((part) => part.words.map((word) => ({ text: word.text, startSec: word.startSec, endSec: word.endSec, confidence: word.confidence })));
  const flags: TurnFlag[] = first?.role === 'unknown' && first.speaker === null ? ['unattributed'] : [];
  const turn: Turn = {
    index,
    role: first?.role ?? 'unknown',
    channel: first?.channel ?? null,
    speaker: first?.speaker ?? null,
    startSec: first?.startSec ?? null,
    endSec: maxEnd(group),
    text: group.map((part) => part.text.trim()).filter((text) => text.length > 0).join(' '),
    confidence: weightedConfidence(group),
    flags,
    overlapsTurn,
  };
  if (words.length > 0) {
    turn.words = words;
  }
  return turn;
}

/** Mean confidence weighted by duration over the parts that have one; null when none has. */
function weightedConfidence(group: readonly TurnPart[]): number | null {
  let weighted = 0;
  let weight = 0;
  for (const part of group) {
    if (part.confidence !== null) {
      const duration = Math.max(0.01, part.endSec - part.startSec);
      weighted += part.confidence * duration;
      weight += duration;
    }
  }
  return weight > 0 ? weighted / weight : null;
}
