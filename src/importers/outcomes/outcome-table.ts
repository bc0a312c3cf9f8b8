import type { CountryCode } from 'libphonenumber-js';

import { AppError } from '../../lib/app-error.ts';
import type { Delimiter } from '../shared/delimited-table.ts';
import { type ColumnAliases, findHeaderRow } from '../shared/header-columns.ts';
import { isKnownTimeZone, parseCalendarDate, parseCallTime } from '../shared/local-time.ts';
import { normalizePhoneNumber } from '../shared/phone-number.ts';
import { summarizeRowNotes } from '../shared/row-notes.ts';
import { isBlankRow, type RowRejection, type Table, type TableRow } from '../shared/table.ts';
import type { OutcomeImportResult } from './outcome-records.ts';

export interface OutcomeImportOptions {
  /** IANA zone of times written without an offset. Default `Europe/Moscow`. */
  timeZone?: string;
  /** Country of numbers written without a country code. Default `RU`. */
  defaultCountry?: CountryCode;
  delimiter?: Delimiter;
  sheet?: string;
}

/** Column names shared by NPS and deal exports: who the client is and when. */
export const CLIENT_ALIASES = {
  clientPhone: ['телефон', 'номер телефона', 'телефон клиента', 'номер клиента', 'мобильный телефон', 'phone', 'phone number', 'client phone', 'mobile'],
  clientId: [
    'id клиента', 'код клиента', 'клиент id', 'id контакта', 'контакт id', 'client id', 'client_id', 'customer id', 'customer_id',
    'contact id', 'contact_id', 'user id',
  ],
} as const;

export type ClientColumn = keyof typeof CLIENT_ALIASES;

/** One row's cells by column, with a Russian rejection in the shape every importer reports. */
export class OutcomeRow<Column extends string> {
  constructor(
    readonly row: TableRow,
    private readonly columns: Partial<Record<Column, number>>,
    private readonly header: readonly string[],
  ) {}

  get(column: Column): string {
    const index = this.columns[column];
    return index === undefined ? '' : (this.row.cells[index] ?? '').trim();
  }

  has(column: Column): boolean {
    return this.columns[column] !== undefined;
  }

  reject(column: Column | null, message: string): { ok: false; rejection: RowRejection } {
    const index = column === null ? undefined : this.columns[column];
    const name = index === undefined ? null : (this.header[index] ?? column);
    const text = name === null ? message : `столбец «${name}»: ${message}`;
    return { ok: false, rejection: { row: this.row.number, column: name, message: `${text.charAt(0).toUpperCase()}${text.slice(1)}.` } };
  }
}

export type OutcomeRowResult<T> = { ok: true; record: T; notes: { kind: string; message: string }[] } | { ok: false; rejection: RowRejection };

export interface OutcomeReader<Column extends string, T> {
  /** Russian name of what the file holds, for messages: «ответы NPS», «сделки». */
  title: string;
  aliases: ColumnAliases<Column>;
  /** Columns without which the file is not this kind of file. */
  required: readonly Column[][];
  readRow(row: OutcomeRow<Column>, context: OutcomeContext): OutcomeRowResult<T>;
}

export interface OutcomeContext {
  timeZone: string;
  defaultCountry: CountryCode;
}

/** Runs a reader over a table: finds the header, reads each row, collects rejections and warnings. */
export function importOutcomeTable<Column extends string, T>(
  table: Table,
  fileName: string,
  reader: OutcomeReader<Column, T>,
  options: OutcomeImportOptions,
): OutcomeImportResult<T> {
  const timeZone = options.timeZone ?? 'Europe/Moscow';
  if (!isKnownTimeZone(timeZone)) {
    throw new AppError('INVALID_INPUT', `Неизвестный часовой пояс «${timeZone}». Укажите зону IANA, например Europe/Moscow.`);
  }
  if (table.rows.every(isBlankRow)) {
    throw new AppError('INVALID_INPUT', `Файл ${fileName} пуст: в нём нет ни одной строки с данными.`);
  }
  const header = findHeaderRow(table.rows, [reader.aliases]);
  const found = header === null ? [] : Object.keys(header.columns);
  if (header === null || !reader.required.every((anyOf) => anyOf.some((column) => found.includes(column)))) {
    throw new AppError('UNSUPPORTED_FORMAT', `Файл ${fileName} не похож на ${reader.title}: не найдены нужные столбцы (${describeRequired(reader)}).`);
  }

  const headerCells = table.rows[header.index]?.cells ?? [];
  const context: OutcomeContext = { timeZone, defaultCountry: options.defaultCountry ?? 'RU' };
  const records: T[] = [];
  const rejected = [...table.rejected];
  const notes: { row: number; note: { kind: string; message: string } }[] = [];
  for (const row of table.rows.slice(header.index + 1)) {
    if (isBlankRow(row)) continue;
    const result = reader.readRow(new OutcomeRow(row, header.columns, headerCells), context);
    if (result.ok) {
      records.push(result.record);
      notes.push(...result.notes.map((note) => ({ row: row.number, note })));
    } else {
      rejected.push(result.rejection);
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  return { records, rejected, warnings: [...table.warnings, ...summarizeRowNotes(notes)], encoding: table.encoding ?? 'xlsx' };
}

function describeRequired<Column extends string>(reader: OutcomeReader<Column, unknown>): string {
  return reader.required
    .map((anyOf) => anyOf.map((column) => `«${reader.aliases[column]?.[0] ?? column}»`).join(' или '))
    .join(', ');
}

/** Reads who the client is: a phone in E.164 or an id; one of them must be there. */
export function readClient<Column extends string>(
  row: OutcomeRow<Column | ClientColumn>,
  context: OutcomeContext,
): { ok: true; clientPhone: string | null; clientId: string | null; notes: { kind: string; message: string }[] } | { ok: false; rejection: RowRejection } {
  const clientId = row.get('clientId') || null;
  const phoneText = row.get('clientPhone');
  const notes: { kind: string; message: string }[] = [];
  let clientPhone: string | null = null;
  if (phoneText !== '') {
    const phone = normalizePhoneNumber(phoneText, { defaultCountry: context.defaultCountry });
    if (phone.kind === 'e164') {
      clientPhone = phone.e164;
    } else if (clientId === null) {
      return row.reject('clientPhone', phone.kind === 'invalid' ? phone.message : `«${phoneText}» не номер клиента`);
    } else {
      notes.push({ kind: 'phone-invalid', message: `телефон «${phoneText}» не распознан, клиент найден по id` });
    }
  }
  if (clientPhone === null && clientId === null) {
    return row.reject(null, 'не указан ни телефон, ни id клиента');
  }
  return { ok: true, clientPhone, clientId, notes };
}

/** Reads a date or date-time cell: a full time keeps its time, a bare date stays a date. */
export function readOutcomeDate<Column extends string>(
  row: OutcomeRow<Column>,
  column: Column,
  context: OutcomeContext,
): { ok: true; value: string } | { ok: false; rejection: RowRejection } {
  const text = row.get(column);
  if (text === '') return row.reject(column, 'дата не указана');
  const hasTime = /\d{1,2}:\d{2}/.test(text) && !/[ T]00:00(?::00)?$/.test(text);
  const parsed = hasTime || /^\d{9,13}$/.test(text) ? parseCallTime(text, context.timeZone) : parseCalendarDate(text, context.timeZone);
  return parsed.ok ? { ok: true, value: parsed.iso } : row.reject(column, parsed.message);
}
