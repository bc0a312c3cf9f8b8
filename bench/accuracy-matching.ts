// How the accuracy benchmark pairs what the engine found with what a QA reviewer labelled.
import type { Evidence } from '../src/core/model/evaluation.ts';
import type { Transcript } from '../src/core/model/transcript.ts';
import { tokenize } from '../src/core/text/tokenize.ts';

/** A place in a call: the turn it is in (null when the quote could not be found) and its words. */
export interface Place {
  turn: number | null;
  words: string[];
}

// Two quotes that share this many consecutive words are the same place.
const SHARED_RUN = 2;

function words(text: string): string[] {
  return tokenize(text).map((token) => token.norm);
}

/** Longest run of consecutive words that `a` and `b` share. */
export function sharedRun(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let length = 0;
      while (a[i + length] !== undefined && a[i + length] === b[j + length]) {
        length += 1;
      }
      best = Math.max(best, length);
    }
  }
  return best;
}

/**
 * Locates a labelled quote: the turn that shares the longest run of consecutive words with it. Labels
 * quote the dialog as written, and crosstalk can put a quote's words in two merged turns, so an exact
 * search is not enough.
 */
export function locateQuote(transcript: Transcript, quote: string): Place {
  const quoteWords = words(quote);
  let bestTurn: number | null = null;
  let bestRun = 0;
  for (const turn of transcript.turns) {
    const run = sharedRun(quoteWords, words(turn.text));
    if (run > bestRun) {
      bestRun = run;
      bestTurn = turn.index;
    }
  }
  return { turn: bestRun >= Math.min(SHARED_RUN, quoteWords.length) ? bestTurn : null, words: quoteWords };
}

export function placeOf(evidence: Evidence): Place {
  return { turn: evidence.turn, words: words(evidence.quote) };
}

/**
 * The matching rule: a found place matches a labelled one when their quotes share at least two
 * consecutive words, or when they are in the same turn or in adjacent turns.
 */
export function samePlace(found: Place, labelled: Place): boolean {
  if (sharedRun(found.words, labelled.words) >= Math.min(SHARED_RUN, labelled.words.length)) {
    return true;
  }
  return found.turn !== null && labelled.turn !== null && Math.abs(found.turn - labelled.turn) <= 1;
}

/** Precision, recall and F1 from counts; null where the denominator is zero. */
export interface Scores {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export function scores(truePositives: number, found: number, labelled: number): Scores {
  const precision = found === 0 ? null : truePositives / found;
  const recall = labelled === 0 ? null : truePositives / labelled;
  const f1 = precision === null || recall === null || precision + recall === 0 ? (found === 0 && labelled === 0 ? null : 0) : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function formatScore(value: number | null): string {
  return value === null ? '  —  ' : value.toFixed(2).padStart(5);
}
