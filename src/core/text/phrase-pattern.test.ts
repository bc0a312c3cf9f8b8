import { beforeAll, describe, expect, it } from 'vitest';

import { loadMorphology } from '../../text/az-morphology.ts';
import type { Morphology } from './morphology.ts';
import { tokenize } from './tokenize.ts';
import { compilePhrase, findPhrase, type MatchWord, neuterSubstantive } from './phrase-pattern.ts';

let morphology: Morphology;

beforeAll(async () => {
  morphology = await loadMorphology();
});

function wordsOf(text: string): MatchWord[] {
  return tokenize(text).map((token) => ({ norm: token.norm, lemma: morphology.analyze(token.norm).lemma }));
}

function matches(phrase: string, text: string): boolean {
  return findPhrase(compilePhrase(phrase, morphology), wordsOf(text)) !== null;
}

describe('phrase pattern', () => {
  it.each([
    ['добрый день', 'доброго дня', true],
    ['добрый день', 'добрый вам день', true],
    ['добрый день', 'добрый хороший светлый день', false],
    ['всё хорошо', 'все хорошо', true],
    ['перезвонить', 'я вам перезвоню', true],
    ['=перезвоните позже', 'я перезвоню позже', false],
    ['=перезвоните позже', 'перезвоните позже', true],
    ['здравствуй*', 'здравствуйте', true],
    ['здравствуй*', 'здрасьте', false],
    ['мастер * прийти', 'мастер к вам завтра придёт', true],
    ['мастер * прийти', 'мастер к вам завтра утром наверное придёт', false],
    ['сколько+можно', 'сколько можно', true],
    ['сколько+можно', 'сколько стоит можно', false],
    ['добрый день|вечер', 'добрый вечер', true],
    ['это не ко мне', 'Это не ко мне!', true],
  ])('«%s» in «%s» is %s', (phrase, text, expected) => {
    expect(matches(phrase, text)).toBe(expected);
  });

  it.each([
    ['девушка подождите', true],
    ['подождите девушка', true],
    ['ну девушка вы меня слышите', true],
    ['к нам приходила девушка из соседнего дома', false],
    ['ваша девушка звонила', false],
  ])('address «@девушка» in «%s» is %s', (text, expected) => {
    expect(matches('@девушка', text)).toBe(expected);
  });

  it.each([
    ['новый * поколение', 'у нас есть роутер нового поколения', true],
    ['новый * поколение', 'новости про это поколение', false],
    ['старый тариф', 'поставим старого тарифа условия', true],
    ['старый тариф', 'поставим старт тарифа', false],
    ['новый тариф', 'переход на новогодний тариф', false],
  ])('adjective «%s» in «%s» is %s', (phrase, text, expected) => {
    expect(matches(phrase, text)).toBe(expected);
  });

  it.each([
    ['новый', 'новое'],
    ['большой', 'большое'],
    ['последний', 'последнее'],
    ['русский', 'русское'],
    ['хороший', 'хорошее'],
    ['роутер', null],
  ])('neuter substantive of «%s» is %s', (lemma, expected) => {
    expect(neuterSubstantive(lemma)).toBe(expected);
  });

  it('reports the matched word positions', () => {
    const match = findPhrase(compilePhrase('всего доброго', morphology), wordsOf('спасибо всего вам доброго до свидания'));
    expect(match?.first).toBe(1);
    expect(match?.last).toBe(3);
  });
});
