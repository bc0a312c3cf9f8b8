import { DateTime } from 'luxon';

import { addWorkingMinutes, type WorkingHours } from '../outcomes/working-hours.ts';

/** When alerts may go out: at once, within working hours, or once a day as a digest. */
export interface AlertSchedule {
  /** IANA zone of the digest time. */
  timeZone: string;
  /** Alerts found outside these hours wait for the next opening; null sends at any time. */
  workingHours: WorkingHours | null;
  /** «HH:MM»: alerts are collected and sent once a day at this time as one digest; null sends each call at once. */
  digestTime: string | null;
}

/**
 * The moment an alert found at `now` may be sent. A digest goes at the next digest time (on a working
 * day, when working hours are set); otherwise an alert goes at once, or at the next opening of
 * working hours.
 */
export function alertSendTime(now: string, schedule: AlertSchedule): string {
  if (schedule.digestTime !== null) {
    return nextDigestTime(now, schedule.digestTime, schedule.timeZone, schedule.workingHours);
  }
  if (schedule.workingHours !== null) {
    return addWorkingMinutes(now, 0, schedule.workingHours);
  }
  return DateTime.fromISO(now).toUTC().toISO() ?? now;
}

const MAX_DAYS_SCANNED = 400;

function nextDigestTime(now: string, clock: string, timeZone: string, hours: WorkingHours | null): string {
  const [hour, minute] = clock.split(':').map(Number);
  const moment = DateTime.fromISO(now, { zone: timeZone });
  let candidate = moment.set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 });
  if (candidate < moment) candidate = candidate.plus({ days: 1 });
  for (let day = 0; day < MAX_DAYS_SCANNED && hours !== null && !isWorkingDay(candidate, hours); day += 1) {
    candidate = candidate.plus({ days: 1 });
  }
  return candidate.toUTC().toISO() ?? now;
}

function isWorkingDay(moment: DateTime, hours: WorkingHours): boolean {
  const day = moment.setZone(hours.timeZone);
  return hours.days.includes(day.weekday) && !hours.holidays.includes(day.toISODate() ?? '');
}
