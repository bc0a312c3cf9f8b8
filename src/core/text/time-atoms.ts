import { CARDINALS, MONTHS, ORDINALS } from './number-words.ts';
import { readNumberAt } from './numbers.ts';
import type { Token } from './tokenize.ts';

/** A clock time said in the call, 0–24 hours. */
export interface ClockTime {
  hour: number;
  minute: number;
}

export type PartOfDay =
  | 'morning'
  | 'afternoon'
  | 'evening'
  | 'night'
  | 'lunch'
  | 'beforeLunch'
  | 'afterLunch'
  | 'endOfDay'
  | 'firstHalf'
  | 'secondHalf';

export type DurationUnit = 'minute' | 'hour' | 'day' | 'week' | 'month';

/** One piece of a time expression; pieces next to each other combine into one due time. */
export type TimeAtom = (
  | { kind: 'relativeDay'; days: number }
  | { kind: 'weekday'; weekday: number; nextWeek: boolean }
  | { kind: 'week'; offset: number; end: boolean }
  | { kind: 'monthEnd' }
  | { kind: 'date'; day: number; month: number | null }
  | { kind: 'partOfDay'; part: PartOfDay }
  | { kind: 'clock'; time: ClockTime; boundary: 'at' | 'by' | 'after'; explicitPeriod: boolean }
  | { kind: 'range'; from: ClockTime; to: ClockTime }
  | { kind: 'duration'; amount: number | null; unit: DurationUnit; businessDays: boolean; within: boolean }
  | { kind: 'vague' }
) & { firstToken: number; lastToken: number };

type AtomBody = TimeAtom extends infer Atom ? (Atom extends TimeAtom ? Omit<Atom, 'firstToken' | 'lastToken'> : never) : never;

interface Reader {
  text: string;
  tokens: readonly Token[];
  /** Hours below this without «утра», «вечера» are afternoon hours: «в шесть» is 18:00 in a business call. */
  earliestMorningHour: number;
}

const WEEKDAYS: readonly [RegExp, number][] = [
  [/^понедельник(?:а|у|ом|е|и)?$/u, 1], [/^вторник(?:а|у|ом|е|и)?$/u, 2], [/^сред(?:а|у|ы|е|ой)$/u, 3],
  [/^четверг(?:а|у|ом|е|и)?$/u, 4], [/^пятниц(?:а|у|ы|е|ей)$/u, 5], [/^суббот(?:а|у|ы|е|ой)$/u, 6],
  [/^воскресень(?:е|я|ю|ем)$/u, 7],
];

const UNITS: readonly [RegExp, DurationUnit][] = [
  [/^минут(?:а|ы|у|ой|е|ам|ами|ах|ка|ки|ку|ок|очку|очки|очек)?$/u, 'minute'],
  [/^час(?:а|у|ом|е|ов|ам|ами|ах|ик|ика|иков|ок|ка)?$/u, 'hour'],
  [/^(?:день|дня|дню|днем|дне|дней|дням|днями|денек|денька|деньков)$/u, 'day'],
  [/^недел(?:я|и|ю|ей|е|ь|ям|ьку|ьки)$/u, 'week'],
  [/^месяц(?:а|у|ем|е|ы|ев|ам)?$/u, 'month'],
];

const SINGLE_UNIT: Readonly<Record<string, [number, DurationUnit]>> = {
  полчаса: [30, 'minute'], получаса: [30, 'minute'], полчасика: [30, 'minute'], часик: [1, 'hour'], часок: [1, 'hour'],
  минутку: [1, 'minute'], минуточку: [1, 'minute'], денек: [1, 'day'], недельку: [1, 'week'], сутки: [24, 'hour'], суток: [24, 'hour'],
};

// Nouns that may follow a clock time without making it a count of something else («в шесть мастер
// придёт»); any other noun after a bare number means a quantity («в два раза», «до пятидесяти устройств»).
const NOUNS_AFTER_CLOCK = /^(?:час|утро|день|вечер|ночь|минута|мастер|специалист|техник|техника|монтажник|сотрудник|курьер|инженер|звонок|число|сегодня|завтра)$/u;

