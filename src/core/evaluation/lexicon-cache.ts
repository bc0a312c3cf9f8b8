import type { Morphology } from '../text/morphology.ts';
import { compilePhrases, type PhrasePattern } from '../text/phrase-pattern.ts';

// Compiled phrase lists, per morphology and per list object. Compiling lemmatizes every phrase word, which
// would otherwise be repeated for every call; the cache holds no call data, so evaluation stays pure.
const cache = new WeakMap<Morphology, WeakMap<readonly string[], Map<number, PhrasePattern[]>>>();

/** Compiles a phrase list once per morphology; the same list object always gives the same patterns. */
export function cachedPatterns(morphology: Morphology, phrases: readonly string[], maxGap = 1): PhrasePattern[] {
  let byList = cache.get(morphology);
  if (byList === undefined) {
    byList = new WeakMap();
    cache.set(morphology, byList);
  }
  let byGap = byList.get(phrases);
  if (byGap === undefined) {
    byGap = new Map();
    byList.set(phrases, byGap);
  }
  let patterns = byGap.get(maxGap);
  if (patterns === undefined) {
    patterns = compilePhrases(phrases, morphology, maxGap);
    byGap.set(maxGap, patterns);
  }
  return patterns;
}
