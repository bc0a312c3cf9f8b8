import type { PromiseAction } from '../model/evaluation.ts';
import type { AnalyzedToken } from '../text/analyze.ts';
import { isNegated } from '../text/negation.ts';
import {
  AFTER_CALL_ACTIONS,
  AWAITED,
  BOOKING_NOUNS,
  BOOKING_VERBS,
  CONTINGENCY_WORD,
  FIRST_PERSON_ACTIONS,
  FIRST_PERSON_MODALS,
  IMMEDIACY,
  IN_CALL_CHECKS,
  LATER_MARKERS,
  MONEY_WORDS,
  NEEDS_TIME,
  PRESENT_COMMITMENTS,
  SENT_ITEMS,
  STAFF_SUBJECTS,
  THIRD_PERSON_ACTIONS,
} from './promise-lexicon.ts';

/** A word of the manager's speech that commits to an action. */
export interface PromiseTrigger {
  action: PromiseAction;
  /** The verb or noun that carries the commitment. */
  token: number;
  /** Grammatical form of the commitment, for tests and benchmarks. */
  form: 'first_person' | 'modal' | 'third_person' | 'arrival' | 'awaited' | 'booking' | 'passive';
}

export interface TriggerScope {
  tokens: readonly AnalyzedToken[];
  /** The text the tokens' offsets point into; where absent, sentence ends are not known. */
  text?: string;
  /** Tells whether a time expression lies within a few words of a token. */
  hasTimeNear(index: number): boolean;
  /** Tells whether a clock time or a window («с семи до девяти») lies within a few words of a token. */
  hasClockNear(index: number): boolean;
}

const has = (token: AnalyzedToken | undefined, grammeme: string): boolean => token?.grammemes.includes(grammeme) === true;

function near(tokens: readonly AnalyzedToken[], index: number, before: number, after: number, test: (token: AnalyzedToken) => boolean): boolean {
  for (let position = Math.max(0, index - before); position <= Math.min(tokens.length - 1, index + after); position++) {
    const token = tokens[position];
    if (position !== index && token !== undefined && test(token)) {
      return true;
    }
  }
  return false;
}

/** Finds every commitment the words of one manager utterance make. */
export function findPromiseTriggers(scope: TriggerScope): PromiseTrigger[] {
  const triggers: PromiseTrigger[] = [];
  for (const token of scope.tokens) {
    const trigger =
      firstPersonTrigger(scope, token) ??
      thirdPersonTrigger(scope, token) ??
      passiveTrigger(scope, token) ??
      awaitedTrigger(scope, token) ??
      bookingTrigger(scope, token);
    if (trigger !== null && !isNegated(scope.tokens, token.index) && !isContingency(scope.tokens, token.index)) {
      triggers.push(trigger);
    }
  }
  return triggers;
}

// «перезвоню», «отправим», «давайте я вам скину», «передаю в службу», «могу я вам перезвонить».
function firstPersonTrigger(scope: TriggerScope, token: AnalyzedToken): PromiseTrigger | null {
  const { tokens } = scope;
  const action = FIRST_PERSON_ACTIONS.get(token.lemma);
  const isPresentCommitment = PRESENT_COMMITMENTS.has(token.lemma);
  if (action === undefined && !isPresentCommitment) {
    return null;
  }
  let form: PromiseTrigger['form'];
  if (token.pos === 'VERB' && has(token, '1per') && has(token, 'futr')) {
    form = 'first_person';
  } else if (token.pos === 'VERB' && has(token, '1per') && has(token, 'pres') && has(token, 'sing') && isPresentCommitment) {
    form = 'first_person';
  } else if (token.pos === 'INFN') {
    const modal = firstPersonModalBefore(tokens, token.index);
    if (modal === null || isNegated(tokens, modal) || isOpenOffer(scope, modal)) {
      return null;
    }
    form = 'modal';
  } else {
    return null;
  }
  // «либо оставить либо переоформить»: one of the options offered, not a commitment to it.
  if (near(tokens, token.index, 3, 0, (other) => other.norm === 'либо')) {
    return null;
  }
  let resolved = action ?? presentAction(token.lemma);
  if (token.lemma === 'переводить' || token.lemma === 'перевести') {
    if (near(tokens, token.index, 0, 5, (other) => MONEY_WORDS.has(other.lemma) || MONEY_WORDS.has(other.norm))) {
      resolved = 'other';
    } else if (token.lemma === 'переводить') {
      return null;
    }
  }
  if (NEEDS_TIME.has(token.lemma) && !scope.hasTimeNear(token.index)) {
    return null;
  }
  if (resolved === 'transfer' && !isTransferObject(tokens, token.index)) {
    return null;
  }
  // A transfer is judged by what follows it in the call (a hold, a colleague's greeting), not here.
  if (resolved !== 'transfer' && isInCall(scope, token)) {
    return null;
  }
  return { action: resolved, token: token.index, form };
}

