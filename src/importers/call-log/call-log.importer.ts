import path from 'node:path';

import type { CountryCode } from 'libphonenumber-js';

import { AppError } from '../../lib/app-error.ts';
import type { Delimiter } from '../shared/delimited-table.ts';
import { isKnownTimeZone } from '../shared/local-time.ts';
import { normalizePhoneNumber } from '../shared/phone-number.ts';
import { summarizeRowNotes } from '../shared/row-notes.ts';
import { isBlankRow, type Table } from '../shared/table.ts';
import { readTableBytes, readTableFile } from '../shared/table-file.ts';
import { type CallLogLayout, detectCallLogLayout } from './call-log-format.ts';
import { profileOf } from './call-log-profiles.ts';
import type { CallLogFormat, CallLogImportResult, CallLogRecord } from './call-log-record.ts';
import { type CallLogRowContext, interpretCallLogRow, type RowNote } from './call-log-row.ts';

export interface CallLogImportOptions {
  /** Layout of the file; detected from its headers or shape when not given. */
  format?: CallLogFormat;
  /** IANA zone of times written without an offset. Default `Europe/Moscow`. */
  timeZone?: string;
  /** Country of numbers written without a country code. Default `RU`. */
  defaultCountry?: CountryCode;
  /** Digit-only numbers up to this length are extensions. Default 5. */
  maxExtensionDigits?: number;
  /** The company's own public numbers, to tell the direction when a log gives none and names no extension. */
  companyNumbers?: readonly string[];
  delimiter?: Delimiter;
  sheet?: string;
}

const DEFAULT_TIME_ZONE = 'Europe/Moscow';

// amoCRM attaches each call to the contact found by its phone. Its telephony documentation (calls/add) says a
// call is dropped when no contact with that phone appears within 18 hours, so its call list lacks calls from
// new numbers: the missed calls and new leads that matter most.
const AMOCRM_COMPLETENESS_WARNING =
  'В выгрузке amoCRM нет звонков с номеров, которых нет среди контактов: amoCRM не сохраняет такие звонки. Пропущенные звонки и обращения новых клиентов возьмите из журнала АТС.';

/** Imports a call log export (CSV in any supported encoding, or XLSX) into normalised call records. */
export async function importCallLogFile(filePath: string, options: CallLogImportOptions = {}): Promise<CallLogImportResult> {
  const table = await readTableFile(filePath, tableOptions(options));
  return importCallLogTable(table, path.basename(filePath), options);
}

/** Same as `importCallLogFile`, for bytes that came from an upload rather than a path. */
export async function importCallLogBytes(bytes: Uint8Array, fileName: string, options: CallLogImportOptions = {}): Promise<CallLogImportResult> {
  const table = await readTableBytes(bytes, fileName, tableOptions(options));
  return importCallLogTable(table, fileName, options);
}

function tableOptions(options: CallLogImportOptions): { delimiter?: Delimiter; sheet?: string } {
  return {
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
  };
}

export function importCallLogTable(table: Table, fileName: string, options: CallLogImportOptions = {}): CallLogImportResult {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isKnownTimeZone(timeZone)) {
    throw new AppError('INVALID_INPUT', `Неизвестный часовой пояс «${timeZone}». Укажите зону IANA, например Europe/Moscow.`);
  }
  if (table.rows.every(isBlankRow)) {
    throw new AppError('INVALID_INPUT', `Файл ${fileName} пуст: в нём нет ни одной строки с данными.`);
  }
  const layout = detectCallLogLayout(table.rows, options.format);
  if (layout === null) {
    throw new AppError('UNSUPPORTED_FORMAT', notACallLogMessage(fileName, options.format));
  }

  const context = rowContext(layout, options, timeZone);
  const records: CallLogRecord[] = [];
  const rejected = [...table.rejected];
  const notes: { row: number; note: RowNote }[] = [];
  for (const row of table.rows.slice(layout.firstDataRow)) {
    if (isBlankRow(row)) continue;
    const result = interpretCallLogRow(row, context);
    if (result.ok) {
      records.push(result.record);
      notes.push(...result.notes.map((note) => ({ row: row.number, note })));
    } else {
      rejected.push(result.rejection);
    }
  }
  rejected.sort((a, b) => a.row - b.row);

  const warnings = [...table.warnings, ...summarizeRowNotes(notes)];
  if (layout.unknownColumns.length > 0) {
    warnings.push(`Не использованы столбцы: ${layout.unknownColumns.map((name) => `«${name}»`).join(', ')}.`);
  }
  if (layout.profile.format === 'amocrm') {
    warnings.push(AMOCRM_COMPLETENESS_WARNING);
  }
  return { records, rejected, warnings, format: layout.profile.format, encoding: table.encoding ?? 'xlsx' };
}

function rowContext(layout: CallLogLayout, options: CallLogImportOptions, timeZone: string): CallLogRowContext {
  const phone = {
    defaultCountry: options.defaultCountry ?? 'RU',
    maxExtensionDigits: options.maxExtensionDigits ?? 5,
  };
  const companyNumbers = new Set<string>();
  for (const number of options.companyNumbers ?? []) {
    const parsed = normalizePhoneNumber(number, phone);
    if (parsed.kind !== 'e164') {
      throw new AppError('INVALID_INPUT', `Номер компании «${number}» не распознан. Укажите его полностью, например +74951234567.`);
    }
    companyNumbers.add(parsed.e164);
  }
  return { profile: layout.profile, columns: layout.columns, columnNames: layout.columnNames, timeZone, phone, companyNumbers };
}

function notACallLogMessage(fileName: string, format: CallLogFormat | undefined): string {
  const forced = format === undefined ? '' : ` в формате «${profileOf(format)?.title ?? format}»`;
  return (
    `Файл ${fileName} не похож на журнал звонков${forced}: не найдены столбцы с датой звонка и номером телефона. ` +
    'Выгрузите список звонков из АТС или CRM в CSV или XLSX с заголовками столбцов (см. docs/call-logs.md).'
  );
}
