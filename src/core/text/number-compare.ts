import { CURRENCIES } from './number-words.ts';
import type { CurrencyWords } from './number-words.ts';
import { findNumbers } from './numbers.ts';
import type { NumberMention } from './numbers.ts';
import { tokenize } from './tokenize.ts';
import type { Token } from './tokenize.ts';

/** A sum of money said or written in a text: «тысяча пятьсот девятнадцать рублей тридцать девять копеек», «1 519,39 ₽». */
export interface MoneyAmount {
  /** In major units with the minor part as a fraction: 1519.39. */
  value: number;
  currency: CurrencyWords['code'];
  start: number;
  end: number;
}

/** Adjacent numbers read together as one dictated number: «восемь девятьсот двенадцать …» → «8912…». */
export interface DigitSequence {
  digits: string;
  parts: NumberMention[];
  start: number;
  end: number;
}

// Currency signs are not word characters, so they never become tokens and are looked up in the text.
const SIGN_CURRENCY: Readonly<Record<string, CurrencyWords['code']>> = { '₽': 'RUB', $: 'USD', '€': 'EUR' };

/**
 * Finds sums of money. A number followed by a currency word or sign is the major part; a number with a
 * minor-unit word right after («тридцать девять копеек») adds the fraction. Digits grouped by spaces
 * («1 519,39 ₽») are joined only when a currency follows, since dictated numbers are spaced the same way.
 */
export function findMoneyAmounts(text: string): MoneyAmount[] {
  const tokens = tokenize(text);
  const mentions = joinSpacedThousands(text, tokens, findNumbers(text, tokens));
  const amounts: MoneyAmount[] = [];
  for (let index = 0; index < mentions.length; index++) {
    const mention = mentions[index];
    if (mention === undefined) {
      break;
    }
    const major = currencyAfter(text, tokens, mention, 'major');
    if (major === null) {
      continue;
    }
    let value = mention.value;
    let end = major.end;
    const minorMention = mentions[index + 1];
    if (minorMention?.firstToken === major.nextToken && Number.isInteger(mention.value)) {
      const minor = currencyAfter(text, tokens, minorMention, 'minor');
      if (minor !== null && minor.currency === major.currency) {
        value = mention.value + minorMention.value / 100;
        end = minor.end;
        index++;
      }
    }
    amounts.push({ value: roundCents(value), currency: major.currency, start: mention.start, end });
  }
  return amounts;
}

interface CurrencyHit {
  currency: CurrencyWords['code'];
  end: number;
  /** Index of the token after the currency word. */
  nextToken: number;
}

function currencyAfter(text: string, tokens: readonly Token[], mention: NumberMention, unit: 'major' | 'minor'): CurrencyHit | null {
  const sign = /^\s*([₽$€])/u.exec(text.slice(mention.end, mention.end + 3));
  if (unit === 'major' && sign !== null) {
    const currency = SIGN_CURRENCY[sign[1] ?? ''];
    if (currency !== undefined) {
      return { currency, end: mention.end + sign[0].length, nextToken: mention.lastToken + 1 };
    }
  }
  const next = tokens[mention.lastToken + 1];
  if (next === undefined) {
    return null;
  }
  const word = next.norm.replace(/\.$/u, '');
  for (const currency of CURRENCIES) {
    if ((unit === 'major' ? currency.major : currency.minor).has(word)) {
      const end = text[next.end] === '.' ? next.end + 1 : next.end;
      return { currency: currency.code, end, nextToken: mention.lastToken + 2 };
    }
  }
  return null;
}

