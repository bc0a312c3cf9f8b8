import type { AnalyzedToken } from './analyze.ts';

/**
 * Kinds of question cue in unpunctuated ASR text: an interrogative word, the particle «ли», a request
 * for information («подскажите»), a modal request («а можно»), or a confirmation tag at the end
 * («правильно», «верно»).
 */
export type QuestionCueKind = 'interrogative' | 'particle' | 'request' | 'modal' | 'tag';

export interface QuestionCue {
  kind: QuestionCueKind;
  /** The cue's words as written. */
  text: string;
  firstToken: number;
  lastToken: number;
  start: number;
  end: number;
}

// Interrogatives that ask wherever they stand («а это сколько будет»); «почему» and «зачем» also open
// indirect questions («не понимаю почему»), which still call for an answer.
const ALWAYS_INTERROGATIVE: ReadonlySet<string> = new Set(['сколько', 'почему', 'зачем', 'разве', 'неужели', 'отчего']);

// Words that ask only at the start of an utterance or after «а»/«и»/«так»; elsewhere they join clauses
// («когда я звонил», «сказал что», «так как»).
const OPENING_INTERROGATIVE: ReadonlySet<string> = new Set([
  'когда', 'где', 'куда', 'откуда', 'кто', 'что', 'как', 'какой', 'каков', 'чей', 'который',
]);

const MODAL_OPENERS: ReadonlySet<string> = new Set(['можно', 'мочь', 'нельзя', 'нужно', 'надо', 'есть', 'будет']);

// Words that stand before the real start of an utterance in speech.
const LEAD_INS: ReadonlySet<string> = new Set([
  'ну', 'так', 'алло', 'да', 'вот', 'слушайте', 'скажите', 'девушка', 'мужчина', 'молодой', 'человек', 'извините',
  'простите', 'пожалуйста', 'хорошо', 'угу', 'ага', 'ясно', 'понятно', 'а', 'и', 'э', 'эээ', 'ээ', 'мм', 'мх', 'ой',
]);

const DISCOURSE_OPENERS: ReadonlySet<string> = new Set(['а', 'и', 'так', 'ну']);

// «как бы», «так как», «как раз», «что-то»: the interrogative is part of a set phrase.
const NOT_A_QUESTION_AFTER: Readonly<Record<string, ReadonlySet<string>>> = {
  как: new Set(['бы', 'раз', 'будто', 'только', 'минимум', 'максимум', 'обычно', 'правило', 'положено', 'и', 'всегда']),
  что: new Set(['то', 'ли', 'касается']),
};

const REQUEST_LEMMAS: ReadonlySet<string> = new Set(['подсказать', 'уточнить', 'узнать', 'объяснить', 'пояснить']);

const CONFIRMATION_TAGS: ReadonlySet<string> = new Set(['правильно', 'верно', 'да', 'так', 'нет']);

/** Finds every question cue in an utterance. */
export function findQuestionCues(tokens: readonly AnalyzedToken[]): QuestionCue[] {
  const cues: QuestionCue[] = [];
  const openingEnd = firstContentIndex(tokens);
  for (const [index, token] of tokens.entries()) {
    const cue = cueAt(tokens, index, token, openingEnd);
    if (cue !== null) {
      cues.push(cue);
    }
  }
  const tag = confirmationTag(tokens);
  if (tag !== null && !cues.some((cue) => cue.firstToken === tag.firstToken)) {
    cues.push(tag);
  }
  return cues;
}

/** Tells whether an utterance asks something; the first cue, or null when it does not. */
export function detectQuestion(tokens: readonly AnalyzedToken[]): QuestionCue | null {
  return findQuestionCues(tokens)[0] ?? null;
}

export function isQuestion(tokens: readonly AnalyzedToken[]): boolean {
  return detectQuestion(tokens) !== null;
}

