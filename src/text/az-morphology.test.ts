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

  it('keeps digits as they are', async () => {
    const morphology = await loadMorphology();
    expect(morphology.analyze('1519')).toEqual({ lemma: '1519', pos: null });
  });
});
