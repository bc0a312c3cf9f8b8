import { describe, expect, it } from 'vitest';

import { quoteBounds, tidyQuote } from './quote-bounds.ts';
import { tokenize } from './tokenize.ts';

const LIMITS = { minWords: 3, maxWords: 15, contextWords: 4 };

/** Quotes the words around the first occurrence of `match` in `text`. */
function quote(text: string, match: string, limits = LIMITS): string {
  const words = tokenize(text);
  const matchWords = tokenize(match).map((word) => word.norm);
  const first = words.findIndex((_, position) => matchWords.every((norm, offset) => words[position + offset]?.norm === norm));
  if (first < 0) {
    throw new Error(`«${match}» is not in «${text}»`);
  }
  const [from, to] = quoteBounds(text, words, first, first + matchWords.length - 1, limits);
  return text.slice(words[from]?.start ?? 0, words[to]?.end ?? 0);
}

describe('quoteBounds', () => {
  it.each([
    ['Я не знаю, когда они сделают. Ждите, придут.', 'ждите', 'Я не знаю, когда они сделают. Ждите, придут'],
    ['Добрый день! Кухни «Мастер», меня зовут Анна. Чем могу помочь?', 'добрый день', 'Добрый день! Кухни «Мастер», меня зовут Анна'],
    ['Спасибо. До свидания.', 'до свидания', 'Спасибо. До свидания'],
  ])('widens a short sentence by whole sentences in «%s»', (text, match, expected) => {
    expect(quote(text, match)).toBe(expected);
  });

  it.each([
    ['акция роутер в подарок при подключении тарифа', 'акция', 'акция роутер в подарок'],
    ['смс мне не пришло и я звоню уже третий раз', 'смс', 'смс мне не пришло'],
    ['мастер придёт завтра утром с десяти до двенадцати', 'мастер', 'мастер придёт завтра утром'],
    ['Смс не приходило. И что теперь делать?', 'смс не приходило', 'Смс не приходило'],
  ])('never ends on an open word in «%s»', (text, match, expected) => {
    expect(quote(text, match)).toBe(expected);
  });

  it.each([
    ['да все верно всего доброго до', 'да все верно всего доброго до', 'да все верно всего доброго'],
    ['уже на месте определяйтесь если', 'на месте определяйтесь если', 'уже на месте определяйтесь'],
  ])('drops the open end of a cut turn «%s»', (text, match, expected) => {
    expect(quote(text, match)).toBe(expected);
  });

  it('completes an open end that cannot be dropped', () => {
    expect(quote('придёт с утра', 'придёт', { minWords: 3, maxWords: 15, contextWords: 1 })).toBe('придёт с утра');
  });

  it('carries a punctuated quote to the end of its clause', () => {
    expect(quote('Итак, Ольга, подытожу: замерщик приедет в четверг, адрес я записала.', 'итак')).toBe('Итак, Ольга, подытожу: замерщик приедет в четверг');
  });

  it('keeps a long match to fifteen words without an open end', () => {
    const text = 'раз два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать четырнадцать и шестнадцать';
    const quoted = quote(text, text);
    expect(quoted.split(' ')).toHaveLength(14);
    expect(quoted.endsWith('четырнадцать')).toBe(true);
  });

  it('quotes a turn shorter than three words whole', () => {
    expect(quote('до свидания', 'свидания')).toBe('до свидания');
  });
});

describe('tidyQuote', () => {
  it('keeps a quote inside the sentence of its match', () => {
    const text = 'адрес я записала. После замера пришлю вам на почту два варианта: с фасадами.';
    const words = tokenize(text);
    const verb = words.findIndex((word) => word.norm === 'пришлю');
    const [from, to] = tidyQuote(text, words, 1, words.findIndex((word) => word.norm === 'с'), verb, verb, { minWords: 3, maxWords: 15, contextWords: 0 });
    expect(text.slice(words[from]?.start ?? 0, words[to]?.end ?? 0)).toBe('После замера пришлю вам на почту два варианта');
  });
});
