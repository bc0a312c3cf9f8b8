import { DateTime, IANAZone } from 'luxon';

import { readTimeAtoms } from './time-atoms.ts';
import type { ClockTime, DurationUnit, PartOfDay, TimeAtom } from './time-atoms.ts';
import { tokenize } from './tokenize.ts';
import type { Token } from './tokenize.ts';

export type { ClockTime, PartOfDay } from './time-atoms.ts';

/** The moment due times are resolved against: the call's start and the zone its clock times are in. */
export interface TimeReference {
  /** ISO 8601 with or without an offset, or a bare date `YYYY-MM-DD` when the time of the call is unknown. */
  callStartedAt: string;
  /** IANA zone («Europe/Moscow») for clock times said in the call and for a start without an offset. */
  timeZone: string;
}

/** A working day's landmarks as «HH:MM», and what vague phrases mean. */
export interface TimeOptions {
  /** «до обеда», «к обеду», «в первой половине дня» end here. */
  lunch: string;
  /** «до конца дня», «сегодня», «завтра», «во второй половине дня» end here. */
  dayEnd: string;
  /** «утром» and «с утра» end here. */
  morningEnd: string;
  /** «днём» ends here. */
  afternoonEnd: string;
  /** «вечером», «к вечеру» end here. */
  eveningEnd: string;
  /** «ночью» ends here. */
  nightEnd: string;
  /** Hours below this without «утра»/«вечера» are afternoon hours: «в шесть» is 18:00, «с семи до девяти» is 19–21. */
  earliestMorningHour: number;
  /** ISO weekdays (1 = Monday) that are working days, for «рабочих дней» and «на следующей неделе». */
  workingDays: readonly number[];
  /**
   * Hours after the call by which a vague phrase («в ближайшее время», «позже», «на днях») is due; null
   * leaves such a promise without a due time, since the manager named none.
   */
  vagueDueHours: number | null;
}

export const DEFAULT_TIME_OPTIONS: TimeOptions = {
  lunch: '13:00',
  dayEnd: '18:00',
  morningEnd: '12:00',
  afternoonEnd: '17:00',
  eveningEnd: '21:00',
  nightEnd: '23:59',
  earliestMorningHour: 8,
  workingDays: [1, 2, 3, 4, 5],
  vagueDueHours: null,
};

export type TimePrecision = 'minute' | 'window' | 'part_of_day' | 'day' | 'week' | 'vague';

/** A time expression found in a text and resolved against the call's start. */
export interface TimeExpression {
  /** The phrase as said, unchanged: `text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  firstToken: number;
  lastToken: number;
  /**
   * The latest moment the phrase allows, ISO 8601 with offset: the end of a window («с шести до восьми»
   * → 20:00), of a part of the day, or of the working day for a date alone. Null when the phrase is
   * vague (see `vagueDueHours`), when there is no valid reference, or when a duration under a day is
   * counted from a call whose time of day is unknown.
   */
  due: string | null;
  /** Start of the window when one was said («с шести до восьми» → 18:00), else null. */
  from: string | null;
  precision: TimePrecision;
}

export type ReferenceCheck = { ok: true; dateOnly: boolean } | { ok: false; reason: 'invalid_time_zone' | 'invalid_start' };

/** Validates a time reference; resolution turns every due time to null for an invalid one. */
export function checkTimeReference(reference: TimeReference): ReferenceCheck {
  if (!IANAZone.isValidZone(reference.timeZone)) {
    return { ok: false, reason: 'invalid_time_zone' };
  }
  const start = parseReference(reference);
  return start === null ? { ok: false, reason: 'invalid_start' } : { ok: true, dateOnly: start.dateOnly };
}

