import type { CriterionDefinition } from '../../model/checklist.ts';
import { turnsOf } from '../call-view.ts';
import {
  type CriterionOutcome,
  type DetectorInput,
  findInStream,
  MANAGER_SILENT_EXPLANATION,
  managerOpening,
  notApplicable,
  patternsOf,
  streamEvidence,
} from '../detector-input.ts';
import { evidenceFromStream, evidenceFromTurn } from '../evidence.ts';
import { findNames } from '../names.ts';

// About the manager's first two turns: greeting, name, company and the offer of help.
const OPENING_WORDS = 40;

/** Introduction: the manager gives their own name or the company or department early in the call. */
export function judgeIntroduction(input: DetectorInput, definition: CriterionDefinition): CriterionOutcome {
  if (input.completeness.managerSilent) {
    return notApplicable(MANAGER_SILENT_EXPLANATION);
  }
  const opening = managerOpening(input, OPENING_WORDS);
  const found = findInStream(patternsOf(input, definition.phrases), opening);
  if (found !== null) {
    return {
      result: 'passed',
      explanation: 'Менеджер представился: назвал себя, компанию или отдел.',
      evidence: [streamEvidence(input, found)],
    };
  }
  // A bare first name in the opening is the manager's own («добрый день, Жанна, слушаю вас»); a name with a
  // patronymic is the client's.
  const ownName = findNames(opening).find((name) => name.patronymic === null);
  if (ownName !== undefined) {
    return {
      result: 'passed',
      explanation: 'Менеджер представился по имени.',
      evidence: [evidenceFromStream(input.view, opening, ownName.first, ownName.last)],
    };
  }
  const [first] = turnsOf(input.view, 'manager');
  return {
    result: 'failed',
    explanation: 'В начале разговора менеджер не назвал ни своего имени, ни компании или отдела.',
    evidence: first === undefined ? [] : [evidenceFromTurn(input.view, first)],
  };
}
