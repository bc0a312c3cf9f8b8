import { describe, expect, it } from 'vitest';

import { capitalize, countOf, dateInZone, formatChange, formatClock, formatDate, formatDateTime, formatDuration, formatNumber, formatShare, plural } from './russian-format.ts';

const CALLS = ['звонок', 'звонка', 'звонков'] as const;

describe('plural', () => {
  it.each([
    [1, 'звонок'],
    [2, 'звонка'],
    [4, 'звонка'],
    [5, 'звонков'],
    [11, 'звонков'],
    [12, 'звонков'],
    [21, 'звонок'],
    [22, 'звонка'],
    [111, 'звонков'],
    [0, 'звонков'],
    [1.5, 'звонка'],
  ])('%d → %s', (count, expected) => {
    expect(plural(count, CALLS)).toBe(expected);
  });

  it('groups thousands in counts', () => {
    expect(countOf(1234, CALLS).replace(/\s/gu, ' ')).toBe('1 234 звонка');
  });
});

describe('capitalize', () => {
  it('raises the first Cyrillic letter', () => {
    expect(capitalize('открыт')).toBe('Открыт');
    expect(capitalize('')).toBe('');
  });
});

describe('numbers', () => {
  it('uses a decimal comma', () => {
    expect(formatNumber(3.5, 1)).toBe('3,5');
  });

  it('formats shares as percent', () => {
    expect(formatShare(0.42)).toBe('42 %');
    expect(formatShare(0.035)).toBe('3,5 %');
  });

  it('signs changes with a true minus', () => {
    expect(formatChange(4)).toBe('+4');
    expect(formatChange(-2.5)).toBe('−2,5');
    expect(formatChange(0)).toBe('0');
  });
});

describe('times', () => {
  it.each([
    [0, '00:00'],
    [7.9, '00:07'],
    [65, '01:05'],
    [3599, '59:59'],
    [3723, '1:02:03'],
  ])('clock %d → %s', (seconds, expected) => {
    expect(formatClock(seconds)).toBe(expected);
  });

  it('shows unknown positions as a dash', () => {
    expect(formatClock(null)).toBe('—');
  });

  it('writes durations in words', () => {
    expect(formatDuration(45)).toBe('45 с');
    expect(formatDuration(720)).toBe('12 мин');
    expect(formatDuration(3900)).toBe('1 ч 05 мин');
  });

  it('shows wall-clock times as given', () => {
    expect(formatDateTime('2026-12-03T14:05:00')).toBe('03.12.2026 14:05');
    expect(formatDate('2026-12-03')).toBe('03.12.2026');
  });

  it('shows instants in the given zone', () => {
    expect(formatDateTime('2026-12-03T11:05:00Z', 'Europe/Moscow')).toBe('03.12.2026 14:05');
    expect(formatDate('2026-12-03T22:30:00Z', 'Asia/Yekaterinburg')).toBe('04.12.2026');
  });

  it('finds today and yesterday in a zone', () => {
    const lateEvening = new Date('2026-12-04T22:30:00Z');

    expect(dateInZone('Europe/Moscow', 0, lateEvening)).toBe('2026-12-05');
    expect(dateInZone('Europe/Moscow', -1, lateEvening)).toBe('2026-12-04');
    expect(dateInZone('Europe/London', 0, lateEvening)).toBe('2026-12-04');
  });

  it('shows a dash for a missing date', () => {
    expect(formatDate(null)).toBe('—');
  });
});
