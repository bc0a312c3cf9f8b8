import type { AnalyzedToken } from './analyze.ts';
import type { Morphology } from './morphology.ts';
import { compilePhrase, findAllPhrases, findAnyPhrase, type PhrasePattern } from './phrase-pattern.ts';
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

const DEFAULT_MAX_GAP = 2;

/**
 * A list of plain phrases compiled once, matched by lemma so that inflection does not matter («добрый
 * день» matches «доброго дня») and with small gaps between words («я же сказал» matches «я же вам уже
 * сказал»). It runs on the phrase patterns of `phrase-pattern.ts`: the phrases are plain words, so the
 * pattern syntax (`|`, `=`, `*`) never applies to them.
 */
export class PhraseMatcher {
  private readonly patterns: PhrasePattern[] = [];
  private readonly indexOf = new Map<PhrasePattern, number>();

  constructor(phrases: readonly (string | PhraseSpec)[], morphology: Morphology, options: PhraseMatcherOptions = {}) {
    const defaultGap = options.maxGap ?? DEFAULT_MAX_GAP;
    phrases.forEach((phrase, index) => {
      const spec = typeof phrase === 'string' ? { text: phrase } : phrase;
      // The tokenizer keeps letters, digits and inner hyphens only, so no word can carry pattern syntax.
      const plain = tokenize(spec.text).map((token) => token.norm).join(' ');
      const pattern = compilePhrase(plain, morphology, spec.maxGap ?? defaultGap);
      if (pattern.slots.length > 0) {
        this.patterns.push({ ...pattern, source: spec.text });
        this.indexOf.set(this.patterns.at(-1) ?? pattern, index);
      }
    });
  }

  /** Finds every occurrence of every phrase, ordered by position; one phrase's matches never overlap. */
  findAll(tokens: readonly AnalyzedToken[]): PhraseMatch[] {
    return findAllPhrases(this.patterns, tokens).map((match) => this.toMatch(tokens, match.pattern, match.first, match.last));
  }

  /** Finds the first occurrence of any phrase, or returns null. */
  findFirst(tokens: readonly AnalyzedToken[]): PhraseMatch | null {
    const match = findAnyPhrase(this.patterns, tokens);
    return match === null ? null : this.toMatch(tokens, match.pattern, match.first, match.last);
  }

  test(tokens: readonly AnalyzedToken[]): boolean {
    return findAnyPhrase(this.patterns, tokens) !== null;
  }

  private toMatch(tokens: readonly AnalyzedToken[], pattern: PhrasePattern, first: number, last: number): PhraseMatch {
    const start = tokens[first]?.start ?? 0;
    const end = tokens[last]?.end ?? start;
    return { phraseIndex: this.indexOf.get(pattern) ?? -1, phrase: pattern.source, firstToken: first, lastToken: last, start, end };
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
