import ExcelJS from 'exceljs';

import type { Table, TableRow } from './table.ts';

/**
 * Reads the first worksheet that has data from an XLSX file. Cells come back as text in the same shapes a
 * CSV export has: dates as `YYYY-MM-DD HH:mm:ss` wall-clock time, time-only cells (durations) as
 * `HH:mm:ss`, hyperlinks as their address.
 */
export async function readSpreadsheetTable(bytes: Uint8Array, options: { sheet?: string } = {}): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; the bytes are passed through unchanged.
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);

  const sheets = options.sheet === undefined ? workbook.worksheets : workbook.worksheets.filter((sheet) => sheet.name === options.sheet);
  for (const sheet of sheets) {
    const rows = rowsOf(sheet);
    if (rows.length > 0) {
      return { kind: 'xlsx', rows, encoding: null, delimiter: null, sheet: sheet.name, rejected: [], warnings: [] };
    }
  }
  return { kind: 'xlsx', rows: [], encoding: null, delimiter: null, sheet: sheets[0]?.name ?? null, rejected: [], warnings: [] };
}

function rowsOf(sheet: ExcelJS.Worksheet): TableRow[] {
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    // eachCell skips cells before the first one with a value, which leaves holes in the array.
    rows.push({ number, cells: Array.from(cells, (cell: string | undefined) => cell ?? '') });
  });
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (value instanceof Date) {
    return dateText(value);
  }
  if (typeof value === 'object') {
    if ('hyperlink' in value) return value.hyperlink;
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result);
    return '';
  }
  return String(value);
}

/** Excel stores no time zone: the UTC fields of the Date are the wall-clock time in the sheet. */
const EXCEL_TIME_ONLY_BEFORE = Date.UTC(1900, 0, 1);

function dateText(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  if (date.getTime() < EXCEL_TIME_ONLY_BEFORE) {
    // A time-only cell: Excel counts it from 1899-12-30. Whole days are kept for durations over 24 hours.
    const days = Math.floor((date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
    return days > 0 ? `${pad(date.getUTCHours() + days * 24)}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` : time;
  }
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${time}`;
}