const PERIODS: Readonly<Record<string, 'morning' | 'day' | 'evening' | 'night'>> = {
  утра: 'morning', утром: 'morning', дня: 'day', днем: 'day', вечера: 'evening', вечером: 'evening', ночи: 'night', ночью: 'night',
};

const VAGUE_PHRASES: readonly string[][] = [
  ['в', 'ближайшее', 'время'], ['в', 'самое', 'ближайшее', 'время'], ['в', 'ближайшие', 'дни'], ['в', 'ближайшие', 'сроки'],
  ['в', 'скором', 'времени'], ['как', 'можно', 'скорее'], ['как', 'можно', 'быстрее'], ['на', 'днях'], ['чуть', 'позже'],
  ['чуть', 'попозже'], ['попозже'], ['позже'], ['позднее'], ['заранее'], ['скоро'], ['в', 'ближайшее'],
];

const PART_PHRASES: readonly [string[], PartOfDay][] = [
  [['до', 'конца', 'рабочего', 'дня'], 'endOfDay'], [['до', 'конца', 'дня'], 'endOfDay'], [['к', 'концу', 'рабочего', 'дня'], 'endOfDay'],
  [['к', 'концу', 'дня'], 'endOfDay'], [['в', 'конце', 'дня'], 'endOfDay'], [['в', 'течение', 'рабочего', 'дня'], 'endOfDay'],
  [['во', 'второй', 'половине', 'дня'], 'secondHalf'], [['в', 'первой', 'половине', 'дня'], 'firstHalf'],
  [['до', 'обеда'], 'beforeLunch'], [['к', 'обеду'], 'beforeLunch'], [['перед', 'обедом'], 'beforeLunch'], [['после', 'обеда'], 'afterLunch'],
  [['в', 'обед'], 'lunch'], [['в', 'обеденное', 'время'], 'lunch'], [['ближе', 'к', 'вечеру'], 'evening'], [['к', 'вечеру'], 'evening'],
  [['с', 'утра'], 'morning'], [['утром'], 'morning'], [['днем'], 'afternoon'], [['вечером'], 'evening'], [['вечерком'], 'evening'],
  [['ночью'], 'night'],
];

const WEEK_PHRASES: readonly [string[], number, boolean][] = [
  [['на', 'следующей', 'неделе'], 1, false], [['следующей', 'неделе'], 1, false], [['на', 'следующую', 'неделю'], 1, false],
  [['на', 'этой', 'неделе'], 0, false], [['до', 'конца', 'недели'], 0, true], [['к', 'концу', 'недели'], 0, true],
  [['до', 'конца', 'следующей', 'недели'], 1, true], [['в', 'конце', 'недели'], 0, true], [['на', 'неделе'], 0, false],
];

const CLOCK_PREPOSITIONS: Readonly<Record<string, 'at' | 'by' | 'after'>> = {
  в: 'at', во: 'at', на: 'at', около: 'at', примерно: 'at', часам: 'by', к: 'by', до: 'by', после: 'after',
};

// Words an atom can start with, so that the readers run only where one may begin: a call is long and
// most of its words are not about time.
const START_WORDS: ReadonlySet<string> = new Set([
  ...WEEK_PHRASES.map(([words]) => words[0] ?? ''),
  ...PART_PHRASES.map(([words]) => words[0] ?? ''),
  ...VAGUE_PHRASES.map((words) => words[0] ?? ''),
  ...Object.keys(CLOCK_PREPOSITIONS),
  ...Object.keys(SINGLE_UNIT),
  'сегодня', 'завтра', 'послезавтра', 'через', 'с', 'со', 'по', 'половине', 'пол', 'полдень', 'полудня', 'час', 'часу', 'районе',
]);
const START_PATTERN = /^(?:\d|понедельник|вторник|сред|четверг|пятниц|суббот|воскресень|минут|час|дн|сутк|недел|месяц|сегодняшн|завтрашн|послезавтрашн|следующ)/u;

function mayStartAtom(norm: string): boolean {
  return START_WORDS.has(norm) || CARDINALS.has(norm) || ORDINALS.has(norm) || START_PATTERN.test(norm);
}

