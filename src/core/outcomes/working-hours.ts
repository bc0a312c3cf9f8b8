import { DateTime } from 'luxon';

/** The company's working time: days, hours and holidays, in one zone. */
export interface WorkingHours {
  /** IANA zone the hours are in. */
  timeZone: string;
  /** Start and end of the working day, «HH:MM». */
  start: string;
  end: string;
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
  days: readonly number[];
  /** Dates (`YYYY-MM-DD`) that are days off even when their weekday is a working day. */
  holidays: readonly string[];
}

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  timeZone: 'Europe/Moscow',
  start: '09:00',
  end: '19:00',
  days: [1, 2, 3, 4, 5],
  holidays: [],
};

/** A search for the next working minute gives up after this many days (a year of holidays is a setup error). */
const MAX_DAYS_SCANNED = 400;

/**
 * Adds working minutes to a moment: time outside working hours does not count, so 15 minutes after
 * 18:50 on Friday with a 9:00–19:00 day is 9:05 on Monday. Returns a UTC ISO instant. A moment
 * outside working hours starts counting at the next opening.
 */
export function addWorkingMinutes(from: string, minutes: number, hours: WorkingHours): string {
  let remainingMs = Math.max(0, minutes) * 60_000;
  let cursor = DateTime.fromISO(from, { zone: hours.timeZone });
  for (let day = 0; day < MAX_DAYS_SCANNED; day += 1) {
    const window = workingWindow(cursor, hours);
    if (window !== null && cursor < window.end) {
      const segmentStart = cursor < window.start ? window.start : cursor;
      const availableMs = window.end.toMillis() - segmentStart.toMillis();
      if (remainingMs <= availableMs) {
        return segmentStart.plus({ milliseconds: remainingMs }).toUTC().toISO() ?? from;
      }
      remainingMs -= availableMs;
    }
    cursor = cursor.plus({ days: 1 }).startOf('day');
  }
  return cursor.toUTC().toISO() ?? from;
}

/** Counts the working seconds between two moments; zero when `to` is not after `from`. */
export function workingSecondsBetween(from: string, to: string, hours: WorkingHours): number {
  const end = DateTime.fromISO(to, { zone: hours.timeZone });
  let cursor = DateTime.fromISO(from, { zone: hours.timeZone });
  let totalMs = 0;
  for (let day = 0; cursor < end && day < MAX_DAYS_SCANNED * 10; day += 1) {
    const window = workingWindow(cursor, hours);
    if (window !== null) {
      const segmentStart = cursor < window.start ? window.start : cursor;
      const segmentEnd = end < window.end ? end : window.end;
      totalMs += Math.max(0, segmentEnd.toMillis() - segmentStart.toMillis());
    }
    cursor = cursor.plus({ days: 1 }).startOf('day');
  }
  return totalMs / 1000;
}

/** True when the moment falls inside working hours. */
export function isWorkingTime(moment: string, hours: WorkingHours): boolean {
  const time = DateTime.fromISO(moment, { zone: hours.timeZone });
  const window = workingWindow(time, hours);
  return window !== null && time >= window.start && time < window.end;
}

/** Checks the settings; returns Russian problems, empty when they are usable. */
export function checkWorkingHours(hours: WorkingHours): string[] {
  const problems: string[] = [];
  if (!DateTime.local().setZone(hours.timeZone).isValid) problems.push(`неизвестный часовой пояс «${hours.timeZone}»`);
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  if (start === null) problems.push(`начало рабочего дня «${hours.start}» не в виде ЧЧ:ММ`);
  if (end === null) problems.push(`конец рабочего дня «${hours.end}» не в виде ЧЧ:ММ`);
  if (start !== null && end !== null && end <= start) problems.push(`конец рабочего дня ${hours.end} не позже начала ${hours.start}`);
  if (hours.days.length === 0 || hours.days.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    problems.push('рабочие дни — номера от 1 (понедельник) до 7 (воскресенье), хотя бы один');
  }
  return problems;
}

function workingWindow(moment: DateTime, hours: WorkingHours): { start: DateTime; end: DateTime } | null {
  const day = moment.startOf('day');
  if (!hours.days.includes(day.weekday) || hours.holidays.includes(day.toISODate() ?? '')) {
    return null;
  }
  const start = minutesOf(hours.start) ?? 0;
  const end = minutesOf(hours.end) ?? 24 * 60;
  return { start: day.plus({ minutes: start }), end: day.plus({ minutes: end }) };
}

function minutesOf(clock: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(clock.trim());
  if (match === null) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return null;
  return hour * 60 + minute;
}
