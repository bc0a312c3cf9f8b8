import type { CriterionDefinition } from '../../model/checklist.ts';
import type { Evidence } from '../../model/evaluation.ts';
import { type CallWord, turnsOf } from '../call-view.ts';
import { type CriterionOutcome, type DetectorInput, MANAGER_SILENT_EXPLANATION, notApplicable, patternsOf } from '../detector-input.ts';
import { evidenceFromWords } from '../evidence.ts';
import { IDENTIFICATION_AFTER, NOT_ADDRESS_BEFORE, OWN_NAME_AFTER, OWN_NAME_BEFORE } from '../lexicon/names.lexicon.ts';
import { findNames, type NameMention } from '../names.ts';
import { findAnyPhrase } from '../../text/phrase-pattern.ts';

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
  const opening = input.view.manager.words.slice(0, OPENING_WORDS);
  const ownNames = new Set(
    findNames(opening)
      .filter((name) => name.patronymic === null && isOwnName(opening, name))
      .map((name) => name.firstName),
  );
  const extra = patternsOf(input, definition.phrases);

  for (const turn of turnsOf(input.view, 'manager')) {
    const position = turn.position;
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
      evidence.push(evidenceFromWords(input.view, turn.position, told.first, told.last));
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

// Words before a name that are looked at for a sign that it is not an address.
const CONTEXT_BEFORE = 3;

/** A name the manager introduces themselves with: «меня зовут Ирина», «добрый день, Жанна, слушаю вас». */
function isOwnName(words: readonly CallWord[], name: NameMention): boolean {
  const before = words[name.first - 1];
  const after = words[name.last + 1];
  return (before !== undefined && OWN_NAME_BEFORE.has(before.norm)) || (after !== undefined && OWN_NAME_AFTER.has(after.norm));
}

function isAddress(words: readonly CallWord[], name: NameMention, ownNames: ReadonlySet<string | null>): boolean {
  if (name.firstName === null && name.first > 0) {
    // A patronymic alone addresses someone only at the start of a phrase; elsewhere it is a misheard word.
    return false;
  }
  if (name.patronymic === null && (!name.nominative || ownNames.has(name.firstName))) {
    return false;
  }
  const after = words[name.last + 1];
  if (after !== undefined && IDENTIFICATION_AFTER.has(after.norm)) {
    return false;
  }
  return !words.slice(Math.max(0, name.first - CONTEXT_BEFORE), name.first).some((word) => NOT_ADDRESS_BEFORE.has(word.norm));
}
