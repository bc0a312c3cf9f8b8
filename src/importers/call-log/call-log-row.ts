import { parseDurationSec } from '../shared/duration.ts';
import { parseCallDateAndTime, parseCallTime } from '../shared/local-time.ts';
import type { PhoneNumberOptions } from '../shared/phone-number.ts';
import type { RowRejection, TableRow } from '../shared/table.ts';
import type { CallLogColumn } from './call-log-columns.ts';
import { type CallParty, inferDirection, readParty, sidesOf } from './call-log-parties.ts';
import type { CallLogProfile } from './call-log-profiles.ts';
import type { CallLogDirection, CallLogRecord } from './call-log-record.ts';
import { resolveStatus } from './call-log-status.ts';
import { directionOf } from './call-log-values.ts';
import { refineByPbxRules } from './pbx-cdr-rules.ts';

export interface CallLogRowContext {
  profile: CallLogProfile;
  /** Column index of each column found. */
  columns: Partial<Record<CallLogColumn, number>>;
  /** Header text of each column found, for messages. */
  columnNames: Partial<Record<CallLogColumn, string>>;
  timeZone: string;
  phone: PhoneNumberOptions;
  companyNumbers: ReadonlySet<string>;
}

/** A row-level remark that did not stop the row, grouped by `kind` in the import result. */
export interface RowNote {
  kind: string;
  message: string;
}

export type CallLogRowResult =
  | { ok: true; record: CallLogRecord; notes: RowNote[] }
  | { ok: false; rejection: RowRejection };

/** Column values of one row with the helpers the steps share. */
export class RowCells {
  constructor(
    readonly row: TableRow,
    readonly context: CallLogRowContext,
  ) {}

  has(column: CallLogColumn): boolean {
    return this.context.columns[column] !== undefined;
  }

  get(column: CallLogColumn): string {
    const index = this.context.columns[column];
    return index === undefined ? '' : (this.row.cells[index] ?? '').trim();
  }

