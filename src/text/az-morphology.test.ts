import { describe, expect, it } from 'vitest';

import { loadMorphology } from './az-morphology.ts';

describe('loadMorphology', () => {
  it.each([
    ['перезвоню', 'перезвонить'],
    ['договорились', 'договориться'],
    ['Доброго', 'добрый'],
    ['секундочку', 'секундочка'],
    ['звонила', 'звонить'],
    ['ёлки', 'елка'],
  ])('lemmatizes %s as %s', async (word, lemma) => {
    const morphology = await loadMorphology();
    expect(morphology.analyze(word).lemma).toBe(lemma);
  });

  it.each([
    ['щас', 'сейчас'],
    ['чо', 'что'],
    ['скока', 'сколько'],
    ['тыщи', 'тысяча'],
    ['чтото', 'что-то'],
    ['какуюто', 'какой-то'],
    ['когдато', 'когда-то'],
  ])('reads the ASR spelling %s as %s', async (word, lemma) => {
    const morphology = await loadMorphology();
    expect(morphology.analyze(word).lemma).toBe(lemma);
  });

  it.each([['эээ'], ['ммм'], ['мх'], ['ааа']])('marks the hesitation %s as an interjection', async (word) => {
    const morphology = await loadMorphology();
    expect(morphology.analyze(word).pos).toBe('INTJ');
  });

  it('reports person and tense', async () => {
    const morphology = await loadMorphology();
    expect(morphology.analyze('перезвоню').grammemes).toEqual(expect.arrayContaining(['1per', 'futr', 'sing']));
  });

  it('keeps digits as they are', async () => {
    const morphology = await loadMorphology();
    expect(morphology.analyze('1519')).toEqual({ lemma: '1519', pos: null });
  });
});