// «1 519,39 ₽» arrives as «1» and «519,39»: digit groups of three after a space belong to the number
// when a currency follows the last group.
function joinSpacedThousands(text: string, tokens: readonly Token[], mentions: NumberMention[]): NumberMention[] {
  const joined: NumberMention[] = [];
  for (let index = 0; index < mentions.length; index++) {
    let current = mentions[index];
    if (current === undefined) {
      break;
    }
    let lookahead = index;
    let candidate = current;
    while (candidate.source === 'digits' && !candidate.digits.includes('.')) {
      const next = mentions[lookahead + 1];
      if (next?.source !== 'digits' || !/^\d{3}(?:\.\d+)?$/u.test(next.digits) || !/^[\s\u00a0\u202f]$/u.test(text.slice(candidate.end, next.start))) {
        break;
      }
      const digits = candidate.digits + next.digits;
      candidate = { ...next, value: Number(digits), digits, firstToken: current.firstToken, start: current.start };
      lookahead++;
      if (currencyAfter(text, tokens, candidate, 'major') !== null) {
        current = candidate;
        index = lookahead;
      }
    }
    joined.push(current);
  }
  return joined;
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Reads runs of adjacent numbers as dictated digit strings. Ordinals and sums of money stay separate
 * numbers; a run of one number is also returned.
 */
export function findDigitSequences(text: string): DigitSequence[] {
  const sequences: DigitSequence[] = [];
  for (const mention of findNumbers(text)) {
    const previous = sequences.at(-1);
    const lastPart = previous?.parts.at(-1);
    if (previous !== undefined && lastPart !== undefined && !mention.ordinal && !lastPart.ordinal && mention.firstToken === lastPart.lastToken + 1 && Number.isInteger(mention.value)) {
      previous.digits += mention.digits;
      previous.parts.push(mention);
      previous.end = mention.end;
      continue;
    }
    sequences.push({ digits: mention.digits, parts: [mention], start: mention.start, end: mention.end });
  }
  return sequences;
}

/** All the digits a text dictates, in order, words read as digits: «восемь девятьсот двенадцать» → «8912». */
export function extractDigits(text: string): string {
  return findDigitSequences(text)
    .map((sequence) => sequence.digits.replace(/\D/gu, ''))
    .join('');
}

/**
 * Rewrites the numbers of a text in digits, leaving every other word as it is: «в шесть тридцать»
 * → «в 6 30», «тысяча пятьсот девятнадцать рублей» → «1519 рублей». Offsets of the original numbers
 * come with the result so that a match in the rewritten text can be quoted from the original.
 */
export function numbersToDigits(text: string): { text: string; replacements: { start: number; end: number; digits: string }[] } {
  const replacements = findNumbers(text).filter((mention) => mention.source === 'words').map((mention) => ({ start: mention.start, end: mention.end, digits: mention.digits }));
  let rewritten = '';
  let cursor = 0;
  for (const replacement of replacements) {
    rewritten += text.slice(cursor, replacement.start) + replacement.digits;
    cursor = replacement.end;
  }
  rewritten += text.slice(cursor);
  return { text: rewritten, replacements };
}

/**
 * Tells whether two renderings of the same speech carry the same numbers, one in digits (an engine's
 * normalised text) and one in words: sums of money are compared by value and currency, everything else
 * as a dictated digit string. Texts with no numbers at all compare equal.
 */
export function sameNumbers(a: string, b: string): boolean {
  const moneyA = findMoneyAmounts(a);
  const moneyB = findMoneyAmounts(b);
  if (moneyA.length !== moneyB.length) {
    return false;
  }
  const moneyEqual = moneyA.every((amount, index) => amount.value === moneyB[index]?.value && amount.currency === moneyB[index].currency);
  return moneyEqual && extractDigits(withoutRanges(a, moneyA)) === extractDigits(withoutRanges(b, moneyB));
}

/** Tells whether two texts name the same sum of money («1519,39 ₽» and its spoken form). */
export function sameAmount(a: string, b: string): boolean {
  const [first] = findMoneyAmounts(a);
  const [second] = findMoneyAmounts(b);
  return first !== undefined && first.currency === second?.currency && first.value === second.value;
}

function withoutRanges(text: string, ranges: readonly { start: number; end: number }[]): string {
  let result = '';
  let cursor = 0;
  for (const range of ranges) {
    result += `${text.slice(cursor, range.start)} `;
    cursor = range.end;
  }
  return result + text.slice(cursor);
}