// «могу передать», «можем оставить комментарий»: what the manager is able to do is an offer until a
// time or «обязательно» makes it a plan («могу завтра перезвонить», «можем завтра закрыть»).
function isOpenOffer(scope: TriggerScope, modal: number): boolean {
  const { tokens } = scope;
  return tokens[modal]?.lemma === 'мочь' && !scope.hasTimeNear(modal) && !near(tokens, modal, 0, 6, (other) => LATER_MARKERS.has(other.norm));
}

// How far before an ordered call («…чтобы с вами связались») an offer's «могу» may stand.
const OFFER_REACH = 8;

function presentAction(lemma: string): PromiseAction {
  if (lemma === 'направлять' || lemma === 'отправлять' || lemma === 'высылать') {
    return 'send';
  }
  return lemma === 'перезванивать' ? 'callback' : 'other';
}

// «могу я вам перезвонить», «мы можем вам отправить», «я буду звонить», «постараюсь сегодня отправить»,
// «давайте я вам скину». Returns the position of the modal word, or null.
function firstPersonModalBefore(tokens: readonly AnalyzedToken[], index: number): number | null {
  for (let position = index - 1; position >= 0 && position >= index - 4; position--) {
    const token = tokens[position];
    if (token === undefined) {
      return null;
    }
    const speakerNear = near(tokens, position, 2, 2, (other) => other.norm === 'я' || other.norm === 'мы');
    if (FIRST_PERSON_MODALS.has(token.lemma) && (has(token, '1per') || (token.lemma === 'должный' && speakerNear))) {
      // «чем могу помочь» offers help in general, it commits to nothing.
      return tokens[position - 1]?.norm === 'чем' ? null : position;
    }
    if (token.norm === 'давайте' || token.norm === 'давай') {
      return speakerNear || index - position <= 2 ? position : null;
    }
    if (token.pos === 'VERB' || token.pos === 'INFN') {
      return null;
    }
  }
  return null;
}

// «переведу вас на специалиста», «соединю с отделом»; «переведу на оценку» hands the client to a survey.
function isTransferObject(tokens: readonly AnalyzedToken[], index: number): boolean {
  if (near(tokens, index, 0, 4, (token) => token.lemma === 'оценка' || token.lemma === 'опрос')) {
    return false;
  }
  const lemma = tokens[index]?.lemma;
  return lemma === 'соединить' || near(tokens, index, 2, 3, (token) => token.norm === 'вас' || token.norm === 'на' || token.norm === 'с');
}

