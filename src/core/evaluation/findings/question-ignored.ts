import type { Evidence } from '../../model/evaluation.ts';
import type { CallWord, TurnView } from '../call-view.ts';
import { isBackchannel } from '../criteria/objections.ts';
import { type DetectorInput, patternsOf } from '../detector-input.ts';
import { evidenceFromWords, momentLead } from '../evidence.ts';
import { BACKCHANNEL_WORDS, CLOSING_PHRASES } from '../lexicon/conversation.lexicon.ts';
import { ANSWER_CUES, FIND_OUT_PHRASES, LOOKUP_HOLD_PHRASES, PHATIC_QUESTION_PHRASES, REPEAT_REQUEST_PHRASES, YES_NO_ANSWERS, YES_NO_QUESTION_WORDS } from '../lexicon/questions.lexicon.ts';
import { containsAnyPhrase } from '../../text/phrase-pattern.ts';
import { type QuestionSpan, spanWords } from '../questions.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';
import { CARDINALS } from '../../text/number-words.ts';

// A client turn this long opens the call with the reason for calling.
const OPENING_REQUEST_WORDS = 3;
// The manager's answer is looked for in this many of their turns of substance after the question.
const REPLY_TURNS = 3;
// A yes-or-no answer comes in the first words of a reply.
const YES_NO_ANSWER_LEAD = 3;
// A reply to an open question needs this many words besides backchannel and goodbye.
const OPEN_ANSWER_WORDS = 5;
// A reason given without «потому что» is an explanation of some length.
const REASON_ANSWER_WORDS = 8;
// A client who says more than this many words after a question clause has moved on, so only questions
// near the end of the turn wait for the manager. The clause itself («когда подойдёт мастер, чтобы всё
// подключить…») is not counted, because a long question is still a question.
const QUESTION_NEAR_END_WORDS = 10;
// Words a client tails a question with («…, ладно, спасибо») that do not move on to another topic.
const TRAILING_WORDS = new Set(['спасибо', 'тогда', 'пожалуйста', 'короче', 'вообще', 'все', 'всё']);
// Lemmas this short, and common verbs, say nothing about what a question is about.
const CONTENT_LEMMA_LENGTH = 4;
const GENERIC_LEMMAS = new Set(['быть', 'мочь', 'сказать', 'говорить', 'делать', 'сделать', 'хотеть', 'нужно', 'надо', 'можно', 'знать', 'понять', 'этот', 'какой', 'который', 'сейчас', 'тогда', 'вообще', 'просто', 'подсказать', 'скажите', 'смотреть']);

/** A client question and what the manager said after it. */
export interface AnsweredQuestion {
  question: QuestionSpan;
  evidence: Evidence;
  replies: TurnView[];
}

/** Client questions that wait for an answer, each with the manager's turns of substance that follow it. */
export function pendingQuestions(input: DetectorInput): AnsweredQuestion[] {
  const result: AnsweredQuestion[] = [];
  const firstClientTurn = input.view.turns.find((turn) => turn.turn.role === 'client' && turn.quotable && turn.words.length >= OPENING_REQUEST_WORDS);
  for (const question of input.clientQuestions) {
    // The client's opening request is what the whole call answers; a question without a question word
    // («подскажите…», «хотел узнать…») is a request, answered by what follows rather than by one reply.
    if (question.turn === firstClientTurn || question.questionWord === null) {
      continue;
    }
    const after = question.turn.words.slice(question.last + 1).filter((word) => !BACKCHANNEL_WORDS.has(word.norm) && !TRAILING_WORDS.has(word.norm));
    if (after.length > QUESTION_NEAR_END_WORDS) {
      continue;
    }
    // «Как дела», «вы меня слышите» ask for no answer of substance.
    if (containsAnyPhrase(patternsOf(input, PHATIC_QUESTION_PHRASES), spanWords(question))) {
      continue;
    }
    // A client who asks the same again before the manager answers is judged by the repeat.
    if (isAskedAgain(input, question)) {
      continue;
    }
    const position = question.turn.position;
    result.push({
      question,
      evidence: evidenceFromWords(input.view, position, question.first, question.last),
      replies: repliesAfter(input, position),
    });
  }
  return result;
}

function repliesAfter(input: DetectorInput, position: number): TurnView[] {
  const replies: TurnView[] = [];
  for (let index = position + 1; index < input.view.turns.length && replies.length < REPLY_TURNS; index++) {
    const turn = input.view.turns[index];
    if (!turn?.quotable) {
      continue;
    }
    // A new client question after the manager has replied starts another exchange; one asked before any
    // reply is answered together with the first.
    if (turn.turn.role === 'client' && replies.length > 0 && input.questionsByTurn.has(turn)) {
      break;
    }
    if (turn.turn.role === 'manager' && !isBackchannel(turn)) {
      replies.push(turn);
    }
  }
  return replies;
}

