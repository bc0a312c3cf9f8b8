import { describe, expect, it } from 'vitest';

import { splitByQuotes } from './quote-highlight.ts';

describe('splitByQuotes', () => {
  it('marks an exact quote', () => {
    expect(splitByQuotes('Я же вам сказал, это не ко мне.', ['это не ко мне'])).toEqual([
      { text: 'Я же вам сказал, ', marked: false },
      { text: 'это не ко мне', marked: true },
      { text: '.', marked: false },
    ]);
  });

  it('finds a quote in another letter case', () => {
    const pieces = splitByQuotes('ну ЗДРАВСТВУЙТЕ', ['здравствуйте']);

    expect(pieces.at(-1)).toEqual({ text: 'ЗДРАВСТВУЙТЕ', marked: true });
  });

  it('merges overlapping quotes', () => {
    const pieces = splitByQuotes('перезвоню завтра до обеда', ['перезвоню завтра', 'завтра до обеда']);

    expect(pieces).toEqual([{ text: 'перезвоню завтра до обеда', marked: true }]);
  });

  it('leaves text alone when the quote is elsewhere', () => {
    expect(splitByQuotes('добрый день', ['до свидания'])).toEqual([{ text: 'добрый день', marked: false }]);
  });
});
