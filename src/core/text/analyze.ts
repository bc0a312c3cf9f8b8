import type { Morphology } from './morphology.ts';
import { tokenize } from './tokenize.ts';
import type { Token } from './tokenize.ts';

/** A token with its position in the stream and its morphology. */
export interface AnalyzedToken extends Token {
  /** Position in the token stream, from 0. */
  index: number;
  /** Dictionary form, folded; the folded word itself for digits and unknown words. */
  lemma: string;
  pos: string | null;
  grammemes: readonly string[];
}

const NO_GRAMMEMES: readonly string[] = [];

/**
 * Tokenizes a text and looks up each word's lemma. The morphology is expected to cache lemmas
 * (the Az.js adapter does), so a call costs one map lookup per word after the first few calls.
 */
export function analyzeText(text: string, morphology: Morphology): AnalyzedToken[] {
  const tokens = tokenize(text);
  const analyzed: AnalyzedToken[] = new Array<AnalyzedToken>(tokens.length);
  for (const [index, token] of tokens.entries()) {
    const analysis = morphology.analyze(token.norm);
    analyzed[index] = {
      text: token.text,
      norm: token.norm,
      start: token.start,
      end: token.end,
      index,
      lemma: analysis.lemma,
      pos: analysis.pos,
      grammemes: analysis.grammemes ?? NO_GRAMMEMES,
    };
  }
  return analyzed;
}

/** Checks whether a token carries every grammeme given («1per», «futr», …). */
export function hasGrammemes(token: Pick<AnalyzedToken, 'grammemes'>, ...grammemes: string[]): boolean {
  return grammemes.every((grammeme) => token.grammemes.includes(grammeme));
}

/** The source text between two tokens, inclusive, unchanged: what a quote must be. */
export function sliceTokens(text: string, tokens: readonly Token[], first: number, last: number): string {
  const from = tokens[first];
  const to = tokens[last];
  if (from === undefined || to === undefined) {
    return '';
  }
  return text.slice(from.start, to.end);
}
