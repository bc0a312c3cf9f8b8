const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Converts `CallInfo.startedAt` to an ISO instant in UTC. A value without an offset (a bare date, or a
 * wall-clock time) is read in `timeZone`. Returns null for text that is not an ISO 8601 date or time.
 */
export function toInstant(value: string, timeZone: string): string | null {
  const match = ISO_TIME.exec(value.trim());
  if (match === null) {
    return null;
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', offset] = match;
  const millisecond = Number(fraction.padEnd(3, '0').slice(0, 3));
  const wallClock = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millisecond);
  if (!isSameWallClock(wallClock, [year, month, day, hour, minute, second])) {
    return null;
  }
  if (offset !== undefined) {
    return new Date(wallClock - offsetMinutes(offset) * 60_000).toISOString();
  }
  return new Date(zonedToUtc(wallClock, timeZone)).toISOString();
}

// Date.UTC rolls 2026-02-30 over to March, so a rolled-over date is rejected here.
function isSameWallClock(time: number, parts: (string | undefined)[]): boolean {
  const date = new Date(time);
  const actual = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  return actual.every((field, index) => field === Number(parts[index]));
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') {
    return 0;
  }
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** Finds the UTC instant whose wall clock in `timeZone` is `wallClock`; two passes settle DST changes. */
function zonedToUtc(wallClock: number, timeZone: string): number {
  let instant = wallClock - zoneOffsetMs(wallClock, timeZone);
  instant = wallClock - zoneOffsetMs(instant, timeZone);
  return instant;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Tells whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
