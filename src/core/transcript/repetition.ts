import { deflateSync } from 'node:zlib';

import { tokenize } from '../text/tokenize.ts';

/** Folded words of a text, without punctuation. */
export function wordsOf(text: string): string[] {
  return tokenize(text).map((token) => token.norm);
}

/**
 * Tells whether two lines count as one line for loop detection: equal after folding, or one line's
 * words all found in the other (a looping decoder drops or adds a word: «Tres quarts.», «i tres quarts d'hora.»).
 */
export function isNearDuplicate(left: readonly string[], right: readonly string[]): boolean {
  if (left.length === 0 || right.length === 0) {
    return false;
  }
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  const longerWords = new Set(longer);
  const shared = shorter.filter((word) => longerWords.has(word)).length;
  // A one-word line is contained in any line that uses the word, so containment needs two words at least.
  const contained = shared === shorter.length && (shorter.length >= 2 || longer.length === 1);
  return contained && shorter.length * 2 >= longer.length;
}

export interface RepeatedRun {
  /** The repeated words. */
  gram: string[];
  /** How many times in a row the gram occurs. */
  times: number;
}

/** Finds the n-gram (n = 1..maxGram) repeated the most times back to back in a word list. */
export function longestRepeatedRun(words: readonly string[], maxGram = 6): RepeatedRun | null {
  let best: RepeatedRun | null = null;
  for (let size = 1; size <= maxGram; size += 1) {
    for (let start = 0; start + size * 2 <= words.length; start += 1) {
      let times = 1;
      while (sameGram(words, start, start + times * size, size)) {
        times += 1;
      }
      if (times > 1 && (best === null || times * size > best.times * best.gram.length)) {
        best = { gram: words.slice(start, start + size), times };
      }
    }
  }
  return best;
}

function sameGram(words: readonly string[], first: number, second: number, size: number): boolean {
  if (second + size > words.length) {
    return false;
  }
  for (let offset = 0; offset < size; offset += 1) {
    if (words[first + offset] !== words[second + offset]) {
      return false;
    }
  }
  return true;
}

/**
 * Size of the UTF-8 text divided by its deflate-compressed size. Whisper uses the same measure (gzip, limit 2.4
 * on 30-second windows) to reject looping decodes: ordinary speech compresses to about half, a loop much further.
 */
export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) {
    return 0;
  }
  return bytes.length / deflateSync(bytes).length;
}

/**
 * Computes the highest compression ratio over windows of `windowChars` characters (half-overlapping), or 0 for a shorter
 * text. A fixed window keeps long turns comparable with short ones: deflate gains on any long text, and Cyrillic
 * in UTF-8 gains more than Latin because every letter shares one of two lead bytes.
 */
export function maxWindowCompressionRatio(text: string, windowChars: number): number {
  let highest = 0;
  const step = Math.max(1, Math.floor(windowChars / 2));
  for (let start = 0; start + windowChars <= text.length; start += step) {
    highest = Math.max(highest, compressionRatio(text.slice(start, start + windowChars)));
  }
  return highest;
}
