import { describe, expect, it } from 'vitest';

import { csvField, csvLine, csvPreamble, encodeCsv } from './csv-format.ts';

describe('csvField', () => {
  it.each([
    ['plain', 'Анна Соколова', 'Анна Соколова'],
    ['separator', 'Продажи; Москва', '"Продажи; Москва"'],
    ['quote', 'сказал "ждите"', '"сказал ""ждите"""'],
    ['line break', 'первая\nвторая', '"первая\nвторая"'],
    ['edge space', ' отступ', '" отступ"'],
    ['comma stays bare', 'Продажи, Москва', 'Продажи, Москва'],
    ['phone number', '+7 916 123-45-67', '+7 916 123-45-67'],
    ['negative number', '-12,5', '-12,5'],
    ['formula', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['plus formula', '+1+cmd', "'+1+cmd"],
    ['at sign', '@SUM(A1)', "'@SUM(A1)"],
  ])('quotes %s', (_name, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('csv encoding', () => {
  it('ends lines with CRLF and joins with semicolons', () => {
    expect(csvLine(['а', 'б;в', ''])).toBe('а;"б;в";\r\n');
  });

  it('starts UTF-8 with a BOM and cp1251 without one', () => {
    expect([...csvPreamble('utf-8')]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvPreamble('cp1251')).toHaveLength(0);
  });

  it('writes Russian letters, «» and № in cp1251', () => {
    expect([...encodeCsv('Ёж «№1»', 'cp1251')]).toEqual([0xa8, 0xe6, 0x20, 0xab, 0xb9, 0x31, 0xbb]);
  });
});
