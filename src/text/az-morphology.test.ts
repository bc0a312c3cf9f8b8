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

  it.each([
    ['игоря', 'игорь'],
    ['Марией', 'мария'],
    ['насти', 'настя'],
    ['Фёдору', 'федор'],
    ['алексея', 'алексей'],
    ['игоревича', 'игоревич'],
    ['петровной', 'петровна'],
    ['кузнецовой', 'кузнецов'],
    ['кузнецов', 'кузнецов'],
  ])('reads %s as a form of the name %s', async (word, name) => {
    const morphology = await loadMorphology();
    const { lemma, names = [] } = morphology.analyze(word);
    expect([lemma, ...names]).toContain(name);
  });

  it.each([['машину'], ['договора'], ['перезвоню'], ['интернет'], ['петров']])('reads %s as no name of its own', async (word) => {
    const morphology = await loadMorphology();
    expect(morphology.analyze(word).names).toBeUndefined();
  });

  it.each([
    ['замер', 'замереть', ['замер']],
    ['пришли', 'прислать', ['прийти']],
  ])('reads %s first as %s and also as %j', async (word, lemma, otherLemmas) => {
    const morphology = await loadMorphology();
    expect(morphology.analyze(word)).toMatchObject({ lemma, otherLemmas });
  });

  it.each([['стали'], ['замера'], ['договор']])('gives %s no unlikely other lemma', async (word) => {
    const morphology = await loadMorphology();
    expect(morphology.analyze(word).otherLemmas).toBeUndefined();
  });

  it('keeps the lemma of a name form for the checklist', async () => {
    const morphology = await loadMorphology();
    // «Игоря» is not in the dictionary; the guessed lemma stays, marked as a guess, and the name comes beside it.
    expect(morphology.analyze('игоря')).toMatchObject({ lemma: 'игоре', guessed: true, names: ['игорь'] });
    expect(morphology.analyze('марии')).toMatchObject({ lemma: 'марь', names: ['мария'] });
    expect(morphology.analyze('марии').guessed).toBeUndefined();
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
