import { describe, expect, it } from 'vitest';

import { countOf, formatCallDate } from './russian-format.ts';

const CALL = ['звонок', 'звонка', 'звонков'] as const;

describe('countOf', () => {
  it.each([
    [0, '0 звонков'],
    [1, '1 звонок'],
    [2, '2 звонка'],
    [5, '5 звонков'],
    [11, '11 звонков'],
    [12, '12 звонков'],
    [21, '21 звонок'],
    [22, '22 звонка'],
    [111, '111 звонков'],
    [101, '101 звонок'],
  ])('%s', (count, expected) => {
    expect(countOf(count, CALL)).toBe(expected);
  });
});

describe('formatCallDate', () => {
  it('formats a time in the given zone', () => {
    expect(formatCallDate('2026-12-03T07:14:00Z', 'Europe/Moscow')).toBe('03.12.2026 10:14');
  });

  it('formats a bare date without a time', () => {
    expect(formatCallDate('2026-02-10', 'Europe/Moscow')).toBe('10.02.2026');
  });

  it('shows a dash for an unknown date', () => {
    expect(formatCallDate(null, 'Europe/Moscow')).toBe('—');
  });
});
