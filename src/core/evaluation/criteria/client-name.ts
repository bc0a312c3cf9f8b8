import type { CriterionDefinition } from '../../model/checklist.ts';
import type { Evidence } from '../../model/evaluation.ts';
import { type CallWord, turnsOf } from '../call-view.ts';
import { type CriterionOutcome, type DetectorInput, MANAGER_SILENT_EXPLANATION, notApplicable, patternsOf } from '../detector-input.ts';
import { evidenceFromWords } from '../evidence.ts';
import { IDENTIFICATION_AFTER, NOT_ADDRESS_BEFORE } from '../lexicon/names.lexicon.ts';
import { findNames, type NameMention } from '../names.ts';
import { findAnyPhrase } from '../phrase-pattern.ts';

// The manager's own name is the bare first name in these first words.
const OPENING_WORDS = 40;

/**
 * Client's name: the manager addresses the client by name at least once. A name counts as an address when
 * it stands in the nominative (the Russian vocative), is not the manager's own name, and is not part of a
 * check of the contract holder («договор на Анну Петровну, верно?»).
 */
export function judgeClientName(input: DetectorInput, definition: CriterionDefinition): CriterionOutcome {
  if (input.completeness.managerSilent) {
    return notApplicable(MANAGER_SILENT_EXPLANATION);
  }
  const ownNames = new Set(
    findNames(input.view.manager.words.slice(0, OPENING_WORDS))
      .filter((name) => name.patronymic === null && name.firstName !== null)
      .map((name) => name.firstName),
  );
  const extra = patternsOf(input, definition.phrases);

  for (const turn of turnsOf(input.view, 'manager')) {
    const position = input.view.turns.indexOf(turn);
    const address = findNames(turn.words).find((name) => isAddress(turn.words, name, ownNames));
    if (address !== undefined) {
      return passed(evidenceFromWords(input.view, position, address.first, address.last));
    }
    const match = extra.length > 0 ? findAnyPhrase(extra, turn.words) : null;
    if (match !== null) {
      return passed(evidenceFromWords(input.view, position, match.first, match.last));
    }
  }

  const evidence: Evidence[] = [];
  for (const turn of turnsOf(input.view, 'client')) {
    const told = findNames(turn.words).find((name) => turn.words[name.first - 1]?.norm === 'зовут');
    if (told !== undefined) {
      evidence.push(evidenceFromWords(input.view, input.view.turns.indexOf(turn), told.first, told.last));
      break;
    }
  }
  return {
    result: 'failed',
    explanation: evidence.length > 0
      ? 'Клиент назвал своё имя, но менеджер ни разу не обратился к нему по имени.'
      : 'Менеджер ни разу не обратился к клиенту по имени.',
    evidence,
  };
}

function passed(evidence: Evidence): CriterionOutcome {
  return { result: 'passed', explanation: 'Менеджер обратился к клиенту по имени.', evidence: [evidence] };
}

function isAddress(words: readonly CallWord[], name: NameMention, ownNames: ReadonlySet<string | null>): boolean {
  if (name.patronymic === null && (!name.nominative || ownNames.has(name.firstName))) {
    return false;
  }
  const before = words[name.first - 1];
  const after = words[name.last + 1];
  if (before !== undefined && NOT_ADDRESS_BEFORE.has(before.norm)) {
    return false;
  }
  return after === undefined || !IDENTIFICATION_AFTER.has(after.norm);
}
