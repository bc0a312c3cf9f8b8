import { DateTime } from 'luxon';

import type { TimeRange } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';

export interface WeekRange extends TimeRange {
  /** Monday of the week, `YYYY-MM-DD`, in the zone the weeks were counted in. */
  weekStart: string;
}

export interface DayRange extends TimeRange {
  date: string;
}

/** Reports without a period cover this many days up to today. */
export const DEFAULT_PERIOD_DAYS = 30;

/** The last `count` weeks (Monday to Monday in `timeZone`), the current week last, oldest first. */
export function weekRanges(count: number, timeZone: string, now: Date = new Date()): WeekRange[] {
  const current = DateTime.fromJSDate(now, { zone: timeZone }).startOf('week');
  const weeks: WeekRange[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const start = current.minus({ weeks: back });
    weeks.push({ weekStart: start.toISODate() ?? '', start: instant(start), end: instant(start.plus({ weeks: 1 })) });
  }
  return weeks;
}

/** The calendar day `date` (`YYYY-MM-DD`, today when absent) in `timeZone`, as a range of instants. */
export function dayRange(date: string | undefined, timeZone: string, now: Date = new Date()): DayRange {
  const day = date === undefined ? DateTime.fromJSDate(now, { zone: timeZone }).startOf('day') : parseDate(date, timeZone);
  return { date: day.toISODate() ?? '', start: instant(day), end: instant(day.plus({ days: 1 })) };
}

/**
 * A report period from the request's bounds: a bare date is midnight in `timeZone`, and the end is
 * exclusive. Without a start, the period is the last 30 days; without an end, it runs to the end of today.
 */
export function reportPeriod(from: string | undefined, to: string | undefined, timeZone: string, now: Date = new Date()): TimeRange {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const end = to === undefined ? today.plus({ days: 1 }) : parseBound(to, timeZone);
  const start = from === undefined ? end.minus({ days: DEFAULT_PERIOD_DAYS }) : parseBound(from, timeZone);
  if (start >= end) {
    throw new AppError('BAD_REQUEST', `Начало периода (${from ?? instant(start)}) должно быть раньше конца (${to ?? instant(end)}).`);
  }
  return { start: instant(start), end: instant(end) };
}

/** The time zone of a request: the one asked for, else the user's, else the installation's. */
export function zoneOf(requested: string | undefined, viewerZone: string | null, installationZone: string): string {
  return requested ?? viewerZone ?? installationZone;
}

function parseDate(date: string, timeZone: string): DateTime {
  const day = DateTime.fromISO(date, { zone: timeZone });
  if (!day.isValid) {
    throw new AppError('BAD_REQUEST', `Дата «${date}» не распознана: укажите дату в виде ГГГГ-ММ-ДД.`);
  }
  return day.startOf('day');
}

function parseBound(value: string, timeZone: string): DateTime {
  const parsed = DateTime.fromISO(value.replace(' ', 'T'), { zone: timeZone, setZone: false });
  if (!parsed.isValid) {
    throw new AppError('BAD_REQUEST', `Дата «${value}» не распознана: укажите дату ГГГГ-ММ-ДД или время ISO 8601.`);
  }
  return parsed;
}

function instant(time: DateTime): string {
  return time.toUTC().toISO() ?? '';
}
