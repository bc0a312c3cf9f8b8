import { foldText } from './normalize.ts';

/** A word of a text with its position, so a match can be quoted from the original text unchanged. */
export interface Token {
  /** The word as written. */
  text: string;
  /** The folded form (lower case, «ё» → «е»). */
  norm: string;
  /** Offsets into the source text: `source.slice(start, end) === text`. */
  start: number;
  end: number;
}

// A word is a run of letters or digits, with inner hyphens and apostrophes («кое-что», «из-за»).
// `\b` cannot be used: in JavaScript it only knows ASCII letters, so it never fires at a Cyrillic edge.
const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    tokens.push({ text: word, norm: foldText(word), start: match.index, end: match.index + word.length });
  }
  return tokens;
}

/** Cyrillic-safe whole-word test: `(?<!\p{L})` stands where `\b` would, because `\b` ignores Cyrillic. */
export function wordPattern(alternatives: readonly string[], flags = 'u'): RegExp {
  const escaped = alternatives.map((alternative) => alternative.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, flags);
}