/** Reads the time-expression pieces of a text, in order, never two at one position. */
export function readTimeAtoms(text: string, tokens: readonly Token[], earliestMorningHour: number): TimeAtom[] {
  const reader: Reader = { text, tokens, earliestMorningHour };
  const atoms: TimeAtom[] = [];
  for (let index = 0; index < tokens.length; index++) {
    if (!mayStartAtom(tokens[index]?.norm ?? '')) {
      continue;
    }
    const atom = readAtomAt(reader, index);
    if (atom !== null) {
      atoms.push(atom);
      index = atom.lastToken;
    }
  }
  return atoms;
}

function readAtomAt(reader: Reader, index: number): TimeAtom | null {
  return (
    readPhraseAtom(reader.tokens, index) ??
    readRelativeDay(reader.tokens, index) ??
    readWeekday(reader.tokens, index) ??
    readDuration(reader, index) ??
    readRange(reader, index) ??
    readDate(reader, index) ??
    readClockAtom(reader, index)
  );
}

function at(tokens: readonly Token[], index: number): string {
  return tokens[index]?.norm ?? '';
}

function matchWords(tokens: readonly Token[], index: number, words: readonly string[]): boolean {
  return words.every((word, offset) => at(tokens, index + offset) === word);
}

function atom(body: AtomBody, firstToken: number, lastToken: number): TimeAtom {
  return { ...body, firstToken, lastToken };
}

function readPhraseAtom(tokens: readonly Token[], index: number): TimeAtom | null {
  for (const [words, offset, end] of WEEK_PHRASES) {
    if (matchWords(tokens, index, words)) {
      return atom({ kind: 'week', offset, end }, index, index + words.length - 1);
    }
  }
  if (matchWords(tokens, index, ['до', 'конца', 'месяца']) || matchWords(tokens, index, ['к', 'концу', 'месяца'])) {
    return atom({ kind: 'monthEnd' }, index, index + 2);
  }
  for (const [words, part] of PART_PHRASES) {
    if (matchWords(tokens, index, words)) {
      return atom({ kind: 'partOfDay', part }, index, index + words.length - 1);
    }
  }
  for (const words of VAGUE_PHRASES) {
    if (matchWords(tokens, index, words)) {
      return atom({ kind: 'vague' }, index, index + words.length - 1);
    }
  }
  return null;
}

function readRelativeDay(tokens: readonly Token[], index: number): TimeAtom | null {
  const word = at(tokens, index);
  const days = { сегодня: 0, завтра: 1, послезавтра: 2 }[word];
  if (days !== undefined) {
    return atom({ kind: 'relativeDay', days }, index, index);
  }
  // «на следующий день» is the day after the call.
  if (/^следующ(?:ий|его|ему|ем)$/u.test(word) && /^(?:день|дня|дню|днем)$/u.test(at(tokens, index + 1))) {
    return atom({ kind: 'relativeDay', days: 1 }, index, index + 1);
  }
  const adjective = /^(сегодняшн|завтрашн|послезавтрашн)(?:ий|его|ему|им|ем|яя|юю|ей)$/u.exec(word);
  if (adjective !== null && /^(?:день|дня|дню|днем)$/u.test(at(tokens, index + 1))) {
    const offset = { сегодняшн: 0, завтрашн: 1, послезавтрашн: 2 }[adjective[1] as 'сегодняшн'];
    return atom({ kind: 'relativeDay', days: offset }, index, index + 1);
  }
  return null;
}

function readWeekday(tokens: readonly Token[], index: number): TimeAtom | null {
  let position = index;
  let nextWeek = false;
  if (/^(?:в|во|на|к|до|по|с|со)$/u.test(at(tokens, position))) {
    position++;
  }
  if (/^следующ(?:ий|ую|ее|его|ей|ему)$/u.test(at(tokens, position))) {
    nextWeek = true;
    position++;
  }
  const word = at(tokens, position);
  const weekday = WEEKDAYS.find(([pattern]) => pattern.test(word))?.[1];
  if (weekday === undefined) {
    return null;
  }
  return atom({ kind: 'weekday', weekday, nextWeek }, index, position);
}

function readUnit(word: string): DurationUnit | null {
  return UNITS.find(([pattern]) => pattern.test(word))?.[1] ?? null;
}