interface Anchor {
  now: DateTime;
  dateOnly: boolean;
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/u;

// Parsing a start in a zone costs more than reading a whole utterance, and every utterance of a call
// shares one start, so the last few parsed references are kept.
const recentAnchors = new Map<string, Anchor | null>();
const RECENT_ANCHORS_MAX = 64;

function parseReference(reference: TimeReference): Anchor | null {
  const key = `${reference.callStartedAt}|${reference.timeZone}`;
  if (recentAnchors.has(key)) {
    return recentAnchors.get(key) ?? null;
  }
  const anchor = IANAZone.isValidZone(reference.timeZone) ? parseValidReference(reference) : null;
  if (recentAnchors.size >= RECENT_ANCHORS_MAX) {
    recentAnchors.clear();
  }
  recentAnchors.set(key, anchor);
  return anchor;
}

function parseValidReference(reference: TimeReference): Anchor | null {
  const zone = reference.timeZone;
  if (BARE_DATE.test(reference.callStartedAt)) {
    const date = DateTime.fromISO(reference.callStartedAt, { zone });
    return date.isValid ? { now: date.startOf('day'), dateOnly: true } : null;
  }
  const parsed = DateTime.fromISO(reference.callStartedAt, { zone, setZone: false });
  return parsed.isValid ? { now: parsed.setZone(zone), dateOnly: false } : null;
}

// Atoms further apart than this many words are separate expressions.
const MAX_GAP = 4;

/**
 * Finds and resolves time expressions in a text: «завтра до обеда», «в шесть вечера», «через двадцать
 * минут», «в четверг с шести до восьми», «тридцатого числа». Pieces a few words apart combine into one
 * expression («шестнадцатого февраля понедельник с четырёх до пяти»); each piece kind counts once.
 */
export function findTimeExpressions(
  text: string,
  reference: TimeReference | null,
  options: Partial<TimeOptions> = {},
  tokens: readonly Token[] = tokenize(text),
): TimeExpression[] {
  const settings = { ...DEFAULT_TIME_OPTIONS, ...options };
  const anchor = reference === null ? null : parseReference(reference);
  const atoms = readTimeAtoms(text, tokens, settings.earliestMorningHour);
  return groupAtoms(atoms).map((group) => {
    const firstToken = group[0]?.firstToken ?? 0;
    const lastToken = group.at(-1)?.lastToken ?? firstToken;
    const start = tokens[firstToken]?.start ?? 0;
    const end = tokens[lastToken]?.end ?? start;
    const resolved = anchor === null ? { due: null, from: null, precision: precisionOf(group) } : resolveGroup(group, anchor, settings);
    return { text: text.slice(start, end), start, end, firstToken, lastToken, due: resolved.due, from: resolved.from, precision: resolved.precision };
  });
}

/** Resolves a phrase that is one time expression («завтра до обеда»); null when it contains none. */
export function resolveTimeExpression(phrase: string, reference: TimeReference | null, options: Partial<TimeOptions> = {}): TimeExpression | null {
  return findTimeExpressions(phrase, reference, options)[0] ?? null;
}

function slotOf(atom: TimeAtom): string {
  switch (atom.kind) {
    case 'relativeDay':
    case 'date':
    case 'weekday':
      return 'day';
    case 'clock':
    case 'range':
    case 'partOfDay':
      return 'time';
    default:
      return atom.kind;
  }
}

function groupAtoms(atoms: readonly TimeAtom[]): TimeAtom[][] {
  const groups: TimeAtom[][] = [];
  for (const atom of atoms) {
    const group = groups.at(-1);
    const previous = group?.at(-1);
    const fits =
      group !== undefined &&
      previous !== undefined &&
      atom.firstToken - previous.lastToken - 1 <= MAX_GAP &&
      (compatible(group, atom));
    if (fits) {
      group.push(atom);
    } else {
      groups.push([atom]);
    }
  }
  return groups;
}

// A group takes one day and one time of day; a weekday may join a date or a «сегодня»/«завтра» that
// names the same day («сегодня десятого февраля», «второе марта на понедельник»).
function compatible(group: readonly TimeAtom[], atom: TimeAtom): boolean {
  const slot = slotOf(atom);
  if (atom.kind === 'vague' || atom.kind === 'duration') {
    return false;
  }
  return group.every((member) => {
    if (member.kind === 'vague' || member.kind === 'duration') {
      return false;
    }
    if (slotOf(member) !== slot) {
      return true;
    }
    return slot === 'day' && member.kind !== atom.kind && (member.kind === 'weekday' || atom.kind === 'weekday' || member.kind === 'relativeDay' || atom.kind === 'relativeDay');
  });
}

function precisionOf(group: readonly TimeAtom[]): TimePrecision {
  if (group.some((atom) => atom.kind === 'vague')) {
    return 'vague';
  }
  if (group.some((atom) => atom.kind === 'range')) {
    return 'window';
  }
  if (group.some((atom) => atom.kind === 'clock' || (atom.kind === 'duration' && (atom.unit === 'minute' || atom.unit === 'hour')))) {
    return 'minute';
  }
  if (group.some((atom) => atom.kind === 'partOfDay')) {
    return 'part_of_day';
  }
  if (group.some((atom) => atom.kind === 'week' || atom.kind === 'monthEnd' || (atom.kind === 'duration' && atom.unit !== 'day'))) {
    return 'week';
  }
  return 'day';
}

interface Resolution {
  due: string | null;
  from: string | null;
  precision: TimePrecision;
}

function toIso(moment: DateTime): string {
  return moment.toISO({ suppressMilliseconds: true }) ?? '';
}

function clockOf(value: string): ClockTime {
  const [hour = '0', minute = '0'] = value.split(':');
  return { hour: Number(hour), minute: Number(minute) };
}

function atClock(day: DateTime, time: ClockTime): DateTime {
  if (time.hour >= 24) {
    return day.startOf('day').plus({ days: 1 });
  }
  return day.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
}

function resolveGroup(group: readonly TimeAtom[], anchor: Anchor, options: TimeOptions): Resolution {
  const precision = precisionOf(group);
  const [single] = group;
  if (single?.kind === 'vague') {
    const due = options.vagueDueHours === null || anchor.dateOnly ? null : toIso(anchor.now.plus({ hours: options.vagueDueHours }));
    return { due, from: null, precision };
  }
  if (single?.kind === 'duration') {
    return { due: resolveDuration(single, anchor, options), from: null, precision };
  }
  const day = resolveDay(group, anchor, options);
  const window = resolveTimeOfDay(group, options);
  if (day === null && window === null) {
    return { due: null, from: null, precision };
  }
  if (window === null) {
    return { due: toIso(atClock(day ?? anchor.now, clockOf(options.dayEnd))), from: null, precision };
  }
  if (window.open) {
    return { due: null, from: toIso(atClock(day ?? anchor.now, window.to)), precision };
  }
  let date = day ?? anchor.now.startOf('day');
  // A time of day with no day named is today's, or tomorrow's once it has passed at the call's start.
  if (day === null && !anchor.dateOnly && atClock(date, window.to) <= anchor.now) {
    date = date.plus({ days: 1 });
  }
  const from = window.from === null ? null : toIso(atClock(date, window.from));
  return { due: toIso(atClock(date, window.to)), from, precision };
}

function resolveDay(group: readonly TimeAtom[], anchor: Anchor, options: TimeOptions): DateTime | null {
  const today = anchor.now.startOf('day');
  const date = group.find((atom) => atom.kind === 'date');
  if (date?.kind === 'date') {
    return resolveDate(today, date.day, date.month);
  }
  const nextWeek = group.some((atom) => atom.kind === 'week' && atom.offset === 1);
  const weekday = group.find((atom) => atom.kind === 'weekday');
  if (weekday?.kind === 'weekday') {
    if (weekday.nextWeek || nextWeek) {
      return today.startOf('week').plus({ weeks: 1 }).set({ weekday: weekday.weekday as 1 });
    }
    const ahead = (weekday.weekday - today.weekday + 7) % 7;
    const named = group.some((atom) => atom.kind === 'relativeDay' && atom.days === 0);
    return today.plus({ days: ahead === 0 && !named ? 7 : ahead });
  }
  const relative = group.find((atom) => atom.kind === 'relativeDay');
  if (relative?.kind === 'relativeDay') {
    return today.plus({ days: relative.days });
  }
  const week = group.find((atom) => atom.kind === 'week');
  if (week?.kind === 'week') {
    const lastWorkingDay = Math.max(...options.workingDays);
    return today.startOf('week').plus({ weeks: week.offset }).set({ weekday: lastWorkingDay as 1 });
  }
  if (group.some((atom) => atom.kind === 'monthEnd')) {
    return today.endOf('month').startOf('day');
  }
  return null;
}

// A day of the month without a month is this month's, or next month's once it has passed; a date
// with a month is this year's, or next year's once it has passed by more than a month.
function resolveDate(today: DateTime, dayOfMonth: number, month: number | null): DateTime | null {
  if (month === null) {
    let candidate = today.set({ day: 1 });
    if (dayOfMonth < today.day) {
      candidate = candidate.plus({ months: 1 });
    }
    // «тридцатого» said in February is the 30th of March.
    while (dayOfMonth > (candidate.daysInMonth ?? 31)) {
      candidate = candidate.plus({ months: 1 });
    }
    return candidate.set({ day: dayOfMonth });
  }
  let candidate = DateTime.fromObject({ year: today.year, month, day: dayOfMonth }, { zone: today.zone });
  if (!candidate.isValid) {
    return null;
  }
  if (candidate < today.minus({ months: 1 })) {
    candidate = candidate.plus({ years: 1 });
  }
  return candidate;
}

interface DayWindow {
  from: ClockTime | null;
  to: ClockTime;
  /** «после шести»: a start with no end. */
  open: boolean;
}

function resolveTimeOfDay(group: readonly TimeAtom[], options: TimeOptions): DayWindow | null {
  for (const atom of group) {
    if (atom.kind === 'range') {
      return { from: atom.from, to: atom.to, open: false };
    }
    if (atom.kind === 'clock') {
      return { from: null, to: atom.time, open: atom.boundary === 'after' };
    }
  }
  const part = group.find((atom) => atom.kind === 'partOfDay');
  return part?.kind === 'partOfDay' ? { from: null, to: partEnd(part.part, options), open: false } : null;
}

function partEnd(part: PartOfDay, options: TimeOptions): ClockTime {
  const ends: Record<PartOfDay, string> = {
    morning: options.morningEnd,
    afternoon: options.afternoonEnd,
    evening: options.eveningEnd,
    night: options.nightEnd,
    lunch: options.lunch,
    beforeLunch: options.lunch,
    firstHalf: options.lunch,
    afterLunch: options.dayEnd,
    secondHalf: options.dayEnd,
    endOfDay: options.dayEnd,
  };
  return clockOf(ends[part]);
}

const DURATION_KEYS: Record<DurationUnit, 'minutes' | 'hours' | 'days' | 'weeks' | 'months'> = {
  minute: 'minutes',
  hour: 'hours',
  day: 'days',
  week: 'weeks',
  month: 'months',
};

function resolveDuration(atom: Extract<TimeAtom, { kind: 'duration' }>, anchor: Anchor, options: TimeOptions): string | null {
  if (atom.amount === null) {
    return null;
  }
  const dayEnd = clockOf(options.dayEnd);
  if (atom.unit === 'minute' || atom.unit === 'hour') {
    // From a bare date the call's time of day is unknown, so an offset in minutes or hours has no anchor.
    return anchor.dateOnly ? null : toIso(anchor.now.plus({ [DURATION_KEYS[atom.unit]]: atom.amount }));
  }
  const today = anchor.now.startOf('day');
  if (atom.unit === 'day' && atom.within && atom.amount === 1) {
    return toIso(atClock(today, dayEnd));
  }
  if (atom.businessDays) {
    return toIso(atClock(addWorkingDays(today, atom.amount, options.workingDays), dayEnd));
  }
  return toIso(atClock(today.plus({ [DURATION_KEYS[atom.unit]]: atom.amount }), dayEnd));
}

function addWorkingDays(start: DateTime, count: number, workingDays: readonly number[]): DateTime {
  let day = start;
  let left = Math.max(0, Math.round(count));
  while (left > 0) {
    day = day.plus({ days: 1 });
    if (workingDays.includes(day.weekday)) {
      left--;
    }
  }
  return day;
}
