/** A word of a text with its offsets, as the tokenizer gives it. */
export interface QuotedWord {
  norm: string;
  start: number;
  end: number;
}

/**
 * Words after which a Russian clause cannot stop: prepositions, conjunctions, particles and determiners
 * that need the next word («в подарок при…», «не приходило. И…», «мастер придёт с…»). A quote that ends
 * on one of them reads as cut off.
 */
export const OPEN_END_WORDS: ReadonlySet<string> = new Set([
  'в', 'во', 'на', 'с', 'со', 'к', 'ко', 'по', 'о', 'об', 'обо', 'от', 'до', 'из', 'за', 'для', 'без', 'при', 'через', 'про',
  'под', 'над', 'перед', 'между', 'у', 'около', 'из-за', 'вместо', 'кроме', 'среди', 'насчет',
  'и', 'а', 'но', 'или', 'либо', 'что', 'чтобы', 'чтоб', 'если', 'когда', 'потому', 'поэтому', 'так', 'как', 'то', 'же', 'бы', 'ли',
  'не', 'ни', 'который', 'которая', 'которое', 'которые', 'которого', 'которой', 'котором',
  'этот', 'эта', 'это', 'эту', 'этого', 'этой', 'этом', 'эти', 'этих',
  'ваш', 'ваша', 'ваше', 'вашу', 'вашего', 'вашей', 'ваши', 'ваших', 'наш', 'наша', 'наше', 'нашу', 'нашего', 'нашей', 'наши',
  'мой', 'моя', 'мою', 'моего', 'моей', 'мои', 'свой', 'свою', 'своего', 'своей', 'свои',
  'такой', 'такая', 'такое', 'такую', 'такие', 'какой', 'какая', 'какое', 'какую', 'какие', 'очень', 'самый', 'самая', 'самое',
]);

const SENTENCE_END = /[.!?…]/u;

/** Tells whether word `position` opens a sentence: it is the first word, or the text between it and the word before has `.`, `!`, `?` or `…`. */
export function startsSentence(text: string, words: readonly QuotedWord[], position: number): boolean {
  const previous = words[position - 1];
  const word = words[position];
  return previous === undefined || word === undefined || SENTENCE_END.test(text.slice(previous.end, word.start));
}

export interface QuoteLimits {
  minWords: number;
  maxWords: number;
  /** Words of context taken on each side of the matched words, within their sentence. */
  contextWords: number;
}

/**
 * Chooses the quoted words around the matched words `first..last` so that the quote reads as a clause:
 * a few words of context within the sentence; whole neighbouring sentences when the sentence is shorter
 * than `minWords` («Ждите, придут.» takes in the sentence before it); and no dangling last word, which is
 * dropped or completed by the next one. Returns inclusive word positions.
 */
export function quoteBounds(text: string, words: readonly QuotedWord[], first: number, last: number, limits: QuoteLimits): [number, number] {
  const count = words.length;
  const starts = (position: number): boolean => startsSentence(text, words, position);
  let from = Math.max(0, Math.min(first, count - 1));
  let to = Math.min(count - 1, Math.max(last, from));
  if (to - from + 1 > limits.maxWords) {
    return trimOpenEnd(words, from, from + limits.maxWords - 1, from);
  }
  const size = (): number => to - from + 1;
  for (let step = 0; step < limits.contextWords && from > 0 && !starts(from) && size() < limits.maxWords; step++) {
    from -= 1;
  }
  for (let step = 0; step < limits.contextWords && to < count - 1 && !starts(to + 1) && size() < limits.maxWords; step++) {
    to += 1;
  }
  to = extendToPunctuation(text, words, from, to, limits.maxWords);
  if (size() < limits.minWords) {
    [from, to] = widenBySentences(starts, count, from, to, limits.maxWords);
  }
  while (size() < limits.minWords && (from > 0 || to < count - 1)) {
    if (to < count - 1) {
      to += 1;
    } else {
      from -= 1;
    }
  }
  [from, to] = completeOpenEnd(words, starts, from, to, last, limits);
  return [from, to];
}

/**
 * Tidies a quote chosen by other rules around the matched words `first..last`: keeps it inside their
 * sentences, then ends it on a word that can close a clause, as `quoteBounds` does.
 */
