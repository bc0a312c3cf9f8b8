import type { AnalyzedToken } from './analyze.ts';
import type { Morphology } from './morphology.ts';
import { tokenize } from './tokenize.ts';

/** A phrase to look for, with how many foreign words may stand between two of its words. */
export interface PhraseSpec {
  text: string;
  /** Words allowed between two consecutive words of the phrase; overrides the matcher's default. */
  maxGap?: number;
}

export interface PhraseMatcherOptions {
  /** Default number of words allowed between two consecutive phrase words (2: «я же вам уже сказал»). */
  maxGap?: number;
}

/** Occurrence of a phrase: token positions (inclusive) and character offsets into the source. */
export interface PhraseMatch {
  /** Position of the phrase in the list the matcher was compiled from. */
  phraseIndex: number;
  phrase: string;
  firstToken: number;
  lastToken: number;
  start: number;
  end: number;
}

interface CompiledPhrase {
  index: number;
  text: string;
  maxGap: number;
  /** For each phrase word, the lemma and folded forms that count as that word. */
  words: readonly ReadonlySet<string>[];
}

const DEFAULT_MAX_GAP = 2;

/**
 * Phrase list compiled once, matched by lemma so that inflection does not matter («добрый день»
 * matches «доброго дня») and with small gaps between words («я же сказал» matches «я же вам уже
 * сказал»). Matching costs one map lookup per token plus work on the few phrases whose first word
 * occurs, so detectors can keep one matcher per phrase list for the life of the process.
 */
export class PhraseMatcher {
  private readonly byFirstWord = new Map<string, CompiledPhrase[]>();

  constructor(phrases: readonly (string | PhraseSpec)[], morphology: Morphology, options: PhraseMatcherOptions = {}) {
    const defaultGap = options.maxGap ?? DEFAULT_MAX_GAP;
    phrases.forEach((phrase, index) => {
      const spec = typeof phrase === 'string' ? { text: phrase } : phrase;
      const words = tokenize(spec.text).map((token) => new Set([token.norm, morphology.analyze(token.norm).lemma]));
      const [first] = words;
      if (first === undefined) {
        return;
      }
      const compiled: CompiledPhrase = { index, text: spec.text, maxGap: spec.maxGap ?? defaultGap, words };
      for (const key of first) {
        const bucket = this.byFirstWord.get(key) ?? [];
        bucket.push(compiled);
        this.byFirstWord.set(key, bucket);
      }
    });
  }

  /** Finds every occurrence of every phrase, ordered by position; one phrase's matches never overlap. */
  findAll(tokens: readonly AnalyzedToken[]): PhraseMatch[] {
    const matches: PhraseMatch[] = [];
    const busyUntil = new Map<number, number>();
    for (const [position, token] of tokens.entries()) {
      for (const phrase of this.candidates(token)) {
        if ((busyUntil.get(phrase.index) ?? -1) >= position) {
          continue;
        }
        const last = matchFrom(tokens, position, phrase);
        if (last === null) {
          continue;
        }
        busyUntil.set(phrase.index, last);
        matches.push(toMatch(tokens, phrase, position, last));
      }
    }
    return matches;
  }

  /** Finds the first occurrence of any phrase, or returns null. */
  findFirst(tokens: readonly AnalyzedToken[]): PhraseMatch | null {
    for (const [position, token] of tokens.entries()) {
      for (const phrase of this.candidates(token)) {
        const last = matchFrom(tokens, position, phrase);
        if (last !== null) {
          return toMatch(tokens, phrase, position, last);
        }
      }
    }
    return null;
  }

  test(tokens: readonly AnalyzedToken[]): boolean {
    return this.findFirst(tokens) !== null;
  }

  private candidates(token: AnalyzedToken): CompiledPhrase[] {
    const byLemma = this.byFirstWord.get(token.lemma) ?? [];
    if (token.norm === token.lemma) {
      return byLemma;
    }
    const byNorm = this.byFirstWord.get(token.norm);
    if (byNorm === undefined) {
      return byLemma;
    }
    return [...new Set([...byLemma, ...byNorm])];
  }
}

/** Compiles a phrase list once; see {@link PhraseMatcher}. */
export function compilePhrases(
  phrases: readonly (string | PhraseSpec)[],
  morphology: Morphology,
  options: PhraseMatcherOptions = {},
): PhraseMatcher {
  return new PhraseMatcher(phrases, morphology, options);
}

function wordMatches(token: AnalyzedToken | undefined, word: ReadonlySet<string> | undefined): boolean {
  return token !== undefined && word !== undefined && (word.has(token.lemma) || word.has(token.norm));
}

/** Returns the position of the phrase's last word when the phrase starts at `first`, else null. */
function matchFrom(tokens: readonly AnalyzedToken[], first: number, phrase: CompiledPhrase): number | null {
  return matchRest(tokens, first, phrase, 1);
}

// Depth-first over the allowed gaps, so «я же сказал» still matches when the nearest «же» leads nowhere.
function matchRest(tokens: readonly AnalyzedToken[], previous: number, phrase: CompiledPhrase, wordIndex: number): number | null {
  if (wordIndex >= phrase.words.length) {
    return previous;
  }
  const word = phrase.words[wordIndex];
  const limit = Math.min(tokens.length - 1, previous + 1 + phrase.maxGap);
  for (let position = previous + 1; position <= limit; position++) {
    if (wordMatches(tokens[position], word)) {
      const last = matchRest(tokens, position, phrase, wordIndex + 1);
      if (last !== null) {
        return last;
      }
    }
  }
  return null;
}

function toMatch(tokens: readonly AnalyzedToken[], phrase: CompiledPhrase, first: number, last: number): PhraseMatch {
  const start = tokens[first]?.start ?? 0;
  const end = tokens[last]?.end ?? start;
  return { phraseIndex: phrase.index, phrase: phrase.text, firstToken: first, lastToken: last, start, end };
}
