import { describe, expect, it } from 'vitest';

import { dayRange, reportPeriod, weekRanges } from './report-periods.ts';

const FRIDAY_EVENING = new Date('2026-12-04T20:00:00+03:00');

describe('weekRanges', () => {
  it('counts Monday weeks in the zone, the current one last', () => {
    expect(weekRanges(2, 'Europe/Moscow', FRIDAY_EVENING)).toEqual([
      { weekStart: '2026-11-23', start: '2026-11-22T21:00:00.000Z', end: '2026-11-29T21:00:00.000Z', localDays: { from: '2026-11-23', to: '2026-11-30' } },
      { weekStart: '2026-11-30', start: '2026-11-29T21:00:00.000Z', end: '2026-12-06T21:00:00.000Z', localDays: { from: '2026-11-30', to: '2026-12-07' } },
    ]);
  });

  it('starts the week by the viewer clock', () => {
    // Sunday 23:30 in Moscow is already Monday in Vladivostok.
    const sundayNight = new Date('2026-12-06T23:30:00+03:00');

    expect(weekRanges(1, 'Europe/Moscow', sundayNight)[0]?.weekStart).toBe('2026-11-30');
    expect(weekRanges(1, 'Asia/Vladivostok', sundayNight)[0]?.weekStart).toBe('2026-12-07');
  });

  it('keeps weeks whole across a daylight saving change', () => {
    const [week] = weekRanges(1, 'Europe/Berlin', new Date('2026-10-28T12:00:00Z'));

    expect(week).toEqual({ weekStart: '2026-10-26', start: '2026-10-25T23:00:00.000Z', end: '2026-11-01T23:00:00.000Z', localDays: { from: '2026-10-26', to: '2026-11-02' } });
  });
});

describe('dayRange', () => {
  it.each([
    [undefined, 'Europe/Moscow', { date: '2026-12-04', start: '2026-12-03T21:00:00.000Z', end: '2026-12-04T21:00:00.000Z', localDays: { from: '2026-12-04', to: '2026-12-05' } }],
    [undefined, 'Asia/Vladivostok', { date: '2026-12-05', start: '2026-12-04T14:00:00.000Z', end: '2026-12-05T14:00:00.000Z', localDays: { from: '2026-12-05', to: '2026-12-06' } }],
    ['2026-02-28', 'UTC', { date: '2026-02-28', start: '2026-02-28T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z', localDays: { from: '2026-02-28', to: '2026-03-01' } }],
  ])('reads day %s in %s', (date, zone, expected) => {
    expect(dayRange(date, zone, FRIDAY_EVENING)).toEqual(expected);
  });

  it('rejects a date that does not exist', () => {
    expect(() => dayRange('2026-02-30', 'UTC', FRIDAY_EVENING)).toThrow('Дата «2026-02-30» не распознана');
  });
});

describe('reportPeriod', () => {
  it.each([
    [undefined, undefined, { start: '2026-11-04T21:00:00.000Z', end: '2026-12-04T21:00:00.000Z', localDays: { from: '2026-11-05', to: '2026-12-05' } }],
    ['2026-12-01', undefined, { start: '2026-11-30T21:00:00.000Z', end: '2026-12-04T21:00:00.000Z', localDays: { from: '2026-12-01', to: '2026-12-05' } }],
    ['2026-12-01', '2026-12-03', { start: '2026-11-30T21:00:00.000Z', end: '2026-12-02T21:00:00.000Z', localDays: { from: '2026-12-01', to: '2026-12-03' } }],
    ['2026-12-01T12:00:00+03:00', '2026-12-01T18:00:00Z', { start: '2026-12-01T09:00:00.000Z', end: '2026-12-01T18:00:00.000Z' }],
  ])('reads from %s to %s', (from, to, expected) => {
    expect(reportPeriod(from, to, 'Europe/Moscow', FRIDAY_EVENING)).toEqual(expected);
  });

  it('rejects a period that ends where it starts', () => {
    expect(() => reportPeriod('2026-12-03', '2026-12-03', 'Europe/Moscow', FRIDAY_EVENING)).toThrow('Чтобы получить один день 2026-12-03, укажите конец 2026-12-04.');
  });
});
