/**
 * Reads a time in seconds from the many ways engines write it: a number, a numeric string, or a
 * protobuf Duration string (`"0.879999999s"`). Returns null for anything else, never NaN.
 */
export function secondsFrom(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value !== 'string') {
    return null;
  }
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*s?\s*$/u.exec(value);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Reads a time given in milliseconds (number or numeric string, as Yandex v3 writes int64) as seconds. */
export function secondsFromMs(value: unknown): number | null {
  const ms = secondsFrom(value);
  return ms === null ? null : ms / 1000;
}

// `[00:12]`, `00:12`, `[00:01:12]`, `01:12.5`: minutes and seconds, with optional hours and fraction.
const CLOCK = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/u;

/** Reads a clock time (`mm:ss`, `hh:mm:ss`, with an optional `.mmm` or `,mmm`) as seconds. */
export function secondsFromClock(value: string): number | null {
  const match = CLOCK.exec(value.trim());
  if (match === null) {
    return null;
  }
  const [, hours, minutes, seconds, fraction] = match;
  const whole = Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds);
  return fraction === undefined ? whole : whole + Number(`0.${fraction}`);
}

/** Rounds to milliseconds, so sums of float times compare and print cleanly. */
export function roundSeconds(value: number): number {
  return Math.round(value * 1000) / 1000;
}