  reject(column: CallLogColumn | null, message: string): { ok: false; rejection: RowRejection } {
    const name = column === null ? null : (this.context.columnNames[column] ?? column);
    const text = name === null ? message : `столбец «${name}»: ${message}`;
    return { ok: false, rejection: { row: this.row.number, column: name, message: `${capitalize(text)}.` } };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface CallTimes {
  startedAt: string;
  waitSec: number | null;
  durationSec: number | null;
  talkSec: number | null;
  answeredAt: string | null;
}

/** Turns one table row into a call log record, or returns a Russian rejection with the reason. */
export function interpretCallLogRow(row: TableRow, context: CallLogRowContext): CallLogRowResult {
  const cells = new RowCells(row, context);
  const notes: RowNote[] = [];

  const times = readTimes(cells);
  if (!times.ok) return times;

  const parties = readParties(cells);
  const direction = readDirection(cells, parties);
  if (!direction.ok) return direction;

  const { client, manager } = sidesOf(direction.value, parties.from, parties.to);
  const clientPhone = readClientPhone(cells, client, notes);

  const status = resolveStatus(cells, direction.value, times.value, notes);
  if (!status.ok) return status;

  const record: CallLogRecord = {
    externalId: cells.get('id') || null,
    startedAt: times.value.startedAt,
    direction: direction.value,
    manager: personOf(cells.get('manager')) ?? manager.name,
    managerExtension: cells.get('extension') || (manager.kind === 'extension' ? manager.extension : null),
    clientPhone,
    answered: status.value.status === 'answered',
    status: status.value.status,
    waitSec: times.value.waitSec,
    durationSec: times.value.durationSec,
    talkSec: times.value.talkSec,
    ...readRecording(cells.get('recording')),
    source: context.profile.format,
    sourceStatus: status.value.sourceStatus,
    row: row.number,
  };
  refineByPbxRules(record, cells, parties, notes);
  record.manager ??= record.managerExtension;
  return { ok: true, record, notes };
}

function readTimes(cells: RowCells): { ok: true; value: CallTimes } | { ok: false; rejection: RowRejection } {
  const { timeZone } = cells.context;
  let start;
  let startColumn: CallLogColumn;
  if (cells.has('startedAt')) {
    startColumn = 'startedAt';
    start = parseCallTime(cells.get('startedAt'), timeZone);
  } else if (cells.has('date')) {
    startColumn = 'date';
    start = parseCallDateAndTime(cells.get('date'), cells.get('time'), timeZone);
  } else {
    return cells.reject(null, 'в файле нет столбца с датой и временем звонка');
  }
  if (!start.ok) return cells.reject(startColumn, start.message);

  const answer = readOptionalTime(cells, 'answerTime');
  if (!answer.ok) return answer;
  const end = readOptionalTime(cells, 'endTime');
  if (!end.ok) return end;

  const seconds: Partial<Record<'waitSec' | 'durationSec' | 'talkSec', number | null>> = {};
  for (const column of ['waitSec', 'durationSec', 'talkSec'] as const) {
    const text = cells.get(column);
    if (text === '') {
      seconds[column] = null;
      continue;
    }
    const parsed = parseDurationSec(text);
    if (!parsed.ok) return cells.reject(column, parsed.message);
    seconds[column] = parsed.seconds;
  }
  // A log with an answer-time column leaves it empty (or 0) for an unanswered call.
  if (cells.has('answerTime') && answer.iso === null) seconds.talkSec ??= 0;
  return { ok: true, value: completeTimes(start.iso, answer.iso, end.iso, seconds) };
}

function readOptionalTime(cells: RowCells, column: 'answerTime' | 'endTime'): { ok: true; iso: string | null } | { ok: false; rejection: RowRejection } {
  const text = cells.get(column);
  // Mango writes 0 and Asterisk leaves the field empty for an unanswered call.
  if (text === '' || text === '0') return { ok: true, iso: null };
  const parsed = parseCallTime(text, cells.context.timeZone);
  return parsed.ok ? { ok: true, iso: parsed.iso } : cells.reject(column, parsed.message);
}

/** Fills the durations a log leaves out from the ones it gives and from the answer and end times. */
function completeTimes(
  startedAt: string,
  answeredAt: string | null,
  endedAt: string | null,
  seconds: Partial<Record<'waitSec' | 'durationSec' | 'talkSec', number | null>>,
): CallTimes {
  const between = (from: string, to: string): number => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  let durationSec = seconds.durationSec ?? (endedAt === null ? null : between(startedAt, endedAt));
  let talkSec = seconds.talkSec ?? (answeredAt !== null && endedAt !== null ? between(answeredAt, endedAt) : null);
  let waitSec = seconds.waitSec ?? (answeredAt === null ? null : between(startedAt, answeredAt));
  if (talkSec === null && durationSec !== null && waitSec !== null) talkSec = Math.max(0, durationSec - waitSec);
  if (waitSec === null && durationSec !== null && talkSec !== null) waitSec = Math.max(0, durationSec - talkSec);
  if (durationSec === null && waitSec !== null && talkSec !== null) durationSec = waitSec + talkSec;
  return { startedAt, waitSec, durationSec, talkSec, answeredAt };
}

export interface RowParties {
  from: CallParty;
  to: CallParty;
}

function readParties(cells: RowCells): RowParties {
  const options = cells.context.phone;
  const fromText = cells.has('from') ? cells.get('from') : cells.get('callerId');
  let from = readParty(fromText, options);
  let to = readParty(cells.get('to'), options);
  // Mango statistics name the extension in a column of its own, next to the public number.
  const fromExtension = cells.get('fromExtension');
  const toExtension = cells.get('toExtension');
  if (fromExtension !== '') from = { kind: 'extension', extension: fromExtension, name: from.name };
  if (toExtension !== '') to = { kind: 'extension', extension: toExtension, name: to.name };
  if (cells.has('from') && cells.has('callerId') && from.name === null) {
    from = { ...from, name: readParty(cells.get('callerId'), options).name };
  }
  return { from, to };
}

function readDirection(cells: RowCells, parties: RowParties): { ok: true; value: CallLogDirection } | { ok: false; rejection: RowRejection } {
  const text = cells.get('direction');
  const written = text === '' ? null : directionOf(text, cells.context.profile.directionValues);
  if (written !== null) return { ok: true, value: written };

  const line = readParty(cells.get('lineNumber'), cells.context.phone);
  const companyNumbers = line.kind === 'public' ? new Set([...cells.context.companyNumbers, line.e164]) : cells.context.companyNumbers;
  const inferred = inferDirection({ ...parties, companyNumbers }) ?? pbxContextDirection(cells.get('context'));
  if (inferred !== null) return { ok: true, value: inferred };
  if (text !== '') return cells.reject('direction', `неизвестный тип звонка «${text}»`);
  return cells.reject(null, 'не удалось определить направление звонка: в строке нет внутреннего номера, а номера компании не указаны в настройках импорта');
}

/**
 * Dialplan contexts that show where a call came from when the numbers do not: FreePBX routes trunk calls
 * through `from-trunk`/`from-pstn`/`from-did`, FreeSWITCH through `public`.
 */
function pbxContextDirection(context: string): CallLogDirection | null {
  const value = context.toLowerCase();
  if (value === '') return null;
  if (/from-(?:trunk|pstn|did|external)|ext-did|inbound|incoming|^public$/.test(value)) return 'inbound';
  if (/from-internal|outbound|outrt|^default$/.test(value)) return 'outbound';
  return null;
}

function readClientPhone(cells: RowCells, side: CallParty | null, notes: RowNote[]): string | null {
  const written = cells.get('clientPhone');
  const party = written === '' ? side : readParty(written, cells.context.phone);
  if (party === null) return null;
  switch (party.kind) {
    case 'public':
      return party.e164;
    case 'extension':
      notes.push({ kind: 'client-extension', message: `номер клиента «${party.extension}» — внутренний номер АТС` });
      return null;
    case 'empty':
      notes.push({ kind: 'client-hidden', message: 'номер клиента скрыт или не указан' });
      return null;
    case 'invalid':
      notes.push({ kind: 'client-invalid', message: party.message });
      return null;
  }
}

/** Reads a person's name, exports put a dash where no employee took the call. */
function personOf(text: string): string | null {
  return /^[\s\-–—]*$/.test(text) ? null : text;
}

function readRecording(text: string): { recordingUrl: string | null; recordingFile: string | null } {
  // Mango statistics list recording ids in brackets (`[MToxMDA1...,MToxMDA2...]`), and the first one is kept.
  const value = text.replace(/^\[|\]$/g, '').split(',')[0]?.trim() ?? '';
  if (value === '') return { recordingUrl: null, recordingFile: null };
  if (/^https?:\/\//i.test(value)) return { recordingUrl: value, recordingFile: null };
  return { recordingUrl: null, recordingFile: value };
}
