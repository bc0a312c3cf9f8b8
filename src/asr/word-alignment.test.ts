import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../test/corpus.ts';
import type { RecognizedWord } from './speech-recognizer.ts';
import { alignWordsToText } from './word-alignment.ts';
import { parseYandexRecognition } from './yandex-v3-result.ts';

/** Spoken words one second apart, each half a second long: word `i` lasts from `i` to `i + 0.5`. */
function spoken(...words: string[]): RecognizedWord[] {
  return words.map((text, position) => ({ text, startSec: position, endSec: position + 0.5, confidence: null }));
}

function timesOf(words: readonly RecognizedWord[]): [string, number | null, number | null][] {
  return words.map((word) => [word.text, word.startSec, word.endSec]);
}

describe('alignWordsToText', () => {
  it.each([
    ['same words', 'Да, конечно.', spoken('да', 'конечно'), [['Да', 0, 0.5], ['конечно', 1, 1.5]]],
    ['«ё» written as «е»', 'Всё верно', spoken('все', 'верно'), [['Всё', 0, 0.5], ['верно', 1, 1.5]]],
    ['a number for several words', 'Сумма 1519 рублей', spoken('сумма', 'тысяча', 'пятьсот', 'девятнадцать', 'рублей'), [['Сумма', 0, 0.5], ['1519', 1, 3.5], ['рублей', 4, 4.5]]],
    ['a space between thousands', 'Итого 10 000 рублей', spoken('итого', 'десять', 'тысяч', 'рублей'), [['Итого', 0, 0.5], ['10', 1, 1.5], ['000', 2, 2.5], ['рублей', 3, 3.5]]],
    ['rubles and kopecks with a sign', 'Итого 1 519,39 ₽.', spoken('итого', 'тысяча', 'пятьсот', 'девятнадцать', 'рублей', 'тридцать', 'девять', 'копеек'), [['Итого', 0, 0.5], ['1', 1, 1.5], ['519', 2, 4.5], ['39', 5, 7.5]]],
    ['a dollar sign before the number', '$100', spoken('сто', 'долларов'), [['100', 0, 1.5]]],
    ['a decimal said with a half', 'Ставка 7,5 процента', spoken('ставка', 'семь', 'с', 'половиной', 'процента'), [['Ставка', 0, 0.5], ['7', 1, 1.5], ['5', 3, 3.5], ['процента', 4, 4.5]]],
    ['a percent sign', 'Скидка 25%', spoken('скидка', 'двадцать', 'пять', 'процентов'), [['Скидка', 0, 0.5], ['25', 1, 3.5]]],
    ['a clock time said with a part of day', 'Перезвоню в 18:00', spoken('перезвоню', 'в', 'шесть', 'вечера'), [['Перезвоню', 0, 0.5], ['в', 1, 1.5], ['18', 2, 2.5], ['00', 3, 3.5]]],
    ['a clock time said digit by digit', 'Перезвоню вам в 15:00', spoken('перезвоню', 'вам', 'в', 'пятнадцать', 'ноль', 'ноль'), [['Перезвоню', 0, 0.5], ['вам', 1, 1.5], ['в', 2, 2.5], ['15', 3, 3.5], ['00', 4, 5.5]]],
    ['a clock time with a point', 'Приходите к 9.30', spoken('приходите', 'к', 'девяти', 'тридцати'), [['Приходите', 0, 0.5], ['к', 1, 1.5], ['9', 2, 2.5], ['30', 3, 3.5]]],
    ['a time window', 'С 10:00 до 12:00', spoken('с', 'десяти', 'до', 'двенадцати'), [['С', 0, 0.5], ['10', 1, 1.5], ['00', 2, 2], ['до', 2, 2.5], ['12', 3, 3.5], ['00', 3.5, 3.5]]],
    ['a number sign and a slash', 'Договор № 15/2', spoken('договор', 'номер', 'пятнадцать', 'дробь', 'два'), [['Договор', 0, 0.5], ['15', 1, 2.5], ['2', 4, 4.5]]],
    ['a minus sign', '−5 градусов', spoken('минус', 'пять', 'градусов'), [['5', 0, 1.5], ['градусов', 2, 2.5]]],
    ['a phone number with a plus', '+7 916 123-45-67', spoken('плюс', 'семь', 'девятьсот', 'шестнадцать', 'сто', 'двадцать', 'три', 'сорок', 'пять', 'шестьдесят', 'семь'), [['7', 0, 1.5], ['916', 2, 3.5], ['123-45-67', 4, 10.5]]],
    ['a phone number said digit by digit', 'Мой номер 8 916', spoken('мой', 'номер', 'восемь', 'девять', 'один', 'шесть'), [['Мой', 0, 0.5], ['номер', 1, 1.5], ['8', 2, 2.5], ['916', 3, 5.5]]],
    ['a code with a leading zero', 'Код 0345', spoken('код', 'ноль', 'три', 'четыре', 'пять'), [['Код', 0, 0.5], ['0345', 1, 4.5]]],
    ['an ordinal', 'На 2-й линии', spoken('на', 'второй', 'линии'), [['На', 0, 0.5], ['2-й', 1, 1.5], ['линии', 2, 2.5]]],
    ['an ordinal date', 'До 22-го числа', spoken('до', 'двадцать', 'второго', 'числа'), [['До', 0, 0.5], ['22-го', 1, 2.5], ['числа', 3, 3.5]]],
    ['a hyphenated word said as two', 'В Санкт-Петербурге', spoken('в', 'санкт', 'петербурге'), [['В', 0, 0.5], ['Санкт-Петербурге', 1, 2.5]]],
    ['a word the engine did not time', 'Код 42', spoken('код'), [['Код', 0, 0.5], ['42', 0.5, 0.5]]],
    ['a number that differs from the words', 'Оплата 300 сегодня', spoken('оплата', 'триста', 'пятьдесят', 'сегодня'), [['Оплата', 0, 0.5], ['300', 1, 2.5], ['сегодня', 3, 3.5]]],
    ['two unknown words over three', 'Ну это самое', spoken('ну', 'эээ', 'ммм', 'ааа'), [['Ну', 0, 0.5], ['это', 1, 2.25], ['самое', 2.25, 3.5]]],
  ])('normalised text against spoken words: %s', (_name, text, words, expected) => {
    expect(timesOf(alignWordsToText(text, words))).toEqual(expected);
  });

  it.each([
    ['a number in words against digits', 'тысяча пятьсот девятнадцать рублей', spoken('1519', 'рублей'), [['тысяча', 0, 0.125], ['пятьсот', 0.125, 0.25], ['девятнадцать', 0.25, 0.5], ['рублей', 1, 1.5]]],
    ['thousands against spaced digits', 'десять тысяч', spoken('10', '000'), [['десять', 0, 0.5], ['тысяч', 1, 1.5]]],
    ['a clock time against «18:00»', 'в шесть вечера', spoken('в', '18:00'), [['в', 0, 0.5], ['шесть', 1, 1.25], ['вечера', 1.25, 1.5]]],
    ['a percent against «25%»', 'двадцать пять процентов', spoken('25%'), [['двадцать', 0, 0.25], ['пять', 0.25, 0.5], ['процентов', 0.5, 0.5]]],
    ['a phone number against digits', 'плюс семь девятьсот шестнадцать', spoken('+7', '916'), [['плюс', 0, 0], ['семь', 0, 0.5], ['девятьсот', 1, 1.167], ['шестнадцать', 1.167, 1.5]]],
    ['an ordinal against «2-й»', 'на второй линии', spoken('на', '2-й', 'линии'), [['на', 0, 0.5], ['второй', 1, 1.5], ['линии', 2, 2.5]]],
    ['two words against a hyphenated one', 'кое что', spoken('кое-что'), [['кое', 0, 0.25], ['что', 0.25, 0.5]]],
    ['words against punctuated words', 'да конечно', spoken('Да,', 'конечно.'), [['да', 0, 0.5], ['конечно', 1, 1.5]]],
  ])('spoken-form text against written words: %s', (_name, text, words, expected) => {
    expect(timesOf(alignWordsToText(text, words))).toEqual(expected);
  });

  it('keeps the lowest confidence of the words a token covers', () => {
    const words = [
      { text: 'тысяча', startSec: 0, endSec: 0.4, confidence: 0.9 },
      { text: 'пятьсот', startSec: 0.5, endSec: 0.9, confidence: 0.6 },
    ];
    expect(alignWordsToText('1500', words)).toEqual([{ text: '1500', startSec: 0, endSec: 0.9, confidence: 0.6 }]);
  });

  it('gives null times when no spoken word has one', () => {
    const words = [{ text: 'код', startSec: null, endSec: null, confidence: null }];
    expect(timesOf(alignWordsToText('Код 42', words))).toEqual([['Код', null, null], ['42', null, null]]);
  });

  it('takes a missing time from the neighbouring words', () => {
    const words = [
      { text: 'сумма', startSec: 0, endSec: 0.5, confidence: null },
      { text: 'сто', startSec: null, endSec: null, confidence: null },
      { text: 'рублей', startSec: 2, endSec: 2.5, confidence: null },
    ];
    expect(timesOf(alignWordsToText('Сумма 100 рублей', words))).toEqual([['Сумма', 0, 0.5], ['100', 0.5, 0.5], ['рублей', 2, 2.5]]);
  });

  it('returns no words for an empty text', () => {
    expect(alignWordsToText('', spoken('алло'))).toEqual([]);
    expect(alignWordsToText(' — , ', spoken('алло'))).toEqual([]);
  });

  it('gives null times without spoken words', () => {
    expect(timesOf(alignWordsToText('Алло', []))).toEqual([['Алло', null, null]]);
  });

  it('keeps times in order and inside the spoken words on random input', () => {
    const vocabulary = ['да', 'нет', 'в', 'на', '18:00', '1 519', 'тысяча', 'пятьсот', 'шесть', 'вечера', '25%', 'двадцать', '2-й', 'второй', 'кое-что', 'кое', 'что', '+7', '916', '123-45-67', '—', 'ноль', ',', 'рублей', '₽'];
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = (): string => vocabulary[Math.floor(random() * vocabulary.length)] ?? 'да';
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: Math.floor(random() * 25) }, pick).join(' ');
      const words = Array.from({ length: 1 + Math.floor(random() * 25) }, (_unused, index): RecognizedWord => {
        // Some words are untimed and some go backwards, as engines sometimes return them.
        const start = random() < 0.1 ? null : index * 0.4 + (random() < 0.1 ? -1 : 0);
        return { text: pick(), startSec: start, endSec: start === null ? null : start + 0.3, confidence: null };
      });
      const timed = words.flatMap((word) => [word.startSec, word.endSec]).filter((time): time is number => time !== null);
      const first = Math.min(...timed);
      const last = Math.max(...timed);

      const aligned = alignWordsToText(text, words);

      expect(aligned.map((word) => word.text).join(' ')).toBe(text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)?.join(' ') ?? '');
      if (timed.length === 0) {
        expect(aligned.every((word) => word.startSec === null && word.endSec === null)).toBe(true);
        continue;
      }
      const problems: string[] = [];
      let previousStart = -Infinity;
      for (const word of aligned) {
        const start = word.startSec ?? Number.NaN;
        const end = word.endSec ?? Number.NaN;
        if (!(start >= previousStart && end >= start && start >= first && end <= last)) {
          problems.push(`«${word.text}» ${start}–${end} after a start of ${previousStart}, spoken words ${first}–${last}`);
        }
        previousStart = start;
      }
      expect(problems, `text «${text}»`).toEqual([]);
    }
  });

  it('aligns a long segment beyond the full table', () => {
    const sentence = ['Сумма 1519 рублей, перезвоню в 18:00.', 'сумма тысяча пятьсот девятнадцать рублей перезвоню в шесть вечера'] as const;
    const text = Array.from({ length: 200 }, () => sentence[0]).join(' ');
    const words = spoken(...Array.from({ length: 200 }, () => sentence[1].split(' ')).flat());

    const aligned = alignWordsToText(text, words);

    expect(aligned).toHaveLength(200 * 7);
    expect(timesOf(aligned.slice(-7))).toEqual([
      ['Сумма', 1791, 1791.5],
      ['1519', 1792, 1794.5],
      ['рублей', 1795, 1795.5],
      ['перезвоню', 1796, 1796.5],
      ['в', 1797, 1797.5],
      ['18', 1798, 1798.5],
      ['00', 1799, 1799.5],
    ]);
  });

  it('keeps the word times of a real SpeechKit v3 result', () => {
    const body = readFileSync(corpusPath('asr-formats', 'yandex', 'speechkit-v3-getRecognition-ru.ndjson'), 'utf8');
    const parsed = parseYandexRecognition(body);
    const final = JSON.parse(body.split('\n')[0] ?? '{}') as { result: { final: { alternatives: { words: { text: string; startTimeMs: string; endTimeMs: string }[] }[] } } };
    const engineWords = final.result.final.alternatives[0]?.words ?? [];

    expect(parsed.ok).toBe(true);
    const [segment] = parsed.ok ? parsed.segments : [];
    expect(segment?.text.startsWith('Я яндекс спичкит')).toBe(true);
    expect(segment?.words.map((word) => [word.text.toLowerCase(), word.startSec, word.endSec])).toEqual(
      engineWords.map((word) => [word.text, Number(word.startTimeMs) / 1000, Number(word.endTimeMs) / 1000]),
    );
  });
});
