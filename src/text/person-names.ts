import { inclineFirstname } from 'lvovich';

import { foldText } from '../core/text/normalize.ts';

// First names that managers and clients use on calls: the common Russian full names and the short forms
// people introduce themselves with («это Саша»). The dictionary of Az.js has no proper names, so without
// this list «Игорь» reads as a verb and «Игоря» as another word, and a search for one misses the other.
const MALE_NAMES = [
  'александр', 'алексей', 'анатолий', 'андрей', 'антон', 'аркадий', 'арсений', 'артём', 'артур', 'богдан',
  'борис', 'вадим', 'валентин', 'валерий', 'василий', 'виктор', 'виталий', 'владимир', 'владислав', 'вячеслав',
  'геннадий', 'георгий', 'глеб', 'григорий', 'даниил', 'данила', 'денис', 'дмитрий', 'евгений', 'егор',
  'иван', 'игорь', 'илья', 'кирилл', 'константин', 'лев', 'леонид', 'максим', 'марк', 'матвей',
  'михаил', 'никита', 'николай', 'олег', 'павел', 'пётр', 'роман', 'руслан', 'семён', 'сергей',
  'станислав', 'степан', 'тимофей', 'тимур', 'фёдор', 'юрий', 'ярослав', 'ринат', 'рустам', 'эдуард',
  'саша', 'лёша', 'серёжа', 'дима', 'миша', 'коля', 'паша', 'ваня', 'вова', 'володя', 'женя', 'костя',
  'слава', 'стас', 'витя', 'толя', 'гоша', 'гриша', 'лёня', 'петя', 'юра', 'влад', 'макс', 'тёма',
];

const FEMALE_NAMES = [
  'александра', 'алина', 'алла', 'анастасия', 'анжелика', 'анна', 'антонина', 'валентина', 'валерия', 'вера',
  'вероника', 'виктория', 'галина', 'дарья', 'диана', 'ева', 'евгения', 'екатерина', 'елена', 'елизавета',
  'жанна', 'зинаида', 'зоя', 'инна', 'ирина', 'карина', 'кира', 'кристина', 'ксения', 'лариса',
  'лидия', 'любовь', 'людмила', 'маргарита', 'марина', 'мария', 'милана', 'надежда', 'наталья', 'наталия',
  'нина', 'оксана', 'ольга', 'полина', 'раиса', 'светлана', 'софья', 'софия', 'тамара', 'татьяна',
  'ульяна', 'эльвира', 'юлия', 'яна', 'олеся', 'снежана', 'регина', 'алёна', 'василиса', 'таисия',
  'аня', 'настя', 'катя', 'лена', 'наташа', 'таня', 'оля', 'юля', 'маша', 'даша', 'света', 'ира',
  'ксюша', 'галя', 'люда', 'лиза', 'соня', 'вика', 'надя', 'люба', 'валя', 'поля', 'женя', 'саша',
];

const CASES = ['genitive', 'dative', 'accusative', 'instrumental', 'prepositional'] as const;

// A patronymic in any case: «Игоревич», «Игоревича», «Петровной». Few common words end in these suffixes.
const MALE_PATRONYMIC = /^(\p{L}{2,}(?:ов|ев)ич)(?:а|у|ем|ом|е)?$/u;
const FEMALE_PATRONYMIC = /^(\p{L}{2,}(?:овн|евн|ичн))(?:а|ы|е|у|ой|ою)$/u;
// A surname of the commonest kinds in any case and gender: «Кузнецов», «Кузнецовой», «Ильину».
const SURNAME = /^(\p{L}{3,}(?:ов|ев|ин|ын))(?:а|у|ым|ом|е|ой|ою|ы|ых|ыми)?$/u;

let firstNameForms: ReadonlyMap<string, string> | undefined;

/**
 * Returns the first name `word` may be a form of, in the nominative («игоря» → «игорь»), or null. The
 * forms come from lvovich's declension of the names above. Input and output are folded.
 */
export function firstNameOf(word: string): string | null {
  firstNameForms ??= declineFirstNames();
  return firstNameForms.get(foldText(word)) ?? null;
}

/** Returns the patronymic `word` may be a form of, in the nominative («игоревича» → «игоревич»), or null. */
export function patronymicOf(word: string): string | null {
  const folded = foldText(word);
  const male = MALE_PATRONYMIC.exec(folded);
  if (male?.[1] !== undefined) {
    return male[1];
  }
  const female = FEMALE_PATRONYMIC.exec(folded);
  return female?.[1] === undefined ? null : `${female[1]}а`;
}

/**
 * Returns the surname `word` may be a form of, in the masculine nominative («кузнецовой» → «кузнецов»),
 * or null. Ordinary words share these endings («столов», «машину»), so a caller takes it only as one
 * more reading.
 */
export function surnameOf(word: string): string | null {
  return SURNAME.exec(foldText(word))?.[1] ?? null;
}

function declineFirstNames(): Map<string, string> {
  const forms = new Map<string, string>();
  const add = (names: readonly string[], gender: 'male' | 'female') => {
    for (const name of names) {
      const nominative = foldText(name);
      forms.set(nominative, forms.get(nominative) ?? nominative);
      for (const grammaticalCase of CASES) {
        const form = foldText(inclineFirstname(name, grammaticalCase, gender));
        // A form two names share («саши» of Саша the man and the woman) keeps its first reading.
        if (!forms.has(form)) {
          forms.set(form, nominative);
        }
      }
    }
  };
  add(MALE_NAMES, 'male');
  add(FEMALE_NAMES, 'female');
  return forms;
}