/** Whether the manager's replies answer the question or promise to find out. */
export function isAnswered(input: DetectorInput, pending: AnsweredQuestion): boolean {
  const words = pending.replies.flatMap((turn) => turn.words);
  if (containsAnyPhrase(patternsOf(input, FIND_OUT_PHRASES), words)) {
    return true;
  }
  // «Секундочку», «одну минуту» right after the question: the manager goes to look the answer up.
  const first = pending.replies[0];
  if (first !== undefined && containsAnyPhrase(patternsOf(input, LOOKUP_HOLD_PHRASES), first.words)) {
    return true;
  }
  // «Можно ли…», «разве…» are answered by «да», «нет», «можно» alone.
  const yesNo = YES_NO_QUESTION_WORDS.has(pending.question.questionWord ?? '') || spanWords(pending.question).some((word) => YES_NO_QUESTION_WORDS.has(word.norm));
  if (yesNo && pending.replies.some((turn) => turn.words.slice(0, YES_NO_ANSWER_LEAD).some((word) => YES_NO_ANSWERS.has(word.norm)))) {
    return true;
  }
  const cues = pending.question.questionWord === null ? undefined : ANSWER_CUES[pending.question.questionWord];
  const countable = pending.question.questionWord === 'сколько';
  if (cues !== undefined && words.some((word) => cues.includes(word.lemma) || cues.includes(word.norm) || (countable && (CARDINALS.has(word.norm) || /\d/u.test(word.norm))))) {
    return true;
  }
  // A reply that takes up what the question is about («мувикс» in the question and in the reply) addresses it.
  const topic = new Set(spanWords(pending.question).filter(isContentWord).map((word) => word.lemma));
  if (words.some((word) => topic.has(word.lemma))) {
    return true;
  }
  // «Сколько» and «когда» ask for an amount or a time, and a reply without one leaves them open; a reason
  // or an explanation needs no fixed words.
  if (pending.question.questionWord === 'сколько' || pending.question.questionWord === 'когда') {
    return false;
  }
  const closing = patternsOf(input, CLOSING_PHRASES);
  const substantive = pending.replies.filter((turn) => !containsAnyPhrase(closing, turn.words) || turn.words.length > OPEN_ANSWER_WORDS * 2);
  const needed = pending.question.questionWord === 'почему' ? REASON_ANSWER_WORDS : OPEN_ANSWER_WORDS;
  return substantive.reduce((sum, turn) => sum + turn.words.length, 0) >= needed;
}

/** Tells whether the client asks the same kind of question in a later turn before the manager replies. */
function isAskedAgain(input: DetectorInput, question: QuestionSpan): boolean {
  for (let index = question.turn.position + 1; index < input.view.turns.length; index++) {
    const turn = input.view.turns[index];
    if (!turn?.quotable) {
      continue;
    }
    if (turn.turn.role === 'manager' && !isBackchannel(turn) && !isShortReaction(turn) && !isRepeatRequest(input, turn)) {
      return false;
    }
    if (turn.turn.role === 'client' && (input.questionsByTurn.get(turn) ?? []).some((other) => other.questionWord === question.questionWord)) {
      return true;
    }
  }
  return false;
}

// A manager turn of this many words or fewer is a reaction («а сколько», «конечно»), not yet a reply.
const SHORT_REACTION_WORDS = 2;
// A request to repeat is short: «извините, не расслышала», «простите, ещё раз».
const REPEAT_REQUEST_WORDS = 6;

function isRepeatRequest(input: DetectorInput, turn: TurnView): boolean {
  return turn.words.length <= REPEAT_REQUEST_WORDS && containsAnyPhrase(patternsOf(input, REPEAT_REQUEST_PHRASES), turn.words);
}

function isShortReaction(turn: TurnView): boolean {
  return turn.words.length <= SHORT_REACTION_WORDS;
}

function isContentWord(word: CallWord): boolean {
  return word.lemma.length >= CONTENT_LEMMA_LENGTH && !GENERIC_LEMMAS.has(word.lemma) && ['NOUN', 'VERB', 'INFN', 'ADJF', 'PRTF'].includes(word.pos ?? '');
}

/**
 * Question ignored: a client question got no answer in the manager's following turns — no reply of
 * substance, a reply without what the question asks for («сколько» without an amount), or only a goodbye.
 */
export function detectQuestionIgnored(input: DetectorInput): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const pending of pendingQuestions(input)) {
    if (isAnswered(input, pending)) {
      continue;
    }
    findings.push(draftFinding(
      'question_ignored',
      pending.evidence,
      pending.replies.length === 0
        ? 'Клиент задал вопрос, но менеджер на него не ответил.'
        : 'Клиент задал вопрос, но ответ менеджера его не касается.',
      `${momentLead(pending.evidence, 'client', 'спросил')} — ответьте на вопрос, прежде чем продолжать, а если ответа нет под рукой, скажите, когда и как вы его сообщите.`,
    ));
  }
  return findings;
}
