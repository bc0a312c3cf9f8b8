import { DateTime } from 'luxon';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const HOUR_MS = 3_600_000;

/**
 * UTC offsets in minutes, cached by zone and UTC hour, so luxon (about 30 µs a call) runs once per hour
 * of calls instead of once per row.
 * NOTE: a zone whose offset changes in the middle of a UTC hour (a +05:30 or +05:45 zone with daylight
 * saving) may get the wrong offset for part of that one hour. Russian zones change at whole hours.
 */
const OFFSETS = new Map<string, number>();
const OFFSETS_LIMIT = 100_000;

function offsetMinutes(timeZone: string, utcMillis: number): number {
  const key = `${timeZone}|${Math.floor(utcMillis / HOUR_MS)}`;
  let offset = OFFSETS.get(key);
  if (offset === undefined) {
    offset = DateTime.fromMillis(utcMillis, { zone: timeZone }).offset;
    if (OFFSETS.size >= OFFSETS_LIMIT) OFFSETS.clear();
    OFFSETS.set(key, offset);
  }
  return offset;
}

/**
 * Converts a wall-clock time in an IANA zone to ISO 8601 with that zone's offset. Returns null for a
 * date that does not exist (31 February). A time in a daylight-saving gap gets the offset from before
 * the change, and a time that occurs twice gets the later occurrence.
 */
export function wallClockToIso(wall: WallClock, timeZone: string): string | null {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  const check = new Date(asUtc);
  const exists =
    check.getUTCFullYear() === wall.year && check.getUTCMonth() === wall.month - 1 && check.getUTCDate() === wall.day &&
    check.getUTCHours() === wall.hour && check.getUTCMinutes() === wall.minute && check.getUTCSeconds() === wall.second;
  if (!exists || wall.year < 1970) {
    return null;
  }
  const guess = offsetMinutes(timeZone, asUtc);
  const offset = offsetMinutes(timeZone, asUtc - guess * 60_000);
  return isoText(asUtc, offset);
}

/** Formats an instant as ISO 8601 in an IANA zone. */
export function instantToIso(utcMillis: number, timeZone: string): string {
  const offset = offsetMinutes(timeZone, utcMillis);
  return isoText(utcMillis + offset * 60_000, offset);
}

function isoText(wallAsUtc: number, offset: number): string {
  const text = new Date(wallAsUtc).toISOString();
  const millis = text.slice(19, 23) === '.000' ? '' : text.slice(19, 23);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${text.slice(0, 19)}${millis}${sign}${hours}:${minutes}`;
}
