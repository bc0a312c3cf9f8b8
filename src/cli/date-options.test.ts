import { describe, expect, it } from 'vitest';

import { dayAfter, parseDateOption } from './date-options.ts';

describe('date options', () => {
  it.each(['2026-12-01', '2028-02-29'])('accept %s', (value) => {
    expect(parseDateOption(value)).toBe(value);
  });

  it.each(['2026-02-30', '2026-13-01', '01.12.2026', '2026-12-1', ''])('reject %j', (value) => {
    expect(() => parseDateOption(value)).toThrow('укажите дату в виде ГГГГ-ММ-ДД');
  });

  it('step over month and year ends', () => {
    expect(dayAfter('2026-02-28')).toBe('2026-03-01');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
  });
});
