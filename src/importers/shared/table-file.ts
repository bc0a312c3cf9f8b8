import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { AppError } from '../../lib/app-error.ts';
import { fileReadError } from '../../lib/fs-errors.ts';
import { type Delimiter, readDelimitedTable } from './delimited-table.ts';
import { readSpreadsheetTable } from './spreadsheet-table.ts';
import type { Table } from './table.ts';
import { isUtf16Text } from './text-encoding.ts';

export interface TableFileOptions {
  /** Field separator of a CSV file; detected when not given. */
  delimiter?: Delimiter;
  /** Worksheet of an XLSX file; the first one with data when not given. */
  sheet?: string;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** The old binary Excel format (OLE2 compound file) starts with these bytes. */
const XLS_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Reads a table file by its content, not its extension: an XLSX workbook is a ZIP archive, anything else
 * is read as delimited text. Raises `UNSUPPORTED_FORMAT` for legacy `.xls` and other binary files.
 */
export async function readTableFile(filePath: string, options: TableFileOptions = {}): Promise<Table> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    throw fileReadError(filePath, error, path.basename(filePath));
  }
  return readTableBytes(bytes, path.basename(filePath), options);
}

export async function readTableBytes(bytes: Uint8Array, fileName: string, options: TableFileOptions = {}): Promise<Table> {
  if (startsWith(bytes, ZIP_SIGNATURE)) {
    try {
      return await readSpreadsheetTable(bytes, options.sheet === undefined ? {} : { sheet: options.sheet });
    } catch (error) {
      throw new AppError('UNSUPPORTED_FORMAT', `Файл ${fileName} похож на архив, но не читается как книга Excel (XLSX): ${(error as Error).message}`, { cause: error });
    }
  }
  if (startsWith(bytes, XLS_SIGNATURE)) {
    throw new AppError('UNSUPPORTED_FORMAT', `Файл ${fileName} сохранён в старом формате Excel (XLS). Откройте его в Excel или LibreOffice и сохраните как XLSX или CSV.`);
  }
  if (!isUtf16Text(bytes) && looksBinary(bytes)) {
    throw new AppError('UNSUPPORTED_FORMAT', `Файл ${fileName} не является таблицей: это не CSV и не XLSX.`);
  }
  return readDelimitedTable(bytes, options.delimiter === undefined ? {} : { delimiter: options.delimiter });
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/** UTF-8 and Windows-1251 text has almost no control bytes; UTF-16 is checked before this. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.length === 0) {
    return false;
  }
  let control = 0;
  for (const byte of sample) {
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) {
      control += 1;
    }
  }
  return control / sample.length > 0.05;
}
