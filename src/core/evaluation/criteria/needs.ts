import type { CriterionDefinition } from '../../model/checklist.ts';
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
import { containsAnyPhrase, findAnyPhrase } from '../phrase-pattern.ts';
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
  const head = span.turn.words.slice(span.first, span.first + IDENTIFICATION_HEAD_WORDS);
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

/**
 * Need discovery: the manager asks at least one question about the client's situation or need.
 * Identification (address, contract number, name) and formulas («чем могу помочь») do not count.
 */
export function judgeNeeds(input: DetectorInput, definition: CriterionDefinition): CriterionOutcome {
  if (input.completeness.managerSilent) {
    return notApplicable(MANAGER_SILENT_EXPLANATION);
  }
  const question = firstNeedQuestion(input, definition.phrases);
  if (question !== null) {
    const position = question.turn.position;
    return {
      result: 'passed',
      explanation: 'Менеджер задал вопрос о ситуации или потребности клиента.',
      evidence: [evidenceFromWords(input.view, position, question.first, question.last)],
    };
  }
  // Need phrases said without a question cue («расскажите, что случилось» is found above; «давайте
  // посмотрим, какой у вас роутер» is found here).
  const extra = patternsOf(input, definition.phrases);
  for (const turn of turnsOf(input.view, 'manager')) {
    const match = extra.length > 0 ? findAnyPhrase(extra, turn.words) : null;
    if (match !== null) {
      return {
        result: 'passed',
        explanation: 'Менеджер выяснил ситуацию клиента.',
        evidence: [evidenceFromWords(input.view, turn.position, match.first, match.last)],
      };
    }
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
