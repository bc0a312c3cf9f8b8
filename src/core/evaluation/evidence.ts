import type { Evidence } from '../model/evaluation.ts';
import { OPEN_END_WORDS, quoteBounds } from '../text/quote-bounds.ts';
import type { CallView, CallWord, TurnView } from './call-view.ts';

export const MIN_QUOTE_WORDS = 3;
export const MAX_QUOTE_WORDS = 15;

/**
 * Builds evidence from words `first..last` of one turn. The quote is cut from the turn's own text by
 * offsets, so it can be found in the call unchanged. It takes a few words of context around the match
 * within the sentence, at least three words when the turn has them and at most fifteen, and does not
 * end on a word that leaves the clause open.
 */
export function evidenceFromWords(view: CallView, turnPosition: number, first: number, last: number): Evidence {
  const turn = view.turns[turnPosition];
  if (turn === undefined) {
    throw new RangeError(`No turn at position ${turnPosition}`);
  }
  const [from, to] = quoteRange(turn, first, last);
  return {
    turn: turn.turn.index,
    startSec: wordStartSec(turn, from),
    quote: sliceWords(turn, from, to),
  };
}

/** Evidence for a match that may span several turns of a stream: quoted from the turn of its first word. */
export function evidenceFromStream(view: CallView, words: readonly CallWord[], first: number, last: number): Evidence {
  const head = words[first];
  if (head === undefined) {
    throw new RangeError(`No word at position ${first}`);
  }
  let lastInTurn = head.wordPosition;
  for (let index = first; index <= last; index++) {
    const word = words[index];
    if (word?.turnPosition === head.turnPosition) {
      lastInTurn = word.wordPosition;
    }
  }
  return evidenceFromWords(view, head.turnPosition, head.wordPosition, lastInTurn);
}

/** Evidence for a whole turn: its first fifteen words, or its last ones with `fromEnd`. */
export function evidenceFromTurn(view: CallView, turn: TurnView, fromEnd = false): Evidence {
  const position = turn.position;
  const count = turn.words.length;
  if (count === 0) {
    return { turn: turn.turn.index, startSec: turn.turn.startSec, quote: turn.turn.text.trim() };
  }
  if (fromEnd) {
    return evidenceFromWords(view, position, Math.max(0, count - MAX_QUOTE_WORDS), count - 1);
  }
  // A turn cut by crosstalk may stop on «если» or «в»: the quote leaves such words out.
  let last = Math.min(count, MAX_QUOTE_WORDS) - 1;
  while (last >= MIN_QUOTE_WORDS && OPEN_END_WORDS.has(turn.words[last]?.norm ?? '')) {
    last -= 1;
  }
  return evidenceFromWords(view, position, 0, last);
}

// Words of context a quote takes on each side of the matched words, within the sentence.
const CONTEXT_WORDS = 4;

/** Chooses the quoted words around `first..last` so that the quote reads as a clause (see `quoteBounds`). */
function quoteRange(turn: TurnView, first: number, last: number): [number, number] {
  return quoteBounds(turn.turn.text, turn.words, first, last, { minWords: MIN_QUOTE_WORDS, maxWords: MAX_QUOTE_WORDS, contextWords: CONTEXT_WORDS });
}

function sliceWords(turn: TurnView, from: number, to: number): string {
  const first = turn.words[from];
  const last = turn.words[to];
  if (first === undefined || last === undefined) {
    return turn.turn.text.trim();
  }
  return turn.turn.text.slice(first.start, last.end);
}

/** Start of a word from word timings where the source has them, else the turn's start. */
function wordStartSec(turn: TurnView, wordPosition: number): number | null {
  const timed = turn.turn.words;
  if (timed?.length === turn.words.length) {
    const start = timed[wordPosition]?.startSec;
    if (start !== undefined && start !== null) {
      return start;
    }
  }
  return turn.turn.startSec;
}

/** «02:14» or «1:02:14» for a time in the call. */
export function formatMoment(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = whole % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(secs).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/**
 * Opens a recommendation with the moment it refers to: «На 02:14 клиент сказал …» when the time is
 * known, otherwise the words themselves: «Клиент сказал: „…“».
 */
export function momentLead(evidence: Evidence, speaker: 'client' | 'manager', verb: string): string {
  const who = speaker === 'client' ? 'клиент' : 'вы';
  if (evidence.startSec !== null) {
    return `На ${formatMoment(evidence.startSec)} ${who} ${verb}: «${evidence.quote}»`;
  }
  const Who = speaker === 'client' ? 'Клиент' : 'Вы';
  return `${Who} ${verb}: «${evidence.quote}»`;
}