function cueAt(tokens: readonly AnalyzedToken[], index: number, token: AnalyzedToken, openingEnd: number): QuestionCue | null {
  const previous = tokens[index - 1];
  const next = tokens[index + 1];
  if (ALWAYS_INTERROGATIVE.has(token.norm) || ALWAYS_INTERROGATIVE.has(token.lemma)) {
    return makeCue('interrogative', tokens, index, index);
  }
  if (token.norm === 'ли' && previous !== undefined) {
    return makeCue('particle', tokens, index - 1, index);
  }
  if (isRequest(token, previous)) {
    const first = previous?.norm === 'не' ? index - 1 : index;
    return makeCue('request', tokens, first, index);
  }
  const atOpening = index === openingEnd || (previous !== undefined && DISCOURSE_OPENERS.has(previous.norm));
  if (!atOpening) {
    return null;
  }
  if (OPENING_INTERROGATIVE.has(token.lemma) || OPENING_INTERROGATIVE.has(token.norm)) {
    const blocked = NOT_A_QUESTION_AFTER[token.norm];
    if ((blocked !== undefined && next !== undefined && blocked.has(next.norm)) || (token.norm === 'как' && previous?.norm === 'так')) {
      return null;
    }
    // «когда я звонил …» opens a clause about the past; «когда придёт мастер» asks.
    if (token.norm === 'когда' && previous?.norm !== 'а' && tokens.slice(index + 1, index + 3).some((other) => other.grammemes.includes('past'))) {
      return null;
    }
    return makeCue('interrogative', tokens, previous?.norm === 'а' ? index - 1 : index, index);
  }
  if (previous?.norm === 'а' && MODAL_OPENERS.has(token.lemma) && next !== undefined) {
    return makeCue('modal', tokens, index - 1, index);
  }
  if (index === openingEnd && (token.lemma === 'мочь' || token.norm === 'можно') && next !== undefined && hasPerson(token, '2per', '1per', 'impers')) {
    return makeCue('modal', tokens, index, index);
  }
  return null;
}

function isRequest(token: AnalyzedToken, previous: AnalyzedToken | undefined): boolean {
  if (!REQUEST_LEMMAS.has(token.lemma)) {
    return false;
  }
  // «подскажите», «не подскажете», «хочу узнать», «можно уточнить»: an imperative or a wish to learn.
  if (token.grammemes.includes('impr') || (previous?.norm === 'не' && token.grammemes.includes('2per'))) {
    return true;
  }
  return previous !== undefined && ['хотеть', 'можно', 'мочь', 'хотеться'].includes(previous.lemma) && token.pos === 'INFN';
}

function hasPerson(token: AnalyzedToken, ...grammemes: string[]): boolean {
  return token.norm === 'можно' || grammemes.some((grammeme) => token.grammemes.includes(grammeme));
}

function confirmationTag(tokens: readonly AnalyzedToken[]): QuestionCue | null {
  const lastIndex = tokens.length - 1;
  const last = tokens[lastIndex];
  // A lone «да» or «так» is an answer or a backchannel, so a tag needs words before it.
  if (last === undefined || lastIndex < 2 || !CONFIRMATION_TAGS.has(last.norm)) {
    return null;
  }
  if (last.norm === 'да' || last.norm === 'так' || last.norm === 'нет') {
    const before = tokens[lastIndex - 1];
    return before?.norm === 'или' || before?.norm === 'не' ? makeCue('tag', tokens, lastIndex - 1, lastIndex) : null;
  }
  return makeCue('tag', tokens, lastIndex, lastIndex);
}

function firstContentIndex(tokens: readonly AnalyzedToken[]): number {
  let index = 0;
  while (index < tokens.length - 1 && index < 4 && LEAD_INS.has(tokens[index]?.norm ?? '')) {
    index++;
  }
  return index;
}

function makeCue(kind: QuestionCueKind, tokens: readonly AnalyzedToken[], first: number, last: number): QuestionCue {
  const from = tokens[first];
  const to = tokens[last];
  const start = from?.start ?? 0;
  const end = to?.end ?? start;
  const text = tokens.slice(first, last + 1).map((token) => token.text).join(' ');
  return { kind, text, firstToken: first, lastToken: last, start, end };
}
