import type { Evidence } from '../../model/evaluation.ts';
import { turnsOf } from '../call-view.ts';
import {
  type CriterionOutcome,
  type DetectorInput,
  MANAGER_SILENT_EXPLANATION,
  notApplicable,
  patternsOf,
} from '../detector-input.ts';
import { evidenceFromWords } from '../evidence.ts';
import { CLOSING_PHRASES, TRANSFER_PHRASES } from '../lexicon/conversation.lexicon.ts';
import { IDENTIFICATION_PHRASES, NEED_QUESTION_PHRASES } from '../lexicon/sales.lexicon.ts';
import { containsAnyPhrase, findAnyPhrase } from '../../text/phrase-pattern.ts';
import type { QuestionSpan } from '../questions.ts';
import { CARDINALS } from '../../text/number-words.ts';

// What a question asks is in its first words; an address further on («а вы уверены, что кабель к вашей
// квартире порван») does not make it an identification question.
const IDENTIFICATION_HEAD_WORDS = 8;
const DICTATED_NUMBERS = 2;
const WORDS_BEFORE_CUE = 4;

/** A manager question that asks about the client's situation or need, not who they are. */
export function isNeedQuestion(input: DetectorInput, span: QuestionSpan, extraPhrases: readonly string[] = []): boolean {
  // A question word often ends its clause («заработало, да, чё?»), so the words just before it count too.
  const words = span.turn.words.slice(Math.max(0, span.first - WORDS_BEFORE_CUE), span.last + 1);
  if (containsAnyPhrase(patternsOf(input, CLOSING_PHRASES), words) || containsAnyPhrase(patternsOf(input, TRANSFER_PHRASES), words)) {
    return false;
  }
  if (containsAnyPhrase(patternsOf(input, NEED_QUESTION_PHRASES), words) || containsAnyPhrase(patternsOf(input, extraPhrases), words)) {
    return true;
  }
  // A request cue often ends the clause it asks for («адрес или номер договора уточните»).
  const head = span.turn.words.slice(Math.max(0, span.first - WORDS_BEFORE_CUE), span.first + IDENTIFICATION_HEAD_WORDS);
  if (containsAnyPhrase(patternsOf(input, IDENTIFICATION_PHRASES), head)) {
    return false;
  }
  // Numbers dictated back are an address, a contract or a phone: «дьяконова сорок один сто тридцать девять».
  if (head.filter((word) => CARDINALS.has(word.norm) || /\d/u.test(word.norm)).length >= DICTATED_NUMBERS) {
    return false;
  }
  // A question with some substance of its own («а как часто пропадает») rather than a bare «так что».
  return words.filter((word) => word.norm.length > 3).length >= 2;
}

/** The manager's first question about the client's situation or need, or null. */
export function firstNeedQuestion(input: DetectorInput, extraPhrases: readonly string[] = []): QuestionSpan | null {
  return input.managerQuestions.find((span) => isNeedQuestion(input, span, extraPhrases)) ?? null;
}

/** Where the manager first found out the client's situation or need, and how. */
export interface NeedDiscovery {
  /** Position of the turn in `CallView.turns`. */
  position: number;
  evidence: Evidence;
  explanation: string;
}

/**
 * Finds the manager's first need question, or else the first need phrase of the checklist said without a
 * question cue («давайте посмотрим, какой у вас роутер»). The criterion and the `needs_not_discovered`
 * finding both use it, so they never disagree.
 */
export function findNeedDiscovery(input: DetectorInput): NeedDiscovery | null {
  const phrases = input.checklist.criteria.find((definition) => definition.id === 'needs')?.phrases ?? [];
  const question = firstNeedQuestion(input, phrases);
  if (question !== null) {
    return {
      position: question.turn.position,
      evidence: evidenceFromWords(input.view, question.turn.position, question.first, question.last),
      explanation: 'Менеджер задал вопрос о ситуации или потребности клиента.',
    };
  }
  const extra = patternsOf(input, phrases);
  if (extra.length === 0) {
    return null;
  }
  for (const turn of turnsOf(input.view, 'manager')) {
    const match = findAnyPhrase(extra, turn.words);
    if (match !== null) {
      return {
        position: turn.position,
        evidence: evidenceFromWords(input.view, turn.position, match.first, match.last),
        explanation: 'Менеджер выяснил ситуацию клиента.',
      };
    }
  }
  return null;
}

/**
 * Need discovery: the manager asks at least one question about the client's situation or need.
 * Identification (address, contract number, name) and formulas («чем могу помочь») do not count.
 */
export function judgeNeeds(input: DetectorInput): CriterionOutcome {
  if (input.completeness.managerSilent) {
    return notApplicable(MANAGER_SILENT_EXPLANATION);
  }
  const discovery = findNeedDiscovery(input);
  if (discovery !== null) {
    return { result: 'passed', explanation: discovery.explanation, evidence: [discovery.evidence] };
  }
  // The first question the manager did ask shows what was asked instead: an address, a contract number.
  const [asked] = input.managerQuestions;
  return {
    result: 'failed',
    explanation: asked === undefined
      ? 'Менеджер не задал клиенту ни одного вопроса о его ситуации или потребности.'
      : 'Менеджер не задал ни одного вопроса о ситуации или потребности клиента — только уточнял данные для идентификации.',
    evidence: asked === undefined ? [] : [evidenceFromWords(input.view, asked.turn.position, asked.first, asked.last)],
  };
}
