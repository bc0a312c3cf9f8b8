import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { decodeText, repairMojibake } from './text-encoding.ts';

const HEADER = 'Фамилия;Имя;Телефон;Комментарий «обещал перезвонить» — да\nИванов;Иван;+79161234567;ёжик\n';

describe('decodeText', () => {
  it.each([
    ['UTF-8', Buffer.from(HEADER, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HEADER, 'utf8')]), 'utf-8-bom'],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(HEADER, 'utf-16le')]), 'utf-16le'],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(HEADER, 'utf-16be')]), 'utf-16be'],
    ['UTF-16LE without BOM', iconv.encode(HEADER, 'utf-16le'), 'utf-16le'],
    ['Windows-1251', iconv.encode(HEADER, 'win1251'), 'windows-1251'],
  ] as const)('reads %s', (_name, bytes, encoding) => {
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(HEADER);
    expect(decoded.repaired).toEqual([]);
  });

  it('takes plain ASCII as UTF-8', () => {
    expect(decodeText(Buffer.from('a;b\n1;2\n')).encoding).toBe('utf-8');
  });

  it('repairs UTF-8 read as Windows-1251 and saved again', () => {
    const mojibake = iconv.decode(Buffer.from(HEADER, 'utf8'), 'win1251');
    expect(mojibake).toContain('Р¤Р°РјРёР»РёСЏ');
    const decoded = decodeText(Buffer.from(mojibake, 'utf8'));
    expect(decoded.text).toBe(HEADER);
    expect(decoded.repaired).toEqual(['utf8-as-cp1251']);
    expect(decoded.repairedLines).toBe(2);
  });

  it('reads a file joined from a Windows-1251 part and a UTF-8 part', () => {
    const bytes = Buffer.concat([iconv.encode('Дата;Сотрудник\n12.03.2024;Петров\n', 'win1251'), Buffer.from('13.03.2024;Иванов\n', 'utf8')]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('windows-1251');
    expect(decoded.text).toBe('Дата;Сотрудник\n12.03.2024;Петров\n13.03.2024;Иванов\n');
    expect(decoded.repaired).toEqual(['utf8-as-cp1251']);
  });

  it('repairs Windows-1251 read as Latin-1 and saved again', () => {
    const mojibake = iconv.decode(iconv.encode('Фамилия;Телефон\n', 'win1251'), 'latin1');
    expect(mojibake).toBe('Ôàìèëèÿ;Òåëåôîí\n');
    const decoded = decodeText(Buffer.from(mojibake, 'utf8'));
    expect(decoded.text).toBe('Фамилия;Телефон\n');
    expect(decoded.repaired).toEqual(['cp1251-as-latin1']);
  });
});

describe('repairMojibake', () => {
  it.each([
    ['the letter И lost as «Р?»', 'Р?РІР°РЅРѕРІ Р?РІР°РЅ', 'Иванов Иван'],
    ['the letter И lost as U+FFFD', 'Р\ufffdРІР°РЅРѕРІ', 'Иванов'],
    ['a damaged run beside clean text', 'Р¤Р°РјРёР»РёСЏ;Петров', 'Фамилия;Петров'],
    ['punctuation inside a run', 'Р”Р°С‚Р° вЂ” РІСЂРµРјСЏ', 'Дата — время'],
  ])('repairs %s', (_case, damaged, clean) => {
    expect(repairMojibake(damaged).text).toBe(clean);
  });

  it.each([
    ['clean Russian', 'Руководитель отдела продаж; Счёт №15'],
    ['English', 'Call date;Phone'],
    ['Russian words with Р and С capitals', 'РОП: Сидоров, Р. С. Петров'],
  ])('leaves %s unchanged', (_case, text) => {
    const result = repairMojibake(text);
    expect(result.text).toBe(text);
    expect(result.kinds).toEqual([]);
  });
});
