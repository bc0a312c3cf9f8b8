import type { Evidence } from '../../model/evaluation.ts';
import type { TurnView } from '../call-view.ts';
import { isBackchannel } from '../criteria/objections.ts';
import { type DetectorInput, patternsOf } from '../detector-input.ts';
import { evidenceFromWords, momentLead } from '../evidence.ts';
import { CLOSING_PHRASES } from '../lexicon/conversation.lexicon.ts';
import { ANSWER_CUES, FIND_OUT_PHRASES } from '../lexicon/questions.lexicon.ts';
import { containsAnyPhrase } from '../phrase-pattern.ts';
import type { QuestionSpan } from '../questions.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

// The manager's answer is looked for in this many of their turns of substance after the question.
const REPLY_TURNS = 3;
// A reply to an open question needs this many words besides backchannel and goodbye.
const OPEN_ANSWER_WORDS = 5;
// A question this many words before the end of a long client turn is followed by more of the client's own
// talk; only questions near the end of the turn wait for the manager.
const QUESTION_NEAR_END_WORDS = 15;

/** A client question and what the manager said after it. */
export interface AnsweredQuestion {
  question: QuestionSpan;
  evidence: Evidence;
  replies: TurnView[];
}

/** Client questions that wait for an answer, each with the manager's turns of substance that follow it. */
export function pendingQuestions(input: DetectorInput): AnsweredQuestion[] {
  const result: AnsweredQuestion[] = [];
  for (const question of input.clientQuestions) {
    if (question.turn.words.length - question.first > QUESTION_NEAR_END_WORDS + (question.last - question.first)) {
      continue;
    }
    const position = input.view.turns.indexOf(question.turn);
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
    if (turn.turn.role === 'client' && input.clientQuestions.some((span) => span.turn === turn)) {
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
  const cues = pending.question.questionWord === null ? undefined : ANSWER_CUES[pending.question.questionWord];
  if (cues !== undefined) {
    return words.some((word) => cues.includes(word.lemma) || cues.includes(word.norm) || word.pos === 'NUMR' || /\d/u.test(word.norm));
  }
  const closing = patternsOf(input, CLOSING_PHRASES);
  const substantive = pending.replies.filter((turn) => !containsAnyPhrase(closing, turn.words) || turn.words.length > OPEN_ANSWER_WORDS * 2);
  return substantive.reduce((sum, turn) => sum + turn.words.length, 0) >= OPEN_ANSWER_WORDS;
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
