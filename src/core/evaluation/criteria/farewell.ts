import type { CriterionDefinition } from '../../model/checklist.ts';
import { turnsOf } from '../call-view.ts';
import { type CriterionOutcome, type DetectorInput, findLastInStream, MANAGER_SILENT_EXPLANATION, managerClosing, notApplicable, patternsOf, streamEvidence } from '../detector-input.ts';
import { evidenceFromTurn } from '../evidence.ts';

// The goodbye is among the manager's last words; crosstalk may split «всего доброго» across turns.
const CLOSING_WORDS = 30;

/**
 * Farewell: the manager says goodbye or thanks at the end. Not applicable when the transcript stops
 * before the end of the call; a goodbye found anyway still passes.
 */
export function judgeFarewell(input: DetectorInput, definition: CriterionDefinition): CriterionOutcome {
  if (input.completeness.managerSilent) {
    return notApplicable(MANAGER_SILENT_EXPLANATION);
  }
  // The manager's first turn is the greeting: its «добрый день» must not pass for «доброго дня».
  const managerTurns = turnsOf(input.view, 'manager');
  const [firstManagerTurn] = managerTurns;
  const firstTurn = managerTurns.length > 1 && firstManagerTurn !== undefined ? firstManagerTurn.position : -1;
  const closing = managerClosing(input, CLOSING_WORDS).filter((word) => word.turnPosition !== firstTurn);
  const found = findLastInStream(patternsOf(input, definition.phrases), closing);
  if (found !== null) {
    return {
      result: 'passed',
      explanation: 'Менеджер попрощался с клиентом.',
      evidence: [streamEvidence(input, found)],
    };
  }
  if (input.completeness.endingMissing) {
    return notApplicable('Расшифровка обрывается до конца разговора — прощание оценить нельзя.');
  }
  const last = turnsOf(input.view, 'manager').at(-1);
  return {
    result: 'failed',
    explanation: 'Менеджер завершил разговор, не попрощавшись и не поблагодарив клиента.',
    evidence: last === undefined ? [] : [evidenceFromTurn(input.view, last, true)],
  };
}