// «сейчас проверю», «давайте проверим», «секунду уточню»: work done while the client waits. A check
// becomes a promise when something puts it after the call: «обязательно», «потом», a time, «и сообщу».
function isInCall(scope: TriggerScope, token: AnalyzedToken): boolean {
  const { tokens } = scope;
  const index = token.index;
  if (AFTER_CALL_ACTIONS.has(token.lemma)) {
    return false;
  }
  // «сейчас я внесу», «сейчас проверю»: right now, whatever time is named around it.
  if (near(tokens, index, 2, 0, (other) => other.lemma === 'сейчас')) {
    return true;
  }
  const laterNear = near(tokens, index, 6, 6, (other) => LATER_MARKERS.has(other.norm));
  const reportsBack = near(tokens, index, 0, 4, (other) => ['сообщить', 'перезвонить', 'связаться'].includes(other.lemma));
  if (laterNear || reportsBack || scope.hasTimeNear(index)) {
    return false;
  }
  if (near(tokens, index, 3, 1, (other) => IMMEDIACY.has(other.norm))) {
    return true;
  }
  // A check with no time and no later marker is done while the client holds: «я проверю всё угу».
  return (IN_CALL_CHECKS.has(token.lemma) || token.lemma === 'выяснить') && !['передать', 'передавать', 'переводить', 'сделать'].includes(token.lemma);
}

// «мастер придёт», «с вами свяжутся», «вам перезвонят», «вам придёт смс», «чтобы с вами связались»,
// «мастер сможет подъехать».
function thirdPersonTrigger(scope: TriggerScope, token: AnalyzedToken): PromiseTrigger | null {
  const { tokens } = scope;
  if (token.pos !== 'VERB' && token.pos !== 'INFN') {
    return null;
  }
  if (token.lemma === 'прийти' && has(token, '3per') && has(token, 'futr') && near(tokens, token.index, 2, 3, (other) => SENT_ITEMS.has(other.lemma))) {
    return { action: 'send', token: token.index, form: 'arrival' };
  }
  const action = THIRD_PERSON_ACTIONS.get(token.lemma);
  if (action === undefined || isSubordinate(scope, token)) {
    return null;
  }
  const addressed = near(tokens, token.index, 3, 1, (other) => other.norm === 'вами' || other.norm === 'вам' || other.norm === 'вас');
  const future = token.pos === 'VERB' && has(token, '3per') && has(token, 'futr');
  const willDo = token.pos !== 'VERB' ? false : near(tokens, token.index, 2, 0, (other) => other.lemma === 'быть' && has(other, '3per') && has(other, 'futr'));
  // «мастер сможет подъехать», «будет звонить»; «может приехать» only states a possibility.
  const ableTo = token.pos === 'INFN' && near(tokens, token.index, 3, 0, (other) => (other.lemma === 'смочь' || other.lemma === 'быть') && has(other, '3per') && has(other, 'futr'));
  const ordered = action === 'callback' && addressed && has(token, 'past') && near(tokens, token.index, 5, 0, (other) => other.norm === 'чтобы' || other.norm === 'чтоб');
  if (!future && !willDo && !ableTo && !ordered) {
    return null;
  }
  // «могу составить запрос, чтобы с вами связались» orders the call only if the client takes the offer.
  if (ordered && !scope.hasTimeNear(token.index) && near(tokens, token.index, OFFER_REACH, 0, (other) => other.lemma === 'мочь' && has(other, '1per'))) {
    return null;
  }
  const impersonal = has(token, 'plur') && addressed;
  // «Не знаю, когда они сделают. Ждите, придут»: «они» of the sentence before is not who will come.
  const staff = near(tokens, token.index, 4, 3, (other) => (STAFF_SUBJECTS.has(other.lemma) || STAFF_SUBJECTS.has(other.norm)) && sameSentence(scope, other, token));
  if (!impersonal && !staff && !ordered) {
    return null;
  }
  if (action === 'other' && !scope.hasTimeNear(token.index) && !near(tokens, token.index, 3, 3, (other) => LATER_MARKERS.has(other.norm))) {
    return null;
  }
  return { action, token: token.index, form: 'third_person' };
}

/** Tells whether no sentence end (a full stop, a question or exclamation mark) lies between two tokens. */
function sameSentence(scope: TriggerScope, first: AnalyzedToken, second: AnalyzedToken): boolean {
  if (scope.text === undefined) {
    return true;
  }
  const [left, right] = first.index < second.index ? [first, second] : [second, first];
  return !/[.!?…]/u.test(scope.text.slice(left.end, right.start));
}

