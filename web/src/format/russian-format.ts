/** Russian formatting of numbers, dates, durations and plurals for the UI. */

const pluralRules = new Intl.PluralRules('ru-RU');

/** Word forms for one, few and many: `['звонок', 'звонка', 'звонков']`. */
export type PluralForms = readonly [one: string, few: string, many: string];

/** Picks the Russian plural form: 1 звонок, 2 звонка, 5 звонков, 21 звонок, 1,5 звонка. */
export function plural(count: number, forms: PluralForms): string {
  const category = pluralRules.select(count);
  if (category === 'one') {
    return forms[0];
  }
  if (category === 'few' || category === 'other') {
    // Fractions («1,5») are `other` in Russian and take the genitive singular, like `few`.
    return Number.isInteger(count) && category === 'other' ? forms[2] : forms[1];
  }
  return forms[2];
}

/** Formats `count` with its noun: «21 звонок», «1 234 звонка». */
export function countOf(count: number, forms: PluralForms): string {
  return `${formatNumber(count)} ${plural(count, forms)}`;
}

const integerFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });
const oneDecimalFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });

/** Capitalises the first letter, for labels the API sends in lower case («открыт» → «Открыт»). */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('ru-RU') + text.slice(1);
}

/** Formats a number with Russian grouping and a decimal comma: «12 345», «3,5». */
export function formatNumber(value: number, fractionDigits = 0): string {
  if (fractionDigits === 0) {
    return integerFormat.format(value);
  }
  if (fractionDigits === 1) {
    return oneDecimalFormat.format(value);
  }
  return new Intl.NumberFormat('ru-RU', { maximumFractionDigits: fractionDigits }).format(value);
}

/** Formats a share 0..1 as a percentage: «42 %», «3,5 %». */
export function formatShare(share: number): string {
  const percent = share * 100;
  const digits = Math.abs(percent) < 10 && !Number.isInteger(percent) ? 1 : 0;
  return `${formatNumber(percent, digits)} %`;
}

/** Formats a score 0..100, or a dash when nothing could be judged. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : formatNumber(Math.round(score));
}

/** Formats a signed change in points: «+4», «−2,5», «0». */
export function formatChange(value: number): string {
  const text = formatNumber(Math.abs(value), 1);
  if (value > 0) {
    return `+${text}`;
  }
  return value < 0 ? `−${text}` : text;
}

/** Formats a position in a call: «мм:сс», or «ч:мм:сс» from an hour on. */
export function formatClock(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return '—';
  }
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = whole % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(secs).padStart(2, '0')}`;
  return hours > 0 ? `${String(hours)}:${mmss}` : mmss;
}

/** Formats a duration for totals: «45 с», «12 мин», «1 ч 05 мин». */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return '—';
  }
  const whole = Math.round(seconds);
  if (whole < 60) {
    return `${String(whole)} с`;
  }
  const minutes = Math.round(whole / 60);
  if (minutes < 60) {
    return `${String(minutes)} мин`;
  }
  return `${String(Math.floor(minutes / 60))} ч ${String(minutes % 60).padStart(2, '0')} мин`;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/u;

interface DateParts {
  year: string;
  month: string;
  day: string;
  hour: string | null;
  minute: string | null;
}

/**
 * Splits a time into calendar parts in `timeZone`. A time without an offset is a wall-clock time as the
 * source gave it, so it is shown as is rather than shifted by the browser's zone.
 */
function dateParts(value: string, timeZone: string | undefined): DateParts | null {
  const local = LOCAL_TIME.exec(value);
  if (local !== null) {
    const [, year = '', month = '', day = '', hour, minute] = local;
    return { year, month, day, hour: hour ?? null, minute: minute ?? null };
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) {
    return null;
  }
  const parts = new Intl.DateTimeFormat('ru-RU', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((entry) => entry.type === type)?.value ?? '';
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** Formats a date: «03.12.2026». */
export function formatDate(value: string | null | undefined, timeZone?: string): string {
  const parts = value === null || value === undefined ? null : dateParts(value, timeZone);
  return parts === null ? '—' : `${parts.day}.${parts.month}.${parts.year}`;
}

/** Formats a date and time: «03.12.2026 14:05», or the date alone when the time is unknown. */
export function formatDateTime(value: string | null | undefined, timeZone?: string): string {
  const parts = value === null || value === undefined ? null : dateParts(value, timeZone);
  if (parts === null) {
    return '—';
  }
  const date = `${parts.day}.${parts.month}.${parts.year}`;
  return parts.hour === null || parts.minute === null ? date : `${date} ${parts.hour}:${parts.minute}`;
}

/** Formats a day and month for chart axes: «03.12». */
export function formatDayMonth(isoDate: string): string {
  const parts = dateParts(isoDate, undefined);
  return parts === null ? isoDate : `${parts.day}.${parts.month}`;
}

/** Returns today's date `YYYY-MM-DD` in `timeZone`, shifted by `offsetDays`. */
export function dateInZone(timeZone: string, offsetDays = 0, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((entry) => entry.type === type)?.value);
  return toIsoDate(new Date(part('year'), part('month') - 1, part('day') + offsetDays));
}

/** Returns `YYYY-MM-DD` of a Date in the browser's calendar, as the API's date filters take it. */
export function toIsoDate(date: Date): string {
  return `${String(date.getFullYear())}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
