import { describe, expect, it } from 'vitest';

import { parseDurationSec } from './duration.ts';
import { parseCallDateAndTime, parseCallTime, parseCalendarDate } from './local-time.ts';
import { parseMoneyAmount } from './money-amount.ts';

describe('parseCallTime', () => {
  it.each([
    ['2024-03-12 10:15:03', 'Europe/Moscow', '2024-03-12T10:15:03+03:00'],
    ['12.03.2024 10:15:03', 'Europe/Moscow', '2024-03-12T10:15:03+03:00'],
    ['12.03.2024 10:15', 'Europe/Moscow', '2024-03-12T10:15:00+03:00'],
    ['12.03.24 10:15', 'Europe/Moscow', '2024-03-12T10:15:00+03:00'],
    ['2024-03-12T10:15:03', 'Asia/Yekaterinburg', '2024-03-12T10:15:03+05:00'],
    ['2024-03-12 10:15:03.250', 'Europe/Moscow', '2024-03-12T10:15:03.250+03:00'],
    // An offset in the value wins over the zone.
    ['2024-03-12T10:15:03+05:00', 'Europe/Moscow', '2024-03-12T10:15:03+05:00'],
    ['2024-03-12T07:15:03Z', 'Europe/Moscow', '2024-03-12T07:15:03Z'],
    // Unix seconds and milliseconds are instants, shown in the zone.
    ['1710227703', 'Europe/Moscow', '2024-03-12T10:15:03+03:00'],
    ['1710227703000', 'Europe/Moscow', '2024-03-12T10:15:03+03:00'],
    // Summer and winter time of one zone get their own offsets.
    ['2024-07-01 12:00:00', 'Europe/Berlin', '2024-07-01T12:00:00+02:00'],
    ['2024-01-15 12:00:00', 'Europe/Berlin', '2024-01-15T12:00:00+01:00'],
    // A daylight-saving gap keeps the old offset, and a repeated hour is read as the later one.
    ['2024-03-31 02:30:00', 'Europe/Berlin', '2024-03-31T02:30:00+01:00'],
    ['2024-10-27 02:30:00', 'Europe/Berlin', '2024-10-27T02:30:00+01:00'],
    ['2024-03-31 03:30:00', 'Europe/Berlin', '2024-03-31T03:30:00+02:00'],
    // Moscow was UTC+4 in 2014.
    ['2014-05-12 19:02:53', 'Europe/Moscow', '2014-05-12T19:02:53+04:00'],
  ])('%s in %s', (text, zone, iso) => {
    expect(parseCallTime(text, zone)).toEqual({ ok: true, iso });
  });

  it.each(['', '31.02.2024 10:00', '2024-13-01 10:00:00', 'вчера', '12.03.2024 нет'])('rejects «%s»', (text) => {
    const result = parseCallTime(text, 'Europe/Moscow');
    expect(result.ok).toBe(false);
  });

  it('combines a date and a time column', () => {
    expect(parseCallDateAndTime('11.03.2024', '09:05:12', 'Europe/Moscow')).toEqual({ ok: true, iso: '2024-03-11T09:05:12+03:00' });
    expect(parseCallDateAndTime('2024-03-11 00:00:00', '9:05', 'Europe/Moscow')).toEqual({ ok: true, iso: '2024-03-11T09:05:00+03:00' });
  });

  it('keeps a bare calendar date', () => {
    expect(parseCalendarDate('13.03.2024', 'Europe/Moscow')).toEqual({ ok: true, iso: '2024-03-13' });
    expect(parseCalendarDate('2024-03-13 00:00:00', 'Europe/Moscow')).toEqual({ ok: true, iso: '2024-03-13' });
  });
});

describe('parseDurationSec', () => {
  it.each([
    ['125', 125],
    ['125,4', 125],
    ['0', 0],
    ['2:05', 125],
    ['00:02:05', 125],
    ['1:02:05', 3725],
    ['25:00:00', 90000],
    ['2 мин 5 сек', 125],
    ['2 мин. 5 сек.', 125],
    ['1 ч 2 мин', 3720],
    ['45 сек', 45],
    ['3 min 4 s', 184],
  ])('%s is %i s', (text, seconds) => {
    expect(parseDurationSec(text)).toEqual({ ok: true, seconds });
  });

  it.each(['пять минут', '2 лет', '1:2:3:4'])('rejects «%s»', (text) => {
    expect(parseDurationSec(text).ok).toBe(false);
  });

  it('treats an empty cell as zero only when asked', () => {
    expect(parseDurationSec('').ok).toBe(false);
    expect(parseDurationSec('', { emptyIsZero: true })).toEqual({ ok: true, seconds: 0 });
  });
});

describe('parseMoneyAmount', () => {
  it.each([
    ['12 345,50 ₽', 12345.5, 'RUB'],
    ['12345.50 руб.', 12345.5, 'RUB'],
    ['1 200 000 руб.', 1200000, 'RUB'],
    ['1\u00a0200\u00a0000,00 р.', 1200000, 'RUB'],
    ['1 234 567', 1234567, null],
    ['1,234,567.89', 1234567.89, null],
    ['1.234.567,89', 1234567.89, null],
    ['1234,5', 1234.5, null],
    ['1,234', 1234, null],
    ['$1,200', 1200, 'USD'],
    ['99,90 EUR', 99.9, 'EUR'],
    ['5 000 тенге', 5000, 'KZT'],
    ['-500 ₽', -500, 'RUB'],
    ['RUB 700', 700, 'RUB'],
  ] as const)('%s is %d %s', (text, amount, currency) => {
    expect(parseMoneyAmount(text)).toEqual({ ok: true, amount, currency });
  });

  it.each(['', 'дорого', '1.2.3,4,5'])('rejects «%s»', (text) => {
    expect(parseMoneyAmount(text).ok).toBe(false);
  });
});
