import { describe, expect, it } from 'vitest';

import { dayAfter } from '../lib/period-message.ts';
import { parseDateOption, periodEnd } from './date-options.ts';

describe('date options', () => {
  it.each(['2026-12-01', '2028-02-29'])('accept %s', (value) => {
    expect(parseDateOption(value)).toBe(value);
  });

  it.each(['2026-02-30', '2026-13-01', '01.12.2026', '2026-12-1', ''])('reject %j', (value) => {
    expect(() => parseDateOption(value)).toThrow('укажите дату в виде ГГГГ-ММ-ДД');
  });

  it('end a period the day after --to', () => {
    expect(periodEnd('2026-12-03', '2026-12-03')).toBe('2026-12-04');
    expect(periodEnd(undefined, '2026-12-31')).toBe('2027-01-01');
  });

  it('reject --from after --to by the dates given', () => {
    expect(() => periodEnd('2026-12-05', '2026-12-01')).toThrow('Дата --from (2026-12-05) позже даты --to (2026-12-01). Поменяйте их местами.');
  });

  it('step over month and year ends', () => {
    expect(dayAfter('2026-02-28')).toBe('2026-03-01');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
  });
});
