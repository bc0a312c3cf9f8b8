import type { AnalyzedToken } from './analyze.ts';

const NEGATORS: ReadonlySet<string> = new Set(['не', 'ни', 'нет', 'нельзя', 'никак', 'никогда', 'ничего', 'никто', 'некогда']);

// Words that may stand between a negation and the word it negates: «не могу вам сейчас перезвонить»,
// «не смогу уже отправить», «ничего не». Modal verbs carry the negation on to the infinitive after them.
const TRANSPARENT: ReadonlySet<string> = new Set([
  'я', 'мы', 'вы', 'вам', 'вас', 'тебе', 'ему', 'ей', 'им', 'же', 'уже', 'сейчас', 'пока', 'тоже', 'еще', 'ещё',
  'бы', 'вообще', 'точно', 'сегодня', 'завтра', 'к', 'сожаление', 'сожалению', 'там', 'так', 'это', 'этого',
  'мочь', 'смочь', 'хотеть', 'стать', 'успеть', 'получиться', 'быть', 'будет', 'буду', 'будем', 'особо', 'сразу', 'никак', 'ничего',
]);

// A clause boundary ends a negation's reach: «не знаю но перезвоню» is not a refusal to call back.
const BOUNDARIES: ReadonlySet<string> = new Set(['но', 'а', 'и', 'что', 'если', 'чтобы', 'когда', 'потому', 'поэтому', 'или', 'да']);

/**
 * Tells whether the token at `index` is negated by a «не», «ни», «нет», «ничего» before it, looking past
 * pronouns, particles and modal verbs up to `reach` words, and never past a conjunction.
 */
export function isNegated(tokens: readonly AnalyzedToken[], index: number, reach = 4): boolean {
  for (let position = index - 1; position >= 0 && position >= index - reach; position--) {
    const token = tokens[position];
    if (token === undefined) {
      break;
    }
    if (token.norm === 'не' || token.norm === 'ни') {
      return true;
    }
    if (BOUNDARIES.has(token.norm)) {
      return false;
    }
    if (NEGATORS.has(token.norm) && token.norm !== 'нет') {
      return true;
    }
    if (!TRANSPARENT.has(token.norm) && !TRANSPARENT.has(token.lemma)) {
      return false;
    }
  }
  return false;
}

/** A negation and the words it covers. */
export interface NegationSpan {
  /** The negating word («не», «ничего», «нет»). */
  cue: string;
  cueToken: number;
  /** Last token the negation covers, inclusive. */
  lastToken: number;
  start: number;
  end: number;
}

/**
 * Finds negated stretches: «не могу помочь», «ничего не подключали», «нет не работает». A stretch runs from
 * the negation over transparent words to the first content word.
 */
export function findNegations(tokens: readonly AnalyzedToken[]): NegationSpan[] {
  const spans: NegationSpan[] = [];
  for (const [index, token] of tokens.entries()) {
    if (!NEGATORS.has(token.norm)) {
      continue;
    }
    let last = index;
    for (let position = index + 1; position < tokens.length && position <= index + 4; position++) {
      const next = tokens[position];
      if (next === undefined || BOUNDARIES.has(next.norm)) {
        break;
      }
      last = position;
      if (!NEGATORS.has(next.norm) && !TRANSPARENT.has(next.norm) && !TRANSPARENT.has(next.lemma)) {
        break;
      }
    }
    const lastToken = tokens[last] ?? token;
    const previous = spans.at(-1);
    if (previous !== undefined && previous.lastToken >= index) {
      previous.lastToken = Math.max(previous.lastToken, last);
      previous.end = Math.max(previous.end, lastToken.end);
      continue;
    }
    spans.push({ cue: token.norm, cueToken: index, lastToken: last, start: token.start, end: lastToken.end });
  }
  return spans;
}