// «через двадцать минут», «через пару часиков», «в течение трёх рабочих дней», and the inverted
// approximate order of speech: «минут через двадцать», «в течение минут тридцати».
function readDuration(reader: Reader, index: number): TimeAtom | null {
  const { tokens } = reader;
  let position = index;
  let within: boolean;
  if (at(tokens, position) === 'через') {
    within = false;
    position++;
  } else if (matchWords(tokens, position, ['в', 'течение']) || matchWords(tokens, position, ['в', 'пределах'])) {
    within = true;
    position += 2;
  } else {
    const unit = readUnit(at(tokens, index));
    if (unit !== null && at(tokens, index + 1) === 'через') {
      const amount = readAmount(reader, index + 2);
      if (amount !== null && amount.value !== null) {
        return atom({ kind: 'duration', amount: amount.value, unit, businessDays: false, within: false }, index, amount.last);
      }
    }
    return null;
  }
  const single = SINGLE_UNIT[at(tokens, position)];
  if (single !== undefined) {
    return atom({ kind: 'duration', amount: single[0], unit: single[1], businessDays: false, within }, index, position);
  }
  const invertedUnit = readUnit(at(tokens, position));
  if (invertedUnit !== null) {
    const amount = readAmount(reader, position + 1);
    if (amount !== null && amount.value !== null) {
      return atom({ kind: 'duration', amount: amount.value, unit: invertedUnit, businessDays: false, within }, index, amount.last);
    }
    return atom({ kind: 'duration', amount: 1, unit: invertedUnit, businessDays: false, within }, index, position);
  }
  const amount = readAmount(reader, position);
  if (amount === null) {
    return null;
  }
  position = amount.last + 1;
  const businessDays = /^рабоч(?:их|ий|их|ему|им)$/u.test(at(tokens, position));
  if (businessDays) {
    position++;
  }
  // «двое суток» is 48 hours, not two working days.
  if (/^сут(?:ки|ок|кам)$/u.test(at(tokens, position))) {
    const hours = amount.value === null ? null : amount.value * 24;
    return atom({ kind: 'duration', amount: hours, unit: 'hour', businessDays: false, within }, index, position);
  }
  const unit = readUnit(at(tokens, position));
  if (unit === null) {
    return null;
  }
  return atom({ kind: 'duration', amount: amount.value, unit, businessDays, within }, index, position);
}

/** Collective numerals, said with «сутки» and with nouns of people: «двое суток», «трое суток». */
const COLLECTIVES: Readonly<Record<string, number>> = {
  двое: 2, двоих: 2, трое: 3, троих: 3, четверо: 4, четверых: 4, пятеро: 5, пятерых: 5, шестеро: 6, семеро: 7,
};

function readAmount(reader: Reader, index: number): { value: number | null; last: number } | null {
  const word = at(reader.tokens, index);
  if (/^(?:пару|пара|пары|парочку)$/u.test(word)) {
    return { value: 2, last: index };
  }
  if (/^(?:несколько|нескольких|пару-тройку)$/u.test(word)) {
    return { value: null, last: index };
  }
  const collective = COLLECTIVES[word];
  if (collective !== undefined) {
    return { value: collective, last: index };
  }
  const mention = readNumberAt(reader.text, reader.tokens, index);
  if (mention === null || mention.ordinal) {
    return null;
  }
  return { value: mention.value, last: mention.lastToken };
}

interface ClockRead {
  time: ClockTime;
  last: number;
  period: 'morning' | 'day' | 'evening' | 'night' | null;
}

