import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { detectDelimiter, readDelimitedTable } from './delimited-table.ts';

function table(text: string, encoding: 'utf8' | 'win1251' = 'utf8') {
  return readDelimitedTable(encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'win1251'));
}

describe('detectDelimiter', () => {
  it.each([
    ['semicolon', 'Дата;Телефон;Статус\n12.03.2024;+79161234567;Отвечен\n', ';'],
    ['comma', 'Дата,Телефон,Статус\n2024-03-12,+79161234567,answered\n', ','],
    ['tab', 'Дата\tТелефон\tСтатус\n12.03.2024\t+79161234567\tОтвечен\n', '\t'],
    ['pipe', 'date|phone|status\n2024-03-12|+79161234567|answered\n', '|'],
    ['semicolon with commas inside quotes', 'Сотрудник;Сумма\n"Иванов, Иван";"1 200,50"\n"Петров, Пётр";"300,00"\n', ';'],
    ['comma with semicolons inside quotes', 'a,b\n"x;y;z",1\n"p;q;r",2\n', ','],
  ] as const)('finds the %s', (_name, text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('readDelimitedTable', () => {
  it('keeps quoted separators, quotes and line breaks inside fields', () => {
    const result = table('Клиент;Комментарий;Телефон\n"Иванов; Иван";"Сказал ""перезвоните""\nзавтра";+79161234567\nПетров;нет;+79037654321\n');
    expect(result.rows.map((row) => row.cells)).toEqual([
      ['Клиент', 'Комментарий', 'Телефон'],
      ['Иванов; Иван', 'Сказал "перезвоните"\nзавтра', '+79161234567'],
      ['Петров', 'нет', '+79037654321'],
    ]);
  });

  it('numbers rows by the line they start on', () => {
    const result = table('a;b\n1;"x\ny"\n\n2;z\n');
    expect(result.rows.map((row) => [row.number, row.cells[0]])).toEqual([[1, 'a'], [2, '1'], [4, ''], [5, '2']]);
  });

  it('reads CRLF line ends the same way', () => {
    const result = table('a;b\r\n1;"x\r\ny"\r\n2;z\r\n');
    expect(result.rows.map((row) => [row.number, row.cells])).toEqual([[1, ['a', 'b']], [2, ['1', 'x\ny']], [4, ['2', 'z']]]);
  });

  it('keeps a stray quote after a quoted field as text', () => {
    const result = table('a;b\n1;"ok"\n2;"bad"x\n3;fine\n');
    expect(result.rejected).toEqual([]);
    expect(result.rows.map((row) => row.cells)).toEqual([['a', 'b'], ['1', 'ok'], ['2', '"bad"x'], ['3', 'fine']]);
  });

  it('reports an unclosed quote and reads the lines after it', () => {
    const result = table('a;b\n1;"never closed\n2;two\n3;three\n');
    expect(result.rejected).toEqual([{ row: 2, column: null, message: 'Строка не прочитана: кавычка открыта и не закрыта.' }]);
    expect(result.rows.map((row) => row.cells[0])).toEqual(['a', '2', '3']);
  });

  it('reads Windows-1251 and says so', () => {
    const result = table('Дата;Сотрудник\n12.03.2024;Ёлкин Пётр\n', 'win1251');
    expect(result.encoding).toBe('windows-1251');
    expect(result.rows[1]?.cells).toEqual(['12.03.2024', 'Ёлкин Пётр']);
  });

  it('warns about repaired mojibake', () => {
    const damaged = iconv.decode(Buffer.from('Дата;Сотрудник\n12.03.2024;Иванов\n', 'utf8'), 'win1251');
    const result = table(damaged);
    expect(result.rows[0]?.cells).toEqual(['Дата', 'Сотрудник']);
    expect(result.rows[1]?.cells).toEqual(['12.03.2024', 'Иванов']);
    expect(result.warnings).toEqual(['Исправлена двойная перекодировка кириллицы в 2 строках (текст вида «Р¤Р°РјРёР»РёСЏ»).']);
  });
});
