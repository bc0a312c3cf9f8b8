import { tokenize } from '../core/text/tokenize.ts';
import type { RecognizedWord } from './speech-recognizer.ts';

/**
 * Rebuilds the word list of a segment whose text is normalised («8 916 123-45-67», «1519,39 ₽») while the
 * engine timed the spoken words («восемь девятьсот шестнадцать…»). The result has one word per token of
 * `text`, so text and word list agree. Tokens that match a spoken word keep its time. A run of tokens between
 * two matches (usually a number) gets the time of the spoken words between the same matches, in even shares.
 */
export function alignWordsToText(text: string, spoken: readonly RecognizedWord[]): RecognizedWord[] {
  const tokens = tokenize(text);
  const spokenNorms = spoken.map((word) => foldWord(word.text));
  const pairs = matchInOrder(tokens.map((token) => token.norm), spokenNorms);

  const result: RecognizedWord[] = [];
  let tokenFrom = 0;
  let spokenFrom = 0;
  for (const [tokenIndex, spokenIndex] of [...pairs, [tokens.length, spoken.length] as const]) {
    const gapTokens = tokens.slice(tokenFrom, tokenIndex).map((token) => token.text);
    result.push(...spreadGap(gapTokens, spoken.slice(spokenFrom, spokenIndex)));
    const token = tokens[tokenIndex];
    const word = spoken[spokenIndex];
    if (token !== undefined && word !== undefined) {
      result.push({ ...word, text: token.text });
    }
    tokenFrom = tokenIndex + 1;
    spokenFrom = spokenIndex + 1;
  }
  return result;
}

function foldWord(word: string): string {
  return tokenize(word).map((token) => token.norm).join(' ');
}

/** Longest common subsequence of two word lists, as index pairs in order. */
function matchInOrder(left: readonly string[], right: readonly string[]): (readonly [number, number])[] {
  const table: number[][] = Array.from({ length: left.length + 1 }, () => new Array<number>(right.length + 1).fill(0));
  for (let i = left.length - 1; i >= 0; i -= 1) {
    for (let j = right.length - 1; j >= 0; j -= 1) {
      const row = table[i] ?? [];
      row[j] = left[i] === right[j] ? (table[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(table[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const pairs: (readonly [number, number])[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (left[i] === right[j]) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if ((table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0)) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return pairs;
}

function spreadGap(tokens: readonly string[], spoken: readonly RecognizedWord[]): RecognizedWord[] {
  if (tokens.length === 0) {
    return [];
  }
  if (spoken.length === 0) {
    // Nothing was timed here: the segment bounds are given to these words later.
    return tokens.map((text) => ({ text, startSec: null, endSec: null, confidence: null }));
  }
  // NOTE: spoken words are shared out evenly, so «8 916» over «восемь девятьсот шестнадцать» is exact only by
  // chance. Counting the words of each number needs a Russian number parser, which the text layer lacks yet.
  return tokens.map((text, position) => {
    const first = Math.floor((position * spoken.length) / tokens.length);
    const last = Math.max(first, Math.floor(((position + 1) * spoken.length) / tokens.length) - 1);
    const covered = spoken.slice(first, last + 1);
    const confidences = covered.map((word) => word.confidence).filter((value): value is number => value !== null);
    return {
      text,
      startSec: covered[0]?.startSec ?? null,
      endSec: covered.at(-1)?.endSec ?? null,
      confidence: confidences.length > 0 ? Math.min(...confidences) : null,
    };
  });
}