// «шесть», «шесть тридцать», «девятнадцать ноль ноль», «шести часов вечера», «18:00», «в половине седьмого».
function readClock(reader: Reader, index: number): ClockRead | null {
  const { tokens, text } = reader;
  let hour: number;
  let minute = 0;
  let last: number;
  const word = at(tokens, index);
  if (word === 'половине' || word === 'пол') {
    const next = readNumberAt(text, tokens, index + 1);
    if (next?.ordinal !== true || next.value < 1 || next.value > 24) {
      return null;
    }
    hour = next.value - 1;
    minute = 30;
    last = next.lastToken;
  } else if (word === 'полдень' || word === 'полудня') {
    return { time: { hour: 12, minute: 0 }, last: index, period: 'day' };
  } else if ((word === 'час' || word === 'часу') && PERIODS[at(tokens, index + 1)] !== undefined) {
    hour = 1;
    last = index;
  } else {
    const mention = readNumberAt(text, tokens, index);
    if (mention === null || mention.ordinal || mention.value >= 25) {
      return null;
    }
    if (mention.source === 'digits' && mention.digits.includes('.')) {
      const [hours = '', minutes = ''] = mention.digits.split('.');
      if (minutes.length !== 2) {
        return null;
      }
      hour = Number(hours);
      minute = Number(minutes);
    } else if (Number.isInteger(mention.value)) {
      hour = mention.value;
    } else {
      return null;
    }
    last = mention.lastToken;
  }
  ({ minute, last } = readMinutes(reader, last, minute));
  const period = PERIODS[at(tokens, last + 1)] ?? null;
  if (period !== null) {
    last++;
  }
  if (hour > 24 || minute > 59) {
    return null;
  }
  return { time: { hour, minute }, last, period };
}

function readMinutes(reader: Reader, last: number, minute: number): { minute: number; last: number } {
  const { tokens, text } = reader;
  const hourToken = tokens[last];
  const next = tokens[last + 1];
  // «18:00» is two digit tokens with a colon between them.
  if (hourToken !== undefined && next !== undefined && text[hourToken.end] === ':' && next.start === hourToken.end + 1 && /^\d{2}$/u.test(next.norm)) {
    return { minute: Number(next.norm), last: last + 1 };
  }
  let position = last + 1;
  if (/^(?:час|часа|часов)$/u.test(at(tokens, position))) {
    position++;
  }
  const minutes = readNumberAt(text, tokens, position);
  if (minutes === null || minutes.ordinal || minutes.value > 59 || minutes.source === 'digits') {
    return { minute, last: position - 1 };
  }
  // «ноль ноль», «ноль пять»: dictated minutes.
  if (minutes.value === 0) {
    const second = readNumberAt(text, tokens, minutes.lastToken + 1);
    if (second !== null && !second.ordinal && second.value < 10) {
      return { minute: second.value, last: skipMinuteWord(tokens, second.lastToken) };
    }
    return { minute: 0, last: skipMinuteWord(tokens, minutes.lastToken) };
  }
  if (minutes.value < 10 && at(tokens, minutes.lastToken + 1) !== 'минут') {
    return { minute, last: position - 1 };
  }
  return { minute: minutes.value, last: skipMinuteWord(tokens, minutes.lastToken) };
}

function skipMinuteWord(tokens: readonly Token[], last: number): number {
  return /^минут(?:а|ы)?$/u.test(at(tokens, last + 1)) ? last + 1 : last;
}

/** Moves an hour said without «утра»/«вечера» to where a business day has it. */
export function applyPeriod(hour: number, period: ClockRead['period'], earliestMorningHour: number): number {
  if (period === 'evening' || period === 'day') {
    return hour < 12 && !(period === 'day' && hour >= 11) ? hour + 12 : hour;
  }
  if (period === 'night') {
    return hour === 12 ? 0 : hour;
  }
  if (period === 'morning') {
    return hour;
  }
  return hour < earliestMorningHour ? hour + 12 : hour;
}

function clockFollowedByQuantityNoun(reader: Reader, last: number): boolean {
  const next = reader.tokens[last + 1];
  if (next === undefined) {
    return false;
  }
  // Without morphology in this module, a following word is judged by its ending and the list above.
  return /^(?:раз|раза|рублей|рубля|процентов|процента|устройств|штук|метров|мегабит|человек|квартир|канала|каналов|тарифа|дней|недель|месяцев|лет|года|номер|копеек)$/u.test(next.norm) && !NOUNS_AFTER_CLOCK.test(next.norm);
}

