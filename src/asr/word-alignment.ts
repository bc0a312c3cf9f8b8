import { CURRENCIES } from '../core/text/number-words.ts';
import { tokenize } from '../core/text/tokenize.ts';
import type { Token } from '../core/text/tokenize.ts';
import type { RecognizedWord } from './speech-recognizer.ts';
import { digitEnds, findLinks, numberRun, readAlignmentSide } from './word-alignment-match.ts';
import type { AlignmentRange as Range, AlignmentSide, Link, NumberPart } from './word-alignment-match.ts';

/**
 * Rebuilds the word list of a segment whose text is normalised («8 916 123-45-67», «1519,39 ₽», «в 18:00»)
 * while the engine timed the spoken words («восемь девятьсот шестнадцать…»), or the other way round. The
 * result has one word per token of `text`, so text and word list agree.
 *
 * A token is linked to spoken words when they are the same word or the same word split at a hyphen. A run of
 * numbers is linked when both sides spell the same digits («1 519» and «тысяча пятьсот девятнадцать», «15:00»
 * and «пятнадцать ноль ноль»), and a clock time when it names the same time («в 18:00», «в шесть вечера»).
 * Tokens left between two links share the time of the spoken words between the same links in even shares. Word times never go backwards and stay within the
 * first start and the last end of the spoken words. When no spoken word has a time, every time is null.
 */
export function alignWordsToText(text: string, spoken: readonly RecognizedWord[]): RecognizedWord[] {
  const textTokens = tokenize(text);
  const timeline = spokenTimeline(spoken);
  if (timeline === null) {
    return textTokens.map((token) => ({ text: token.text, startSec: null, endSec: null, confidence: null }));
  }
  const layout = layOutSpoken(spoken);
  const context: PlacementContext = {
    text: readAlignmentSide(text, textTokens),
    spoken: readAlignmentSide(layout.text, layout.tokens),
    positions: layout.positions,
    spans: new Array<Span>(textTokens.length),
  };
  placeRange(context, { textFrom: 0, textTo: textTokens.length, spokenFrom: 0, spokenTo: layout.tokens.length }, { from: 0, to: spoken.length }, true);
  const words = textTokens.map((token, index) => toWord(token.text, context.spans[index] ?? { from: 0, to: 0 }, timeline, spoken));
  return keepInOrder(words, timeline);
}

/** A stretch of the spoken words in word units: 2.5 is the middle of the third word. */
interface Span {
  from: number;
  to: number;
}

interface PlacementContext {
  text: AlignmentSide;
  spoken: AlignmentSide;
  /** Span of each spoken token among the spoken words. */
  positions: readonly Span[];
  /** Span of each text token among the spoken words: the result. */
  spans: Span[];
}

// The spoken words are joined into one text so that the text layer reads them as it reads any text
// («15:00» from one word, «тысяча пятьсот» across two). A word of several tokens shares its span evenly.
function layOutSpoken(spoken: readonly RecognizedWord[]): { text: string; tokens: Token[]; positions: Span[] } {
  const wordStarts: number[] = [];
  let text = '';
  for (const word of spoken) {
    text += wordStarts.length === 0 ? '' : ' ';
    wordStarts.push(text.length);
    text += word.text;
  }
  const tokens = tokenize(text);
  const wordOf = new Array<number>(tokens.length);
  let word = 0;
  for (const [index, token] of tokens.entries()) {
    while (word + 1 < wordStarts.length && (wordStarts[word + 1] ?? Infinity) <= token.start) {
      word++;
    }
    wordOf[index] = word;
  }
  const positions = tokens.map((_token, index) => {
    const owner = wordOf[index] ?? 0;
    let first = index;
    while (first > 0 && wordOf[first - 1] === owner) {
      first--;
    }
    let last = index;
    while (last + 1 < tokens.length && wordOf[last + 1] === owner) {
      last++;
    }
    const count = last - first + 1;
    return { from: owner + (index - first) / count, to: owner + (index - first + 1) / count };
  });
  return { text, tokens, positions };
}

function placeRange(context: PlacementContext, range: Range, bounds: Span, withClocks: boolean): void {
  const links = findLinks(context.text, context.spoken, range, withClocks);
  let textCursor = range.textFrom;
  let spokenCursor = bounds.from;
  for (const link of links) {
    const linkSpan = spokenSpan(context, link);
    spreadEvenly(context, textCursor, link.textFrom, { from: spokenCursor, to: linkSpan.from });
    placeLink(context, link, linkSpan);
    textCursor = link.textTo;
    spokenCursor = linkSpan.to;
  }
  spreadEvenly(context, textCursor, range.textTo, { from: spokenCursor, to: bounds.to });
  stretchOverUnitWords(context, links, range);
}