// «уточни во сколько он придёт», «я говорила что он придёт», «специалиста который придёт»: a visit or call
// inside a question, a report of earlier words or a description is no commitment of its own.
function isSubordinate(scope: TriggerScope, token: AnalyzedToken): boolean {
  const { tokens } = scope;
  const inSentence = (test: (other: AnalyzedToken) => boolean) => (other: AnalyzedToken) => test(other) && sameSentence(scope, other, token);
  if (near(tokens, token.index, 2, 0, inSentence((other) => other.lemma === 'который'))) {
    return true;
  }
  if (near(tokens, token.index, 3, 0, inSentence((other) => other.norm === 'сколько' || other.norm === 'когда' || other.norm === 'ли' || other.norm === 'если'))) {
    return true;
  }
  return near(tokens, token.index, 4, 0, inSentence((other) => other.norm === 'что' && has(tokens[other.index - 1], 'past')));
}

// «вопрос будет решён в понедельник», «ссылка будет отправлена».
function passiveTrigger(scope: TriggerScope, token: AnalyzedToken): PromiseTrigger | null {
  if (token.pos !== 'PRTS' || !has(token, 'pssv')) {
    return null;
  }
  const action = FIRST_PERSON_ACTIONS.get(token.lemma) ?? THIRD_PERSON_ACTIONS.get(token.lemma);
  // «будет написано» describes a screen, it sends nothing.
  if (action === undefined || action === 'transfer' || token.lemma === 'написать') {
    return null;
  }
  const willBe = near(scope.tokens, token.index, 2, 0, (other) => other.lemma === 'быть' && has(other, 'futr'));
  return willBe ? { action, token: token.index, form: 'passive' } : null;
}

// «ожидайте звонка», «ожидайте мастера», «техника можете ожидать», «ожидайте с семи до девяти».
function awaitedTrigger(scope: TriggerScope, token: AnalyzedToken): PromiseTrigger | null {
  if (token.lemma !== 'ожидать' && token.lemma !== 'ждать') {
    return null;
  }
  const imperative = has(token, 'impr') || (token.pos === 'INFN' && near(scope.tokens, token.index, 2, 0, (other) => other.lemma === 'мочь'));
  if (!imperative) {
    return null;
  }
  for (let position = token.index - 3; position <= token.index + 3; position++) {
    const other = scope.tokens[position];
    const action = other === undefined || position === token.index ? undefined : AWAITED.get(other.lemma) ?? AWAITED.get(other.norm);
    if (action !== undefined) {
      return { action, token: token.index, form: 'awaited' };
    }
  }
  // «ожидайте пожалуйста с девятнадцати до двадцати одного»: a visit window. A bare «ожидайте» after
  // an action under way («оформляю ожидайте») is a hold.
  return scope.hasClockNear(token.index) ? { action: 'visit', token: token.index, form: 'awaited' } : null;
}

// «заявка создана на завтра с семи до девяти»: a booked visit, stated in the passive or the past.
function bookingTrigger(scope: TriggerScope, token: AnalyzedToken): PromiseTrigger | null {
  if (!BOOKING_VERBS.has(token.lemma) || (token.pos !== 'PRTS' && !has(token, 'past'))) {
    return null;
  }
  if (!near(scope.tokens, token.index, 3, 2, (other) => BOOKING_NOUNS.has(other.lemma)) || !scope.hasTimeNear(token.index)) {
    return null;
  }
  return { action: 'visit', token: token.index, form: 'booking' };
}

// «вдруг у нас разговор прервётся я вам перезвоню» covers a dropped line, not a task after the call.
function isContingency(tokens: readonly AnalyzedToken[], index: number): boolean {
  return near(tokens, index, 10, 0, (token) => CONTINGENCY_WORD.test(token.norm)) && near(tokens, index, 10, 0, (token) => token.norm === 'если' || token.norm === 'вдруг');
}
