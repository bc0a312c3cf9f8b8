import { describe, expect, it } from 'vitest';

import { tokenize, wordPattern } from './tokenize.ts';

describe('tokenize', () => {
  it('keeps offsets into the source text', () => {
    const source = 'Алло, добрый день! Меня зовут Ёлкин.';
    for (const token of tokenize(source)) {
      expect(source.slice(token.start, token.end)).toBe(token.text);
    }
  });

  it('folds case and ё', () => {
    expect(tokenize('Всё ЁЛКИ').map((token) => token.norm)).toEqual(['все', 'елки']);
  });

  it('keeps hyphenated words whole', () => {
    expect(tokenize('кое-что из-за 1519,39').map((token) => token.text)).toEqual(['кое-что', 'из-за', '1519', '39']);
  });
});

describe('wordPattern', () => {
  it.each([
    ['да', 'да конечно', true],
    ['да', 'когда', false],
    ['да', 'дай', false],
    ['я же вам', 'ну я же вам сказал', true],
  ])('%s in «%s» is %s', (word, text, expected) => {
    expect(wordPattern([word]).test(text)).toBe(expected);
  });
});