function readRange(reader: Reader, index: number): TimeAtom | null {
  const { tokens } = reader;
  if (!/^(?:с|со)$/u.test(at(tokens, index))) {
    return null;
  }
  const from = readClock(reader, index + 1);
  if (from === null || !/^(?:до|по)$/u.test(at(tokens, from.last + 1))) {
    return null;
  }
  const to = readClock(reader, from.last + 2);
  if (to === null || clockFollowedByQuantityNoun(reader, to.last)) {
    return null;
  }
  const period = to.period ?? from.period;
  let fromHour = applyPeriod(from.time.hour, from.period ?? period, reader.earliestMorningHour);
  let toHour = applyPeriod(to.time.hour, to.period ?? period, reader.earliestMorningHour);
  if (period === null) {
    // «с семи до девяти»: the window is evening when its start would be before the working day.
    fromHour = from.time.hour;
    toHour = to.time.hour;
    if (fromHour < reader.earliestMorningHour && toHour <= 12) {
      fromHour += 12;
      toHour = toHour === 12 ? 12 : toHour + 12;
    }
  }
  if (toHour < fromHour || toHour > 24) {
    return null;
  }
  return atom({ kind: 'range', from: { hour: fromHour, minute: from.time.minute }, to: { hour: toHour, minute: to.time.minute } }, index, to.last);
}

// NOTE: «до двух часов» is read as a clock time (14:00) even where it bounds a duration
// («подключение может занять до двух часов»); the words alone do not tell the two apart.
function readClockAtom(reader: Reader, index: number): TimeAtom | null {
  const { tokens } = reader;
  const word = at(tokens, index);
  let boundary = CLOCK_PREPOSITIONS[word];
  let position = index + 1;
  if (boundary === undefined) {
    return null;
  }
  // «часам к шести», «в районе шести», «где-то к шести».
  if (/^(?:к|около|примерно)$/u.test(at(tokens, position))) {
    position++;
  } else if (matchWords(tokens, position, ['районе'])) {
    position++;
  }
  if (word === 'примерно' && at(tokens, position) === 'в') {
    position++;
    boundary = 'at';
  }
  const clock = readClock(reader, position);
  if (clock === null || clockFollowedByQuantityNoun(reader, clock.last)) {
    return null;
  }
  const spokenBare = clock.period === null && clock.last === position && !/^\d/u.test(at(tokens, position));
  // A bare number word after «на» or «около» is too often a count («на два», «около пяти тысяч»), and
  // «одну»/«одна» never name an hour: they take «часов», «утра», «вечера» or minutes to be a clock time.
  const countLike = word !== 'в' && word !== 'во';
  if (spokenBare && boundary === 'at' && (countLike || at(tokens, position).startsWith("одн")) && !/^(?:часов|часа|час)$/u.test(at(tokens, clock.last + 1))) {
    return null;
  }
  const hour = applyPeriod(clock.time.hour, clock.period, reader.earliestMorningHour);
  const last = /^(?:часов|часа|час)$/u.test(at(tokens, clock.last + 1)) ? clock.last + 1 : clock.last;
  return atom({ kind: 'clock', time: { hour, minute: clock.time.minute }, boundary, explicitPeriod: clock.period !== null }, index, last);
}

// «тридцатого числа», «двадцать второе число», «десятого февраля», «на девятнадцатое», «22-го».
function readDate(reader: Reader, index: number): TimeAtom | null {
  const { tokens, text } = reader;
  let position = index;
  const hasPreposition = /^(?:на|к|до|с|со|по|в)$/u.test(at(tokens, position));
  if (hasPreposition) {
    position++;
  }
  const mention = readNumberAt(text, tokens, position);
  if (mention?.ordinal !== true || mention.value < 1 || mention.value > 31 || !Number.isInteger(mention.value)) {
    return null;
  }
  let last = mention.lastToken;
  const next = at(tokens, last + 1);
  const month = MONTHS.get(next) ?? null;
  if (month !== null) {
    return atom({ kind: 'date', day: mention.value, month }, index, last + 1);
  }
  if (/^(?:число|числа|числу|числом|числе)$/u.test(next)) {
    last++;
    const monthAfter = MONTHS.get(at(tokens, last + 1)) ?? null;
    return atom({ kind: 'date', day: mention.value, month: monthAfter }, index, monthAfter === null ? last : last + 1);
  }
  const lastWord = at(tokens, mention.lastToken);
  if (hasPreposition && (/(?:ое|ье|ого|ьего)$/u.test(lastWord) || /^\d+-(?:е|го|ое)$/u.test(lastWord)) && readUnit(next) === null) {
    return atom({ kind: 'date', day: mention.value, month: null }, index, last);
  }
  return null;
}
