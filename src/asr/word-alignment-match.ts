import { readNumberAt } from '../core/text/numbers.ts';
import { readTimeAtoms } from '../core/text/time-atoms.ts';
import { DEFAULT_TIME_OPTIONS } from '../core/text/time-expressions.ts';
import type { Token } from '../core/text/tokenize.ts';

/** One number of a run: its tokens (inclusive) and its digits with every other character dropped. */
export interface NumberPart {
  first: number;
  last: number;
  digits: string;
}

/** The tokens of one rendering of an utterance (normalised text or spoken words), read for matching. */
export interface AlignmentSide {
  /** The text the tokens were cut from. */
  text: string;
  tokens: readonly Token[];
  /** Folded forms without hyphens and apostrophes, so «кое-что» and «коечто» compare equal. */
  keys: readonly string[];
  /** The number that starts at each token, if any. */
  numbers: readonly (NumberPart | undefined)[];
  /** Clock times and time windows that start at each token, keyed by their value («18:0»). */
  clocks: ReadonlyMap<number, readonly { last: number; key: string }[]>;
  /** Number runs already read, by first token. */
  runs: Map<number, NumberRun>;
}

/** Adjacent numbers from one token on, with the digits of each prefix of the run. */
export interface NumberRun {
  parts: NumberPart[];
  /** `digits[k]` is the digits of `parts[0..k]` joined. */
  digits: string[];
}

/**
 * Kind of correspondence between a stretch of text tokens and a stretch of spoken tokens: the same word, a
 * word split or joined at a hyphen, the same digits however written, or the same clock time.
 */
export type LinkKind = 'word' | 'join' | 'number' | 'clock';

export interface Link {
  kind: LinkKind;
  /** Token ranges, end-exclusive. */
  textFrom: number;
  textTo: number;
  spokenFrom: number;
  spokenTo: number;
}

/** Maximum numbers in a run read as one digit string: «8 916 123-45-67» is 3, a phone said digit by digit 11. */
const MAX_RUN_PARTS = 12;
/** Maximum tokens joined on one side at a hyphen split: «санкт-петербург» against «санкт» «петербург» joins 2. */
const MAX_JOIN_TOKENS = 3;
/** Above this many cells the alignment table is limited to a band around the diagonal. */
const FULL_TABLE_CELLS = 1_000_000;
const BAND_HALF_WIDTH = 100;
const UNREACHABLE = -1_000_000_000;

const KIND_CODES: readonly (LinkKind | 'skip')[] = ['skip', 'word', 'join', 'number', 'clock'];

