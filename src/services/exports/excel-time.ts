/** Excel's number formats of the dates below. */
export const EXCEL_DATE_TIME_FORMAT = 'dd.mm.yyyy hh:mm';
export const EXCEL_DATE_FORMAT = 'dd.mm.yyyy';

/**
 * Converts a UTC instant to the date Excel shows as the wall-clock time in `timeZone`. Excel dates carry
 * no zone, so the local time is written as if it were UTC, which is how exceljs stores a `Date`.
 */
export function excelDateTime(instant: string, timeZone: string): Date | null {
  const local = wallClock(instant, timeZone);
  return local === null ? null : new Date(Math.floor(local.getTime() / 1000) * 1000);
}

/** Converts a calendar date `YYYY-MM-DD` to an Excel date at midnight. */
export function excelDate(isoDate: string): Date | null {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Formats a UTC instant as Russian users read it in `timeZone`: `03.12.2026 10:14`. */
export function russianDateTime(instant: string, timeZone: string): string {
  const local = wallClock(instant, timeZone);
  if (local === null) {
    return instant;
  }
  return `${russianDateOf(local)} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** Formats a calendar date `YYYY-MM-DD` as `03.12.2026`. */
export function russianDate(isoDate: string): string {
  const date = excelDate(isoDate);
  return date === null ? isoDate : russianDateOf(date);
}

function russianDateOf(date: Date): string {
  return `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

// Zone offsets change only at whole quarter hours, so one offset is valid for a whole 15-minute bucket.
// An export formats 100,000 times in a row, and caching the offset per bucket saves an Intl call per row.
const BUCKET_MS = 15 * 60_000;
const MAX_CACHED_BUCKETS = 100_000;
const offsetCache = new Map<string, Map<number, number>>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Converts an instant to its wall-clock time in a zone, as a Date whose UTC fields are the local ones. */
function wallClock(instant: string, timeZone: string): Date | null {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) {
    return null;
  }
  return new Date(time + offsetAt(time, timeZone));
}

function offsetAt(time: number, timeZone: string): number {
  let zoneCache = offsetCache.get(timeZone);
  if (zoneCache === undefined || zoneCache.size > MAX_CACHED_BUCKETS) {
    zoneCache = new Map();
    offsetCache.set(timeZone, zoneCache);
  }
  const bucket = Math.floor(time / BUCKET_MS);
  let offset = zoneCache.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(bucket * BUCKET_MS, timeZone);
    zoneCache.set(bucket, offset);
  }
  return offset;
}

function computeOffset(time: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(time));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const local = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return local - time;
}
