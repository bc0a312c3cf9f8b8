import { describe, expect, it } from 'vitest';

import { extractDigits, findDigitSequences, findMoneyAmounts, numbersToDigits, sameAmount, sameNumbers } from './number-compare.ts';
import { findNumbers, parseNumber } from './numbers.ts';

describe('parseNumber', () => {
  it.each([
    ['ноль', 0],
    ['один', 1],
    ['одна', 1],
    ['одну', 1],
    ['одного', 1],
    ['два', 2],
    ['две', 2],
    ['двух', 2],
    ['двумя', 2],
    ['три', 3],
    ['трёх', 3],
    ['четырьмя', 4],
    ['пяти', 5],
    ['восьми', 8],
    ['десятью', 10],
    ['одиннадцать', 11],
    ['девятнадцати', 19],
    ['двадцать', 20],
    ['двадцати одного', 21],
    ['тридцать девять', 39],
    ['сорока', 40],
    ['сорок пять', 45],
    ['пятидесяти', 50],
    ['девяноста девяти', 99],
    ['сто', 100],
    ['ста', 100],
    ['сто двадцать', 120],
    ['двести', 200],
    ['двухсот', 200],
    ['триста сорок пять', 345],
    ['пятьсот девятнадцать', 519],
    ['восьмисот', 800],
    ['девятьсот двенадцать', 912],
    ['тысяча', 1000],
    ['тысячу', 1000],
    ['одна тысяча', 1000],
    ['тысяча пятьсот девятнадцать', 1519],
    ['две тысячи', 2000],
    ['двух тысяч', 2000],
    ['пять тысяч', 5000],
    ['двадцать две тысячи пятьсот', 22500],
    ['сто тысяч', 100000],
    ['миллион', 1000000],
    ['два миллиона триста тысяч', 2300000],
    ['полторы тысячи', 1500],
    ['две тыщи', 2000],
    ['полтора', 1.5],
    ['полутора тысяч', 1500],
    ['две с половиной', 2.5],
    ['две с половиной тысячи', 2500],
    ['1519', 1519],
    ['1519,39', 1519.39],
    ['18.00', 18],
  ])('%s is %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each([['рублей'], ['привет'], ['двадцать рублей'], ['']])('%s is not a number alone', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('findNumbers', () => {
  it.each([
    ['двадцать второе число', 22],
    ['тридцатого числа', 30],
    ['с одиннадцатого февраля', 11],
    ['первого', 1],
    ['третьего', 3],
    ['две тысячи двадцать шестого года', 2026],
    ['22-го', 22],
  ])('reads the ordinal in «%s» as %d', (text, value) => {
    const [mention] = findNumbers(text);
    expect(mention?.value).toBe(value);
    expect(mention?.ordinal).toBe(true);
  });

  it('keeps offsets of each number', () => {
    const text = 'итого тысяча пятьсот рублей';
    const [mention] = findNumbers(text);
    expect(text.slice(mention?.start, mention?.end)).toBe('тысяча пятьсот');
  });

  it('splits a dictated number where the words stop descending', () => {
    expect(findNumbers('шестьсот шестьдесят ноль тридцать четыре').map((mention) => mention.value)).toEqual([660, 0, 34]);
  });
});

describe('findDigitSequences', () => {
  it.each([
    ['шестьсот шестьдесят ноль тридцать четыре', '660034'],
    ['восемь девятьсот двенадцать триста сорок пять шестьдесят семь восемьдесят девять', '89123456789'],
    ['плюс семь девятьсот двенадцать триста сорок пять шестьдесят семь восемьдесят девять', '79123456789'],
    ['ноль ноль семь', '007'],
    ['пятьдесят восемь восемьсот пятьдесят', '58850'],
    ['8 (912) 345-67-89', '89123456789'],
    ['номер договора четыреста пятьдесят восемь', '458'],
    ['двадцать два двадцать два', '2222'],
    ['сто один ноль пять', '10105'],
  ])('«%s» dictates %s', (text, digits) => {
    expect(findDigitSequences(text).map((sequence) => sequence.digits).join('')).toBe(digits);
  });

  it('keeps numbers apart when words stand between them', () => {
    expect(findDigitSequences('квартира тридцать семь корпус три').map((sequence) => sequence.digits)).toEqual(['37', '3']);
  });
});

describe('findMoneyAmounts', () => {
  it.each([
    ['тысяча пятьсот девятнадцать рублей тридцать девять копеек', 1519.39, 'RUB'],
    ['1519,39 ₽', 1519.39, 'RUB'],
    ['1 519,39 ₽', 1519.39, 'RUB'],
    ['1519 руб. 39 коп.', 1519.39, 'RUB'],
    ['двести девяносто шесть рублей', 296, 'RUB'],
    ['полторы тысячи рублей', 1500, 'RUB'],
    ['две с половиной тысячи рублей', 2500, 'RUB'],
    ['семьсот пятьдесят рублей', 750, 'RUB'],
    ['тысячу девятьсот восемьдесят четыре рубля', 1984, 'RUB'],
    ['один рубль шестьдесят четыре копейки', 1.64, 'RUB'],
    ['сто долларов', 100, 'USD'],
    ['пятьдесят евро', 50, 'EUR'],
    ['1200 рублей', 1200, 'RUB'],
  ])('«%s» is %d %s', (text, value, currency) => {
    const [amount] = findMoneyAmounts(text);
    expect(amount?.value).toBe(value);
    expect(amount?.currency).toBe(currency);
  });

  it('finds no money in a number without a currency', () => {
    expect(findMoneyAmounts('квартира тридцать семь')).toEqual([]);
  });
});

describe('digits and words compare', () => {
  it.each([
    ['1519,39 ₽', 'тысяча пятьсот девятнадцать рублей тридцать девять копеек'],
    ['1 519,39 ₽', 'тысяча пятьсот девятнадцать рублей тридцать девять копеек'],
    ['296 рублей', 'двести девяносто шесть рублей'],
    ['1500 рублей', 'полторы тысячи рублей'],
  ])('%s is the same sum as «%s»', (digits, words) => {
    expect(sameAmount(digits, words)).toBe(true);
    expect(sameNumbers(digits, words)).toBe(true);
  });

  it.each([
    ['1519,39 ₽', 'тысяча пятьсот девятнадцать рублей'],
    ['296 рублей', 'двести девяносто семь рублей'],
    ['100 долларов', 'сто рублей'],
  ])('%s is not the same sum as «%s»', (digits, words) => {
    expect(sameAmount(digits, words)).toBe(false);
  });

  it.each([
    ['звоните 8 912 345 67 89', 'звоните восемь девятьсот двенадцать триста сорок пять шестьдесят семь восемьдесят девять', true],
    ['договор 660034', 'договор шестьсот шестьдесят ноль тридцать четыре', true],
    ['договор 660035', 'договор шестьсот шестьдесят ноль тридцать четыре', false],
    ['без номеров', 'тоже без номеров', true],
  ])('sameNumbers(%s, %s) is %s', (a, b, expected) => {
    expect(sameNumbers(a, b)).toBe(expected);
  });

  it('extracts all digits of a text in order', () => {
    expect(extractDigits('дом тридцать девять корпус два квартира восемьдесят пять')).toBe('39285');
  });

  it('rewrites spoken numbers as digits and leaves other words', () => {
    expect(numbersToDigits('в шесть тридцать оплатите тысячу пятьсот рублей').text).toBe('в 6 30 оплатите 1500 рублей');
  });
});
