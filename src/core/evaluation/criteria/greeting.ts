import type { CriterionDefinition } from '../../model/checklist.ts';
import { evidenceFromTurn } from '../evidence.ts';
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

// The greeting belongs to the manager's first words; a short «алло» or a noise fragment may come first.
const OPENING_WORDS = 25;

/** Greeting: the manager greets at the start of the call. */
export function judgeGreeting(input: DetectorInput, definition: CriterionDefinition): CriterionOutcome {
  if (input.completeness.managerSilent) {
    return notApplicable(MANAGER_SILENT_EXPLANATION);
  }
  const found = findInStream(patternsOf(input, definition.phrases), managerOpening(input, OPENING_WORDS));
  if (found !== null) {
    return {
      result: 'passed',
      explanation: 'Менеджер поздоровался в начале разговора.',
      evidence: [streamEvidence(input, found)],
    };
  }
  const [first] = turnsOf(input.view, 'manager');
  return {
    result: 'failed',
    explanation: 'В начале разговора менеджер не поздоровался.',
    evidence: first === undefined ? [] : [evidenceFromTurn(input.view, first)],
  };
}
