import type { CallWord } from './call-view.ts';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, PATRONYMIC_ENDINGS } from './lexicon/names.lexicon.ts';

/** A personal name in a run of words: a first name, a patronymic, or both. */
export interface NameMention {
  /** Positions of the first and last word of the name in the searched words. */
  first: number;
  last: number;
  firstName: string | null;
  patronymic: string | null;
  /** True when the first name stands in the nominative, the form used to address someone. */
  nominative: boolean;
}

// Patronymics are at least this long: «Ильич» is the shortest in use.
const MIN_PATRONYMIC_LENGTH = 5;

export function isPatronymic(word: CallWord): boolean {
  return word.norm.length >= MIN_PATRONYMIC_LENGTH && PATRONYMIC_ENDINGS.some((ending) => word.norm.endsWith(ending)) && word.pos !== 'VERB' && word.pos !== 'INFN';
}

function firstNameOf(word: CallWord): string | null {
  if (FIRST_NAMES.has(word.norm)) {
    return word.norm;
  }
  return FIRST_NAMES.has(word.lemma) ? word.lemma : null;
}

/**
 * Finds personal names. A first name that is also a common word («вера», «роман») counts only with a
 * patronymic; a patronymic alone («Викторович») counts as a polite address on its own.
 */
export function findNames(words: readonly CallWord[]): NameMention[] {
  const names: NameMention[] = [];
  for (let position = 0; position < words.length; position++) {
    const word = words[position];
    if (word === undefined) {
      continue;
    }
    const firstName = firstNameOf(word);
    const next = words[position + 1];
    if (firstName !== null) {
      const patronymic = next !== undefined && isPatronymic(next) ? next.norm : null;
      if (patronymic === null && AMBIGUOUS_FIRST_NAMES.has(firstName)) {
        continue;
      }
      names.push({
        first: position,
        last: patronymic === null ? position : position + 1,
        firstName,
        patronymic,
        nominative: FIRST_NAMES.has(word.norm),
      });
      if (patronymic !== null) {
        position += 1;
      }
      continue;
    }
    if (isPatronymic(word)) {
      names.push({ first: position, last: position, firstName: null, patronymic: word.norm, nominative: true });
    }
  }
  return names;
}
