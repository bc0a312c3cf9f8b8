import type { TextEncoding } from './text-encoding.ts';

/** One row of a table file, numbered as the user's editor shows it: the line of a CSV file, the row in Excel. */
export interface TableRow {
  number: number;
  cells: string[];
}

/** A problem with one row, column or value. `message` is Russian and shown to users. */
export interface RowRejection {
  row: number;
  column: string | null;
  message: string;
}

/** A table read from a CSV or XLSX file, cells as text, before any column is interpreted. */
export interface Table {
  kind: 'csv' | 'xlsx';
  rows: TableRow[];
  /** Text encoding of a CSV file; null for XLSX. */
  encoding: TextEncoding | null;
  /** Field separator of a CSV file; null for XLSX. */
  delimiter: string | null;
  /** Worksheet the rows come from; null for CSV. */
  sheet: string | null;
  /** Rows that could not be read at all (an unclosed quote), already skipped. */
  rejected: RowRejection[];
  /** Russian notes about the file as a whole, such as a repaired encoding. */
  warnings: string[];
}

export function isBlankRow(row: TableRow): boolean {
  return row.cells.every((cell) => cell.trim() === '');
}