function spokenSpan(context: PlacementContext, link: Link): Span {
  return { from: context.positions[link.spokenFrom]?.from ?? 0, to: context.positions[link.spokenTo - 1]?.to ?? 0 };
}

function placeLink(context: PlacementContext, link: Link, span: Span): void {
  if (link.kind === 'number') {
    placeNumber(context, link);
  } else if (link.kind === 'clock') {
    // Inside a clock time the words are matched again without clocks: «в» against «в», «18» against «восемнадцать».
    placeRange(context, link, span, false);
  } else {
    spreadEvenly(context, link.textFrom, link.textTo, span);
  }
}

/** Gives tokens `[from, to)` equal consecutive shares of `span`. An empty span gives each token its point. */
function spreadEvenly(context: PlacementContext, from: number, to: number, span: Span): void {
  const count = to - from;
  for (let index = from; index < to; index++) {
    const share = index - from;
    context.spans[index] = {
      from: span.from + ((span.to - span.from) * share) / count,
      to: span.from + ((span.to - span.from) * (share + 1)) / count,
    };
  }
}

/**
 * Places the tokens of a number link digit by digit: both sides spell the same digit string, so a text token
 * takes the spoken words that spell its digits («916» of «8 916» takes «девятьсот шестнадцать», «000» of
 * «10 000» takes «тысяч»).
 */
function placeNumber(context: PlacementContext, link: Link): void {
  const spokenPieces = digitPieces(context.spoken, numberRun(context.spoken, link.spokenFrom, link.spokenTo).parts);
  const positionAt = (digit: number, edge: 'from' | 'to'): number => {
    const piece =
      spokenPieces.find((candidate) => candidate.digitTo > candidate.digitFrom && (edge === 'from' ? digit < candidate.digitTo : digit <= candidate.digitTo)) ??
      spokenPieces.at(-1);
    if (piece === undefined) {
      return 0;
    }
    const position = context.positions[piece.token] ?? { from: 0, to: 0 };
    const share = piece.digitTo > piece.digitFrom ? (digit - piece.digitFrom) / (piece.digitTo - piece.digitFrom) : 1;
    return position.from + Math.min(1, Math.max(0, share)) * (position.to - position.from);
  };
  for (const piece of digitPieces(context.text, numberRun(context.text, link.textFrom, link.textTo).parts)) {
    // A token that adds no digit of its own («тысячи» in «двадцать две тысячи пятьсот») sits between its neighbours.
    const from = piece.digitTo > piece.digitFrom ? positionAt(piece.digitFrom, 'from') : positionAt(piece.digitFrom, 'to');
    context.spans[piece.token] = { from, to: Math.max(from, positionAt(piece.digitTo, 'to')) };
  }
}

/** Lists the digits that each token of a number run spells, as offsets into the run's joined digits. */
function digitPieces(side: AlignmentSide, parts: readonly NumberPart[]): { token: number; digitFrom: number; digitTo: number }[] {
  const pieces: { token: number; digitFrom: number; digitTo: number }[] = [];
  let offset = 0;
  for (const part of parts) {
    let previousEnd = 0;
    for (const [index, end] of digitEnds(side, part).entries()) {
      pieces.push({ token: part.first + index, digitFrom: offset + previousEnd, digitTo: offset + end });
      previousEnd = end;
    }
    offset += part.digits.length;
  }
  return pieces;
}

// Words an engine writes as a sign or drops around a number: «рублей» for «₽», «процентов» for «%»,
// «плюс» for «+». When nothing in the text stands for them, the number next to them takes their time.
const UNIT_WORDS_AFTER: ReadonlySet<string> = new Set([
  ...CURRENCIES.flatMap((currency) => [...currency.major, ...currency.minor]),
  'процент', 'процента', 'процентов', 'градус', 'градуса', 'градусов',
]);
const UNIT_WORDS_BEFORE: ReadonlySet<string> = new Set(['плюс', 'минус', 'номер']);

