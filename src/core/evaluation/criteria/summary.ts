import type { CriterionDefinition } from '../../model/checklist.ts';
import { closingTurns, type CriterionOutcome, type DetectorInput, findInTurns, findStatement, MANAGER_SILENT_EXPLANATION, notApplicable, patternsOf, timeExpressionsOf, turnMatchEvidence } from '../detector-input.ts';
import { evidenceFromTurn } from '../evidence.ts';
import { DONE_PHRASES, NEXT_STEP_PHRASES, SUMMARY_PHRASES } from '../lexicon/outcome.lexicon.ts';
import type { CallWord, TurnView } from '../call-view.ts';
import type { PhraseMatch } from '../../text/phrase-pattern.ts';

// A recap comes in the closing part of the call: its last 40 % of words, at least its last twelve turns.
const CLOSING_SHARE = 0.4;
const CLOSING_MIN_TURNS = 12;

/**
 * Summary: before the end the manager sums up what was agreed or done («итак, мастер придёт в четверг с
 * шести до восьми», «заявку я оформила, ожидайте звонка», «у вас всё оплачено до двадцать первого»).
 * Not applicable when the transcript stops before the end of the call.
 */
export function judgeSummary(input: DetectorInput, definition: CriterionDefinition): CriterionOutcome {
  if (input.completeness.managerSilent) {
    return notApplicable(MANAGER_SILENT_EXPLANATION);
  }
  const managerTurns = closingTurns(input, CLOSING_SHARE, CLOSING_MIN_TURNS).filter((turn) => turn.turn.role === 'manager');
  const lists = [patternsOf(input, definition.phrases), patternsOf(input, SUMMARY_PHRASES), patternsOf(input, DONE_PHRASES)];
  // The recap nearest the end is the one that sums up; an earlier match is often an offer («запишу вас»).
  for (const turn of [...managerTurns].reverse()) {
    for (const patterns of lists) {
      const match = findStatement(input, patterns, turn);
      if (match !== null && !checksRequestedAction(input, turn, match)) {
        return {
          result: 'passed',
          explanation: 'В конце разговора менеджер подвёл итог: что сделано или о чём договорились.',
          evidence: [turnMatchEvidence(input, turn, match)],
        };
      }
    }
  }
  // The agreed step said again with its date is a recap too: «тогда запишу вас на второе марта с четырёх».
  const dated = managerTurns.findLast((turn) => findInTurns(patternsOf(input, NEXT_STEP_PHRASES), [turn]) !== null && timeExpressionsOf(turn).some((time) => time.precision !== 'vague'));
  if (dated !== undefined) {
    const step = findInTurns(patternsOf(input, NEXT_STEP_PHRASES), [dated]);
    if (step !== null) {
      return {
        result: 'passed',
        explanation: 'В конце разговора менеджер повторил договорённость со сроком.',
        evidence: [turnMatchEvidence(input, step.turn, step.match)],
      };
    }
  }
  if (input.completeness.endingMissing) {
    return notApplicable('Расшифровка обрывается до конца разговора — резюме оценить нельзя.');
  }
  const last = managerTurns.filter((turn) => turn.words.length > 1).at(-1);
  return {
    result: 'failed',
    explanation: 'Менеджер не подвёл итог разговора: не повторил, что сделано и о чём договорились.',
    evidence: last === undefined ? [] : [evidenceFromTurn(input.view, last, true)],
  };
}

// The manager's request to the client is looked for this many turns back.
const REQUEST_LOOK_BACK_TURNS = 4;

/**
 * Tells whether a past plural verb asks about the manager's own request just made: «поставьте меня на
 * громкую связь» and then «так, поставили?», «перезагрузите роутер» and then «перезагрузили?». Such a verb
 * checks what the client did, it does not sum up the call.
 */
function checksRequestedAction(input: DetectorInput, turn: TurnView, match: PhraseMatch): boolean {
  const verbs = turn.words.slice(match.first, match.last + 1).filter((word) => word.past && word.grammemes.includes('plur'));
  if (verbs.length === 0) {
    return false;
  }
  const lemmas = new Set(verbs.map((word) => word.lemma));
  for (let position = turn.position - 1; position >= 0 && position >= turn.position - REQUEST_LOOK_BACK_TURNS; position--) {
    const earlier = input.view.turns[position];
    if (earlier?.turn.role === 'manager' && earlier.words.some((word) => isRequestVerb(word) && lemmas.has(word.lemma))) {
      return true;
    }
  }
  return false;
}

/** An imperative, or a form of «вы» that doubles as one («перезагрузите» is both). */
function isRequestVerb(word: CallWord): boolean {
  return word.grammemes.includes('impr') || (word.grammemes.includes('2per') && word.grammemes.includes('plur'));
}
