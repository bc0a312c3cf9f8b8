import { DateTime } from 'luxon';

import type { DaySpan, ReportRange } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { reversedPeriodMessage } from '../../lib/period-message.ts';

/** A period counted in some zone, with its local dates when it is whole days there. */
export interface ZonedRange {
  start: string;
  end: string;
  /** Local dates `[from, to)` in the zone the period was counted in, for whole days only. */
  localDays?: DaySpan;
}

export interface WeekRange extends ZonedRange {
  /** Monday of the week, `YYYY-MM-DD`, in the zone the weeks were counted in. */
  weekStart: string;
}

export interface DayRange extends ZonedRange {
  date: string;
}

/** Reports without a period cover this many days up to today. */
export const DEFAULT_PERIOD_DAYS = 30;

/** Lists the last `count` weeks (Monday to Monday in `timeZone`), oldest first, the current week last. */
export function weekRanges(count: number, timeZone: string, now: Date = new Date()): WeekRange[] {
  const current = DateTime.fromJSDate(now, { zone: timeZone }).startOf('week');
  const weeks: WeekRange[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const start = current.minus({ weeks: back });
    const end = start.plus({ weeks: 1 });
    weeks.push({ weekStart: start.toISODate() ?? '', start: instant(start), end: instant(end), localDays: { from: start.toISODate() ?? '', to: end.toISODate() ?? '' } });
  }
  return weeks;
}

/** Returns the calendar day `date` (`YYYY-MM-DD`, today when absent) in `timeZone` as a range of instants. */
export function dayRange(date: string | undefined, timeZone: string, now: Date = new Date()): DayRange {
  const day = date === undefined ? DateTime.fromJSDate(now, { zone: timeZone }).startOf('day') : parseDate(date, timeZone);
  const next = day.plus({ days: 1 });
  return { date: day.toISODate() ?? '', start: instant(day), end: instant(next), localDays: { from: day.toISODate() ?? '', to: next.toISODate() ?? '' } };
}

/**
 * Builds a report period from the request's bounds: a bare date is midnight in `timeZone`, and the end is
 * exclusive. Without a start, the period is the last 30 days; without an end, it runs to the end of today.
 */
export function reportPeriod(from: string | undefined, to: string | undefined, timeZone: string, now: Date = new Date()): ZonedRange {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const end = to === undefined ? today.plus({ days: 1 }) : parseBound(to, timeZone);
  const start = from === undefined ? end.minus({ days: DEFAULT_PERIOD_DAYS }) : parseBound(from, timeZone);
  if (start >= end) {
    throw new AppError('INVALID_INPUT', reversedPeriodMessage(from ?? instant(start), to ?? instant(end)));
  }
  const range: ZonedRange = { start: instant(start), end: instant(end) };
  if (isMidnight(start) && isMidnight(end)) {
    range.localDays = { from: start.toISODate() ?? '', to: end.toISODate() ?? '' };
  }
  return range;
}

/**
 * Turns a period into a report range. The rollup keeps days of the installation's zone, so a period
 * counted in that zone carries its days and is summed from the rollup. A period counted in another zone
 * is read from the calls.
 */
export function toReportRange(range: ZonedRange, zone: string, installationZone: string): ReportRange {
  return zone === installationZone && range.localDays !== undefined ? { start: range.start, end: range.end, days: range.localDays } : { start: range.start, end: range.end };
}

/** Picks the time zone of a request: the one in the request, else the user's, else the installation's. */
export function zoneOf(requested: string | undefined, viewerZone: string | null, installationZone: string): string {
  return requested ?? viewerZone ?? installationZone;
}

function parseDate(date: string, timeZone: string): DateTime {
  const day = DateTime.fromISO(date, { zone: timeZone });
  if (!day.isValid) {
    throw new AppError('INVALID_INPUT', `Дата «${date}» не распознана: укажите дату в виде ГГГГ-ММ-ДД.`);
  }
  return day.startOf('day');
}

function parseBound(value: string, timeZone: string): DateTime {
  const parsed = DateTime.fromISO(value.replace(' ', 'T'), { zone: timeZone, setZone: false });
  if (!parsed.isValid) {
    throw new AppError('INVALID_INPUT', `Дата «${value}» не распознана: укажите дату ГГГГ-ММ-ДД или время ISO 8601.`);
  }
  return parsed;
}

function isMidnight(time: DateTime): boolean {
  return time.hour === 0 && time.minute === 0 && time.second === 0 && time.millisecond === 0;
}

function instant(time: DateTime): string {
  return time.toUTC().toISO() ?? '';
}
