import { beforeAll, describe, expect, it } from 'vitest';

import { loadMorphology } from '../../text/az-morphology.ts';
import type { Morphology } from './morphology.ts';
import { tokenize } from './tokenize.ts';
import { compilePhrase, findPhrase, type MatchWord } from './phrase-pattern.ts';

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

  it('reports the matched word positions', () => {
    const match = findPhrase(compilePhrase('всего доброго', morphology), wordsOf('спасибо всего вам доброго до свидания'));
    expect(match?.first).toBe(1);
    expect(match?.last).toBe(3);
  });
});