export function readAlignmentSide(text: string, tokens: readonly Token[]): AlignmentSide {
  const keys = tokens.map((token) => token.norm.replace(/[-'’]/gu, ''));
  const numbers = tokens.map((token, index) => readNumberPart(text, tokens, index, token));
  const clocks = new Map<number, { last: number; key: string }[]>();
  for (const atom of readTimeAtoms(text, tokens, DEFAULT_TIME_OPTIONS.earliestMorningHour)) {
    let key: string | null = null;
    if (atom.kind === 'clock') {
      key = `${atom.time.hour}:${atom.time.minute}`;
    } else if (atom.kind === 'range') {
      key = `${atom.from.hour}:${atom.from.minute}-${atom.to.hour}:${atom.to.minute}`;
    }
    if (key !== null) {
      clocks.set(atom.firstToken, [...(clocks.get(atom.firstToken) ?? []), { last: atom.lastToken, key }]);
    }
  }
  return { text, tokens, keys, numbers, clocks, runs: new Map() };
}

// Every digit token is a number of its own, so «1519,39» can meet «… рублей тридцать девять копеек»
// part by part. Number words are read as the text layer groups them: «восемь девятьсот шестнадцать» is 8, 916.
function readNumberPart(text: string, tokens: readonly Token[], index: number, token: Token): NumberPart | undefined {
  const mention = /^\d/u.test(token.norm) ? readNumberAt(text, [token], 0) : readNumberAt(text, tokens, index);
  if (mention === null) {
    return undefined;
  }
  const last = /^\d/u.test(token.norm) ? index : mention.lastToken;
  return { first: index, last, digits: mention.digits.replace(/\D/gu, '') };
}

/**
 * Computes how far into a number's digits each of its tokens reaches, from the number's growing prefixes. In
 * «десять тысяч» (10000) «десять» gives the first two digits and «тысяч» the other three. In «тысяча пятьсот
 * девятнадцать» «тысяча» gives one digit, «пятьсот» one more and «девятнадцать» the last two.
 */
export function digitEnds(side: AlignmentSide, part: NumberPart): number[] {
  const ends: number[] = [];
  let reached = 0;
  for (let last = part.first; last < part.last; last++) {
    const prefix = readNumberAt(side.text, side.tokens.slice(part.first, last + 1), 0);
    const digits = prefix?.digits.replace(/\D/gu, '') ?? '';
    let common = 0;
    while (common < digits.length && digits[common] === part.digits[common]) {
      common++;
    }
    reached = Math.min(part.digits.length, Math.max(reached, common));
    ends.push(reached);
  }
  ends.push(part.digits.length);
  return ends;
}

/** Reads the numbers that follow each other from token `from` on, ending before token `before`. */
export function numberRun(side: AlignmentSide, from: number, before: number): NumberRun {
  let run = side.runs.get(from);
  if (run === undefined) {
    run = { parts: [], digits: [] };
    let next = from;
    while (run.parts.length < MAX_RUN_PARTS) {
      const part = side.numbers[next];
      if (part === undefined) {
        break;
      }
      run.parts.push(part);
      run.digits.push((run.digits.at(-1) ?? '') + part.digits);
      next = part.last + 1;
    }
    side.runs.set(from, run);
  }
  const inside = run.parts.findIndex((part) => part.last >= before);
  return inside < 0 ? run : { parts: run.parts.slice(0, inside), digits: run.digits.slice(0, inside) };
}

/** Token ranges of both sides, end-exclusive. */
export interface AlignmentRange {
  textFrom: number;
  textTo: number;
  spokenFrom: number;
  spokenTo: number;
}

interface Candidate {
  textCount: number;
  spokenCount: number;
  kind: LinkKind;
}

/**
 * Finds the links between text tokens and spoken tokens inside a range: the in-order correspondence that
 * covers the most tokens on both sides. Long ranges are searched within a band around the diagonal.
 */
export function findLinks(text: AlignmentSide, spoken: AlignmentSide, range: AlignmentRange, withClocks: boolean): Link[] {
  const rows = range.textTo - range.textFrom;
  const columns = range.spokenTo - range.spokenFrom;
  if (rows <= 0 || columns <= 0) {
    return [];
  }
  // NOTE: in the banded form a stretch where one side runs ahead of the other by more than the band (a long
  // dictation in one part of an hour-long utterance) finds no links there and falls back to even shares.
  const banded = rows * columns > FULL_TABLE_CELLS;
  const halfWidth = BAND_HALF_WIDTH + Math.ceil(columns / rows);
  const width = banded ? 2 * halfWidth + 1 : columns;
  const firstColumns = new Int32Array(rows + 1);
  for (let row = 0; banded && row <= rows; row++) {
    firstColumns[row] = Math.max(0, Math.round((row * columns) / rows) - halfWidth);
  }
  const firstColumn = (row: number): number => firstColumns[row] ?? 0;

  const candidates: Candidate[] = [];
  const score = new Int32Array(rows * width);
  const rowStep = new Int32Array(rows * width);
  const columnStep = new Int32Array(rows * width);
  const kinds = new Uint8Array(rows * width);
  const scoreAt = (row: number, column: number): number => {
    if (row === rows || column === columns) {
      return 0;
    }
    const offset = column - firstColumn(row);
    return offset < 0 || offset >= width ? UNREACHABLE : (score[row * width + offset] ?? UNREACHABLE);
  };

  for (let row = rows - 1; row >= 0; row--) {
    const lo = firstColumn(row);
    for (let column = Math.min(columns, lo + width) - 1; column >= lo; column--) {
      const cell = row * width + column - lo;
      // Skipping a text token comes first, skipping a spoken word second, and a link must score higher.
      let best = scoreAt(row + 1, column);
      let textCount = 1;
      let spokenCount = 0;
      let kind = 0;
      const skipSpoken = scoreAt(row, column + 1);
      if (skipSpoken > best) {
        best = skipSpoken;
        textCount = 0;
        spokenCount = 1;
      }
      candidates.length = 0;
      collectCandidates(candidates, text, spoken, range.textFrom + row, range.spokenFrom + column, range, withClocks);
      for (const candidate of candidates) {
        const value = candidate.textCount + candidate.spokenCount + scoreAt(row + candidate.textCount, column + candidate.spokenCount);
        if (value > best) {
          best = value;
          textCount = candidate.textCount;
          spokenCount = candidate.spokenCount;
          kind = KIND_CODES.indexOf(candidate.kind);
        }
      }
      score[cell] = best;
      rowStep[cell] = textCount;
      columnStep[cell] = spokenCount;
      kinds[cell] = kind;
    }
  }

  const links: Link[] = [];
  let row = 0;
  let column = 0;
  while (row < rows && column < columns) {
    const offset = column - firstColumn(row);
    // The best path stays inside the band, since every band cell can leave by a skip that stays inside it.
    // Should it ever step out, it walks back towards the band instead of reading another row's cell.
    if (offset < 0 || offset >= width) {
      row += offset < 0 ? 0 : 1;
      column += offset < 0 ? 1 : 0;
      continue;
    }
    const cell = row * width + offset;
    const textCount = rowStep[cell] ?? 1;
    const spokenCount = columnStep[cell] ?? 0;
    const kind = KIND_CODES[kinds[cell] ?? 0] ?? 'skip';
    if (kind !== 'skip') {
      links.push({
        kind,
        textFrom: range.textFrom + row,
        textTo: range.textFrom + row + textCount,
        spokenFrom: range.spokenFrom + column,
        spokenTo: range.spokenFrom + column + spokenCount,
      });
    }
    row += textCount;
    column += spokenCount;
  }
  return links;
}

function collectCandidates(candidates: Candidate[], text: AlignmentSide, spoken: AlignmentSide, textIndex: number, spokenIndex: number, range: AlignmentRange, withClocks: boolean): void {
  const textKey = text.keys[textIndex] ?? '';
  const spokenKey = spoken.keys[spokenIndex] ?? '';
  if (textKey === spokenKey) {
    candidates.push({ textCount: 1, spokenCount: 1, kind: 'word' });
  } else if (textKey !== '' && spokenKey !== '' && (textKey.startsWith(spokenKey) || spokenKey.startsWith(textKey))) {
    candidates.push(...joinsAt(text, spoken, textIndex, spokenIndex, range));
  }
  if (text.numbers[textIndex] !== undefined && spoken.numbers[spokenIndex] !== undefined) {
    candidates.push(...numberMatchesAt(text, spoken, textIndex, spokenIndex, range));
  }
  if (withClocks && text.clocks.size > 0 && spoken.clocks.size > 0) {
    for (const textClock of text.clocks.get(textIndex) ?? []) {
      for (const spokenClock of spoken.clocks.get(spokenIndex) ?? []) {
        if (textClock.key === spokenClock.key && textClock.last < range.textTo && spokenClock.last < range.spokenTo) {
          candidates.push({ textCount: textClock.last - textIndex + 1, spokenCount: spokenClock.last - spokenIndex + 1, kind: 'clock' });
        }
      }
    }
  }
}

function joinsAt(text: AlignmentSide, spoken: AlignmentSide, textIndex: number, spokenIndex: number, range: AlignmentRange): Candidate[] {
  const joins: Candidate[] = [];
  let textJoined = '';
  for (let textCount = 1; textCount <= MAX_JOIN_TOKENS && textIndex + textCount <= range.textTo; textCount++) {
    textJoined += text.keys[textIndex + textCount - 1] ?? '';
    let spokenJoined = '';
    for (let spokenCount = 1; spokenCount <= MAX_JOIN_TOKENS && spokenIndex + spokenCount <= range.spokenTo; spokenCount++) {
      spokenJoined += spoken.keys[spokenIndex + spokenCount - 1] ?? '';
      if (textJoined === spokenJoined && textCount + spokenCount > 2) {
        joins.push({ textCount, spokenCount, kind: 'join' });
      }
    }
  }
  return joins;
}

function numberMatchesAt(text: AlignmentSide, spoken: AlignmentSide, textIndex: number, spokenIndex: number, range: AlignmentRange): Candidate[] {
  const textRun = numberRun(text, textIndex, range.textTo);
  const spokenRun = numberRun(spoken, spokenIndex, range.spokenTo);
  const matches: Candidate[] = [];
  for (const [textPart, textDigits] of textRun.digits.entries()) {
    const spokenPart = spokenRun.digits.indexOf(textDigits);
    const textLast = textRun.parts[textPart]?.last;
    const spokenLast = spokenRun.parts[spokenPart]?.last;
    if (spokenPart >= 0 && textLast !== undefined && spokenLast !== undefined) {
      matches.push({ textCount: textLast - textIndex + 1, spokenCount: spokenLast - spokenIndex + 1, kind: 'number' });
    }
  }
  return matches;
}