function stretchOverUnitWords(context: PlacementContext, links: readonly Link[], range: Range): void {
  for (let index = 0; index <= links.length; index++) {
    const before = links[index - 1];
    const after = links[index];
    const textFrom = before?.textTo ?? range.textFrom;
    const textTo = after?.textFrom ?? range.textTo;
    if (textFrom !== textTo) {
      continue;
    }
    let spokenFrom = before?.spokenTo ?? range.spokenFrom;
    let spokenTo = after?.spokenFrom ?? range.spokenTo;
    const lastOfBefore = context.spans[textFrom - 1];
    if (before?.kind === 'number' && lastOfBefore !== undefined) {
      while (spokenFrom < spokenTo && UNIT_WORDS_AFTER.has(context.spoken.tokens[spokenFrom]?.norm ?? '')) {
        lastOfBefore.to = context.positions[spokenFrom]?.to ?? lastOfBefore.to;
        spokenFrom++;
      }
    }
    const firstOfAfter = context.spans[textTo];
    if (after?.kind === 'number' && firstOfAfter !== undefined) {
      while (spokenTo > spokenFrom && UNIT_WORDS_BEFORE.has(context.spoken.tokens[spokenTo - 1]?.norm ?? '')) {
        firstOfAfter.from = context.positions[spokenTo - 1]?.from ?? firstOfAfter.from;
        spokenTo--;
      }
    }
  }
}

/** Start and end of every spoken word, with a missing time taken from the nearest timed neighbour. */
interface Timeline {
  starts: number[];
  ends: number[];
  first: number;
  last: number;
}

function spokenTimeline(spoken: readonly RecognizedWord[]): Timeline | null {
  const starts = spoken.map((word) => word.startSec ?? word.endSec);
  const ends = spoken.map((word) => word.endSec ?? word.startSec);
  let previous: number | null = null;
  for (let index = 0; index < spoken.length; index++) {
    starts[index] ??= previous;
    ends[index] ??= previous;
    previous = ends[index] ?? previous;
  }
  let next: number | null = null;
  for (let index = spoken.length - 1; index >= 0; index--) {
    starts[index] ??= next;
    ends[index] ??= next;
    next = starts[index] ?? next;
  }
  if (next === null) {
    return null;
  }
  const filledStarts = starts.map((start) => start ?? 0);
  const filledEnds = ends.map((end, index) => Math.max(end ?? 0, filledStarts[index] ?? 0));
  // A loop, not Math.min(...array): an hour-long segment has more words than a call may take as arguments.
  let first = Infinity;
  let last = -Infinity;
  for (const [index, start] of filledStarts.entries()) {
    first = Math.min(first, start);
    last = Math.max(last, filledEnds[index] ?? start);
  }
  return { starts: filledStarts, ends: filledEnds, first, last };
}

function timeAt(timeline: Timeline, position: number, edge: 'from' | 'to'): number {
  const count = timeline.starts.length;
  const word = edge === 'from' ? Math.min(Math.floor(position), count - 1) : Math.max(Math.ceil(position) - 1, 0);
  const start = timeline.starts[word] ?? 0;
  const end = timeline.ends[word] ?? start;
  const share = Math.min(1, Math.max(0, position - word));
  // Engines give milliseconds at best; rounding keeps shares such as 1/3 readable.
  return Math.round((start + share * (end - start)) * 1000) / 1000;
}

function toWord(text: string, span: Span, timeline: Timeline, spoken: readonly RecognizedWord[]): RecognizedWord {
  const count = timeline.starts.length;
  const point = span.to <= span.from;
  const startSec = timeAt(timeline, span.from, point && span.from >= count ? 'to' : 'from');
  const endSec = point ? startSec : timeAt(timeline, span.to, 'to');
  let confidence: number | null = null;
  if (!point) {
    const firstWord = Math.min(Math.floor(span.from), count - 1);
    const lastWord = Math.max(firstWord, Math.min(Math.ceil(span.to) - 1, count - 1));
    for (let index = firstWord; index <= lastWord; index++) {
      const value = spoken[index]?.confidence ?? null;
      confidence = value === null ? confidence : Math.min(confidence ?? value, value);
    }
  }
  return { text, startSec, endSec, confidence };
}

// Spans come out in order when the engine's words are in order. This pass keeps times in order and inside
// the spoken words also when an engine returns overlapping or unsorted word times.
function keepInOrder(words: RecognizedWord[], timeline: Timeline): RecognizedWord[] {
  let previousStart = timeline.first;
  for (const word of words) {
    const start = Math.min(Math.max(word.startSec ?? previousStart, previousStart), timeline.last);
    word.startSec = start;
    word.endSec = Math.min(Math.max(word.endSec ?? start, start), timeline.last);
    previousStart = start;
  }
  return words;
}
