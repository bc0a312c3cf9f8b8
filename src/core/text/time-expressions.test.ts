import { describe, expect, it } from 'vitest';

import { checkTimeReference, findTimeExpressions, resolveTimeExpression } from './time-expressions.ts';
import type { TimeReference } from './time-expressions.ts';

// Tuesday 10 February 2026, 14:30 in Moscow.
const TUESDAY_AFTERNOON: TimeReference = { callStartedAt: '2026-02-10T14:30:00+03:00', timeZone: 'Europe/Moscow' };
// The same day with no time of day known.
const BARE_DATE: TimeReference = { callStartedAt: '2026-02-10', timeZone: 'Europe/Moscow' };
// Friday 27 February 2026, 09:15 in Yekaterinburg, given in UTC.
const FRIDAY_MORNING_UTC: TimeReference = { callStartedAt: '2026-02-27T04:15:00Z', timeZone: 'Asia/Yekaterinburg' };

describe('resolveTimeExpression', () => {
  it.each([
    ['в шесть вечера', '2026-02-10T18:00:00+03:00'],
    ['в шесть часов вечера', '2026-02-10T18:00:00+03:00'],
    ['в 18:00', '2026-02-10T18:00:00+03:00'],
    ['к 18:00', '2026-02-10T18:00:00+03:00'],
    ['в 18.30', '2026-02-10T18:30:00+03:00'],
    ['в шесть', '2026-02-10T18:00:00+03:00'],
    ['в шесть тридцать', '2026-02-10T18:30:00+03:00'],
    ['в восемнадцать ноль ноль', '2026-02-10T18:00:00+03:00'],
    ['в половине седьмого', '2026-02-10T18:30:00+03:00'],
    ['в девять утра', '2026-02-11T09:00:00+03:00'],
    ['в час дня', '2026-02-11T13:00:00+03:00'],
    ['до пяти', '2026-02-10T17:00:00+03:00'],
    ['через двадцать минут', '2026-02-10T14:50:00+03:00'],
    ['через 15 минут', '2026-02-10T14:45:00+03:00'],
    ['минут через двадцать', '2026-02-10T14:50:00+03:00'],
    ['через полчаса', '2026-02-10T15:00:00+03:00'],
    ['через полтора часа', '2026-02-10T16:00:00+03:00'],
    ['через час', '2026-02-10T15:30:00+03:00'],
    ['через пару часиков', '2026-02-10T16:30:00+03:00'],
    ['в течение часа', '2026-02-10T15:30:00+03:00'],
    ['в течение двух часов', '2026-02-10T16:30:00+03:00'],
    ['в течение минут тридцати', '2026-02-10T15:00:00+03:00'],
    ['в течение дня', '2026-02-10T18:00:00+03:00'],
    ['в течение трёх рабочих дней', '2026-02-13T18:00:00+03:00'],
    ['в течение пяти рабочих дней', '2026-02-17T18:00:00+03:00'],
    ['до обеда', '2026-02-11T13:00:00+03:00'],
    ['завтра до обеда', '2026-02-11T13:00:00+03:00'],
    ['завтра после обеда', '2026-02-11T18:00:00+03:00'],
    ['завтра утром', '2026-02-11T12:00:00+03:00'],
    ['завтра вечером', '2026-02-11T21:00:00+03:00'],
    ['сегодня до конца дня', '2026-02-10T18:00:00+03:00'],
    ['до конца рабочего дня', '2026-02-10T18:00:00+03:00'],
    ['сегодня вечером', '2026-02-10T21:00:00+03:00'],
    ['во второй половине дня', '2026-02-10T18:00:00+03:00'],
    ['завтра', '2026-02-11T18:00:00+03:00'],
    ['на завтрашний день', '2026-02-11T18:00:00+03:00'],
    ['послезавтра', '2026-02-12T18:00:00+03:00'],
    ['в понедельник', '2026-02-16T18:00:00+03:00'],
    ['во вторник', '2026-02-17T18:00:00+03:00'],
    ['в среду', '2026-02-11T18:00:00+03:00'],
    ['к пятнице', '2026-02-13T18:00:00+03:00'],
    ['до пятницы', '2026-02-13T18:00:00+03:00'],
    ['в субботу', '2026-02-14T18:00:00+03:00'],
    ['на следующей неделе', '2026-02-20T18:00:00+03:00'],
    ['на этой неделе', '2026-02-13T18:00:00+03:00'],
    ['до конца недели', '2026-02-13T18:00:00+03:00'],
    ['во вторник на следующей неделе', '2026-02-17T18:00:00+03:00'],
    ['в следующую среду', '2026-02-18T18:00:00+03:00'],
    ['в четверг с шести до восьми', '2026-02-12T20:00:00+03:00'],
    ['завтра с семи до девяти', '2026-02-11T21:00:00+03:00'],
    ['с десяти до двенадцати утра', '2026-02-11T12:00:00+03:00'],
    ['с девятнадцати до двадцати одного ноль ноль', '2026-02-10T21:00:00+03:00'],
    ['тридцатого числа', '2026-03-30T18:00:00+03:00'],
    ['двадцать второе число', '2026-02-22T18:00:00+03:00'],
    ['на девятнадцатое', '2026-02-19T18:00:00+03:00'],
    ['второго числа', '2026-03-02T18:00:00+03:00'],
    ['второе марта на понедельник', '2026-03-02T18:00:00+03:00'],
    ['шестнадцатого февраля', '2026-02-16T18:00:00+03:00'],
    ['с одиннадцатого февраля', '2026-02-11T18:00:00+03:00'],
    ['через пару дней', '2026-02-12T18:00:00+03:00'],
    ['через неделю', '2026-02-17T18:00:00+03:00'],
    ['до конца месяца', '2026-02-28T18:00:00+03:00'],
    ['на следующий день', '2026-02-11T18:00:00+03:00'],
    ['к шести вечера', '2026-02-10T18:00:00+03:00'],
    ['часам к шести', '2026-02-10T18:00:00+03:00'],
    ['в районе шести', '2026-02-10T18:00:00+03:00'],
    ['в течение суток', '2026-02-11T14:30:00+03:00'],
    ['через двое суток', '2026-02-12T14:30:00+03:00'],
    ['в течение трех суток', '2026-02-13T14:30:00+03:00'],
  ])('«%s» said on Tuesday 14:30 is due %s', (phrase, due) => {
    expect(resolveTimeExpression(phrase, TUESDAY_AFTERNOON)?.due).toBe(due);
  });

  it.each([
    ['завтра до обеда', '2026-02-11T13:00:00+03:00'],
    ['сегодня до конца дня', '2026-02-10T18:00:00+03:00'],
    ['в шесть вечера', '2026-02-10T18:00:00+03:00'],
    ['в четверг с шести до восьми', '2026-02-12T20:00:00+03:00'],
    ['тридцатого числа', '2026-03-30T18:00:00+03:00'],
    ['через двадцать минут', null],
    ['в течение часа', null],
    ['в ближайшее время', null],
  ])('«%s» from a bare date is due %s', (phrase, due) => {
    expect(resolveTimeExpression(phrase, BARE_DATE)?.due).toBe(due);
  });

  it.each([
    ['в понедельник', '2026-03-02T18:00:00+05:00'],
    ['до обеда', '2026-02-27T13:00:00+05:00'],
    ['через двадцать минут', '2026-02-27T09:35:00+05:00'],
    ['на следующей неделе', '2026-03-06T18:00:00+05:00'],
    ['в пятницу', '2026-03-06T18:00:00+05:00'],
    ['сегодня в пятницу', '2026-02-27T18:00:00+05:00'],
  ])('«%s» said on Friday morning in Yekaterinburg is due %s', (phrase, due) => {
    expect(resolveTimeExpression(phrase, FRIDAY_MORNING_UTC)?.due).toBe(due);
  });

  it('takes working-day landmarks from the options', () => {
    expect(resolveTimeExpression('завтра до обеда', TUESDAY_AFTERNOON, { lunch: '12:00' })?.due).toBe('2026-02-11T12:00:00+03:00');
    expect(resolveTimeExpression('сегодня до конца дня', TUESDAY_AFTERNOON, { dayEnd: '20:00' })?.due).toBe('2026-02-10T20:00:00+03:00');
  });

  it.each([['в ближайшее время'], ['позже'], ['на днях'], ['через несколько дней']])('vague «%s» is due by the configured hours', (phrase) => {
    expect(resolveTimeExpression(phrase, TUESDAY_AFTERNOON)?.due).toBeNull();
    const configured = resolveTimeExpression(phrase, TUESDAY_AFTERNOON, { vagueDueHours: 24 });
    expect(configured?.text).toBe(phrase);
  });

  it('gives vague phrases a due time when vagueDueHours is set', () => {
    expect(resolveTimeExpression('в ближайшее время', TUESDAY_AFTERNOON, { vagueDueHours: 24 })?.due).toBe('2026-02-11T14:30:00+03:00');
  });

  it('leaves an open start without a due time', () => {
    const expression = resolveTimeExpression('после шести', TUESDAY_AFTERNOON);
    expect(expression?.due).toBeNull();
    expect(expression?.from).toBe('2026-02-10T18:00:00+03:00');
  });

  it('returns the start of a window', () => {
    expect(resolveTimeExpression('в четверг с шести до восьми', TUESDAY_AFTERNOON)?.from).toBe('2026-02-12T18:00:00+03:00');
  });

  it('keeps the phrase without a due time when the reference is invalid', () => {
    const expression = resolveTimeExpression('завтра до обеда', { callStartedAt: 'вчера', timeZone: 'Europe/Moscow' });
    expect(expression?.text).toBe('завтра до обеда');
    expect(expression?.due).toBeNull();
  });
});

