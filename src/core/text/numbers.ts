import { CARDINALS, MULTIPLIERS, ONE_AND_A_HALF, ORDINALS } from './number-words.ts';
import type { CardinalRank } from './number-words.ts';
import { tokenize } from './tokenize.ts';
import type { Token } from './tokenize.ts';

/** A number said in words («тысяча пятьсот девятнадцать») or written in digits («1519», «1519,39»). */
export interface NumberMention {
  value: number;
  ordinal: boolean;
  source: 'words' | 'digits';
  /**
   * The number as a dictated digit group: «034» keeps its leading zero, «ноль» is «0», «шестьсот
   * шестьдесят» is «660». Concatenating adjacent groups gives a dictated phone or contract number.
   */
  digits: string;
  firstToken: number;
  /** Inclusive. */
  lastToken: number;
  start: number;
  end: number;
}

interface GroupState {
  total: number;
  group: number;
  ranks: Set<CardinalRank | 'fraction'>;
  lastMultiplier: number;
  any: boolean;
  last: number;
  ordinal: boolean;
}

/**
 * Reads the longest well-formed number starting at token `index`. A number ends where its words stop
 * descending (hundreds, tens, units, then «тысяча» and another group), so the dictated «шестьсот
 * шестьдесят ноль тридцать четыре» reads as three numbers: 660, 0, 34.
 */
export function readNumberAt(text: string, tokens: readonly Token[], index: number): NumberMention | null {
  const token = tokens[index];
  if (token === undefined) {
    return null;
  }
  if (DIGITS.test(token.norm)) {
    return readDigits(text, token, tokens, index);
  }
  const state: GroupState = { total: 0, group: 0, ranks: new Set(), lastMultiplier: Infinity, any: false, last: index, ordinal: false };
  for (let position = index; position < tokens.length; position++) {
    const step = readWordStep(tokens, position, state);
    if (step === 'stop') {
      break;
    }
    state.any = true;
    state.last = step;
    position = step;
    if (state.ordinal || state.ranks.has('zero')) {
      break;
    }
  }
  if (!state.any) {
    return null;
  }
  const value = state.total + state.group;
  const last = tokens[state.last] ?? token;
  return {
    value,
    ordinal: state.ordinal,
    source: 'words',
    digits: String(value),
    firstToken: index,
    lastToken: state.last,
    start: token.start,
    end: last.end,
  };
}

// Applies one word to the state; returns the position of the last token used, or 'stop'.
function readWordStep(tokens: readonly Token[], position: number, state: GroupState): number | 'stop' {
  const norm = tokens[position]?.norm ?? '';
  const cardinal = CARDINALS.get(norm);
  if (cardinal !== undefined) {
    if (cardinal.rank === 'zero') {
      if (state.any) {
        return 'stop';
      }
      state.ranks.add('zero');
      return position;
    }
    if (!addToGroup(state, cardinal.value, cardinal.rank)) {
      return 'stop';
    }
    return position;
  }
  const ordinal = ORDINALS.get(norm);
  if (ordinal !== undefined) {
    if (ordinal.rank === 'thousand') {
      state.total += (state.group || 1) * 1000;
      state.group = 0;
    } else if (!addToGroup(state, ordinal.value, ordinal.rank)) {
      return 'stop';
    }
    state.ordinal = true;
    return position;
  }
  const multiplier = MULTIPLIERS.get(norm);
  if (multiplier !== undefined) {
    if (multiplier >= state.lastMultiplier) {
      return 'stop';
    }
    state.total += (state.group || 1) * multiplier;
    state.group = 0;
    state.ranks.clear();
    state.lastMultiplier = multiplier;
    return position;
  }
  if (ONE_AND_A_HALF.has(norm)) {
    if (state.group !== 0 || state.ranks.size > 0) {
      return 'stop';
    }
    state.group = 1.5;
    state.ranks = new Set(['hundred', 'ten', 'unit', 'fraction']);
    return position;
  }
  // «две с половиной тысячи»: a half added to the group just read.
  if (norm === 'с' && tokens[position + 1]?.norm === 'половиной' && state.group > 0 && !state.ranks.has('fraction')) {
    state.group += 0.5;
    state.ranks = new Set(['hundred', 'ten', 'unit', 'fraction']);
    return position + 1;
  }
  return 'stop';
}

function addToGroup(state: GroupState, value: number, rank: Exclude<CardinalRank, 'zero'>): boolean {
  const { ranks } = state;
  const blocked =
    ranks.has('fraction') ||
    (rank === 'hundred' && (ranks.has('hundred') || ranks.has('ten') || ranks.has('teen') || ranks.has('unit'))) ||
    ((rank === 'ten' || rank === 'teen') && (ranks.has('ten') || ranks.has('teen') || ranks.has('unit'))) ||
    (rank === 'unit' && (ranks.has('unit') || ranks.has('teen')));
  if (blocked) {
    return false;
  }
  state.group += value;
  ranks.add(rank);
  return true;
}

// Digits with an optional ordinal ending joined by a hyphen: «1519», «22-го», «7-е».
// Digit groups a tokenizer keeps whole because of their hyphens: «345-67-89».
const DIGITS = /^\d+(?:-\p{L}{1,3}|(?:-\d+)+)?$/u;

// «1519,39» and «18.00» arrive as two digit tokens joined by one comma or point.
function readDigits(text: string, token: Token, tokens: readonly Token[], index: number): NumberMention {
  if (/^\d+(?:-\d+)+$/u.test(token.norm)) {
    const digits = token.norm.replaceAll('-', '');
    return { value: Number(digits), ordinal: false, source: 'digits', digits, firstToken: index, lastToken: index, start: token.start, end: token.end };
  }
  const [number = '', ending] = token.norm.split('-');
  if (ending !== undefined) {
    return { value: Number(number), ordinal: true, source: 'digits', digits: number, firstToken: index, lastToken: index, start: token.start, end: token.end };
  }
  const next = tokens[index + 1];
  const separator = text[token.end];
  if (next !== undefined && (separator === ',' || separator === '.') && next.start === token.end + 1 && /^\d+$/u.test(next.norm)) {
    const digits = `${token.norm}.${next.norm}`;
    return { value: Number(digits), ordinal: false, source: 'digits', digits, firstToken: index, lastToken: index + 1, start: token.start, end: next.end };
  }
  return { value: Number(token.norm), ordinal: false, source: 'digits', digits: token.norm, firstToken: index, lastToken: index, start: token.start, end: token.end };
}

/** Finds every number in a text, in order, words and digits alike. */
export function findNumbers(text: string, tokens: readonly Token[] = tokenize(text)): NumberMention[] {
  const mentions: NumberMention[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const mention = readNumberAt(text, tokens, index);
    if (mention !== null) {
      mentions.push(mention);
      index = mention.lastToken;
    }
  }
  return mentions;
}

/**
 * Reads a text that is one number and nothing else («двадцать две тысячи пятьсот», «1519,39»);
 * null when anything else is left over.
 */
export function parseNumber(text: string): number | null {
  const tokens = tokenize(text);
  const mention = readNumberAt(text, tokens, 0);
  if (mention?.lastToken !== tokens.length - 1) {
    return null;
  }
  return mention.value;
}