export function tidyQuote(text: string, words: readonly QuotedWord[], from: number, to: number, first: number, last: number, limits: QuoteLimits): [number, number] {
  const starts = (position: number): boolean => startsSentence(text, words, position);
  let start = from;
  for (let position = first; position > from; position--) {
    if (starts(position)) {
      start = position;
      break;
    }
  }
  let end = to;
  for (let position = last + 1; position <= to; position++) {
    if (starts(position)) {
      end = position - 1;
      break;
    }
  }
  if (end - start + 1 < limits.minWords) {
    [start, end] = widenBySentences(starts, words.length, start, end, limits.maxWords);
  }
  return completeOpenEnd(words, starts, start, end, last, limits);
}

// A clause of punctuated text ends at a comma, colon, semicolon, dash or sentence end.
const CLAUSE_END = /[,;:.!?…—–]/u;

/**
 * In punctuated text, carries the quote on to the end of its clause («Итак, подытожу: замерщик приедет в
 * четверг,») when that stays within `maxWords`. Unpunctuated text is left as it is.
 */
function extendToPunctuation(text: string, words: readonly QuotedWord[], from: number, to: number, maxWords: number): number {
  const after = (position: number): string => text.slice(words[position]?.end ?? 0, words[position + 1]?.start ?? text.length);
  if (to >= words.length - 1 || CLAUSE_END.test(after(to)) || !CLAUSE_END.test(text)) {
    return to;
  }
  for (let end = to + 1; end < words.length && end - from + 1 <= maxWords; end++) {
    if (CLAUSE_END.test(after(end)) || end === words.length - 1) {
      return end;
    }
  }
  return to;
}

/** Widens a quote to the whole sentence it is in, then to the next or the previous whole sentence, within `maxWords`. */
function widenBySentences(starts: (position: number) => boolean, count: number, from: number, to: number, maxWords: number): [number, number] {
  let sentenceStart = from;
  while (sentenceStart > 0 && !starts(sentenceStart)) {
    sentenceStart -= 1;
  }
  let sentenceEnd = to;
  while (sentenceEnd < count - 1 && !starts(sentenceEnd + 1)) {
    sentenceEnd += 1;
  }
  if (sentenceEnd - sentenceStart + 1 > maxWords) {
    return [from, to];
  }
  let nextEnd = sentenceEnd + 1;
  while (nextEnd < count - 1 && !starts(nextEnd + 1)) {
    nextEnd += 1;
  }
  if (sentenceEnd < count - 1 && nextEnd - sentenceStart + 1 <= maxWords) {
    return [sentenceStart, nextEnd];
  }
  let previousStart = sentenceStart - 1;
  while (previousStart > 0 && !starts(previousStart)) {
    previousStart -= 1;
  }
  if (sentenceStart > 0 && sentenceEnd - previousStart + 1 <= maxWords) {
    return [previousStart, sentenceEnd];
  }
  return [sentenceStart, sentenceEnd];
}

/**
 * Ends a quote on a word that can close a clause: a dangling context word is dropped while the quote keeps
 * `minWords`, otherwise the next words of the sentence complete it within `maxWords`.
 */
function completeOpenEnd(words: readonly QuotedWord[], starts: (position: number) => boolean, from: number, to: number, last: number, limits: QuoteLimits): [number, number] {
  const open = (position: number): boolean => OPEN_END_WORDS.has(words[position]?.norm ?? '');
  let end = to;
  while (end > last && open(end) && end - from + 1 > limits.minWords) {
    end -= 1;
  }
  if (!open(end)) {
    return [from, end];
  }
  end = to;
  while (open(end) && end < words.length - 1 && !starts(end + 1) && end - from + 1 < limits.maxWords) {
    end += 1;
  }
  // Nothing follows in the sentence: the turn itself stops there (crosstalk, a cut recording), and the
  // dangling words go even from the matched ones while the quote keeps `minWords`.
  return open(end) ? trimOpenEnd(words, from, to, from + limits.minWords - 1) : [from, end];
}

/** Drops dangling words from the end of a quote, keeping the words up to `keep`. */
function trimOpenEnd(words: readonly QuotedWord[], from: number, to: number, keep: number): [number, number] {
  let end = to;
  while (end > Math.max(from, keep) && OPEN_END_WORDS.has(words[end]?.norm ?? '')) {
    end -= 1;
  }
  return [from, end];
}