describe('findTimeExpressions', () => {
  it('quotes the phrase as said, by offsets', () => {
    const text = 'давайте я вам перезвоню завтра до обеда хорошо';
    const [expression] = findTimeExpressions(text, TUESDAY_AFTERNOON);
    expect(expression?.text).toBe('завтра до обеда');
    expect(text.slice(expression?.start, expression?.end)).toBe('завтра до обеда');
  });

  it('joins a day and a window said a few words apart', () => {
    const [expression] = findTimeExpressions('с четырех до пяти вам ставлю это будет шестнадцатого февраля понедельник', TUESDAY_AFTERNOON);
    expect(expression?.due).toBe('2026-02-16T17:00:00+03:00');
  });

  it.each([['в два раза больше'], ['до пятидесяти устройств'], ['на два'], ['на второй линии'], ['в одну сторону'], ['через личный кабинет']])('finds no time in «%s»', (text) => {
    expect(findTimeExpressions(text, TUESDAY_AFTERNOON)).toEqual([]);
  });
});

describe('checkTimeReference', () => {
  it.each([
    [{ callStartedAt: '2026-02-10T14:30:00+03:00', timeZone: 'Europe/Moscow' }, { ok: true, dateOnly: false }],
    [{ callStartedAt: '2026-02-10', timeZone: 'Europe/Moscow' }, { ok: true, dateOnly: true }],
    [{ callStartedAt: '2026-02-10', timeZone: 'Марс/Олимп' }, { ok: false, reason: 'invalid_time_zone' }],
    [{ callStartedAt: '10.02.2026', timeZone: 'Europe/Moscow' }, { ok: false, reason: 'invalid_start' }],
  ])('%o is %o', (reference, expected) => {
    expect(checkTimeReference(reference)).toEqual(expected);
  });
});
