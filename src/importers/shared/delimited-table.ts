import { parse } from 'csv-parse/sync';

import type { RowRejection, Table, TableRow } from './table.ts';
import { decodeText } from './text-encoding.ts';

export type Delimiter = ';' | ',' | '\t' | '|';

const DELIMITERS: readonly Delimiter[] = [';', ',', '\t', '|'];
const SAMPLE_LINES = 50;

/** Reads a CSV or TSV export from its bytes: encoding, mojibake and separator are detected. */
export function readDelimitedTable(bytes: Uint8Array, options: { delimiter?: Delimiter } = {}): Table {
  const decoded = decodeText(bytes);
  const delimiter = options.delimiter ?? detectDelimiter(decoded.text);
  const { rows, rejected } = parseRows(decoded.text, delimiter);

  const warnings: string[] = [];
  if (decoded.repaired.length > 0) {
    warnings.push(`Исправлена двойная перекодировка кириллицы в ${decoded.repairedLines} строках (текст вида «Р¤Р°РјРёР»РёСЏ»).`);
  }
  return { kind: 'csv', rows, encoding: decoded.encoding, delimiter, sheet: null, rejected, warnings };
}

/**
 * Picks the separator that splits the first lines into the same number of fields, more than one. Counts
 * skip quoted text, so a comma inside «"Иванов, Иван"» does not vote for the comma.
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, SAMPLE_LINES);
  let best: { delimiter: Delimiter; score: number } = { delimiter: ';', score: -1 };
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const withFields = counts.filter((count) => count > 0);
    if (withFields.length === 0) {
      continue;
    }
    const mode = modeOf(withFields);
    const consistent = counts.filter((count) => count === mode).length;
    // Consistency across lines matters most, the number of fields breaks ties.
    const score = consistent * 1000 + mode;
    if (score > best.score) {
      best = { delimiter, score };
    }
  }
  return best.delimiter;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') {
      quoted = !quoted;
    } else if (char === delimiter && !quoted) {
      count += 1;
    }
  }
  return count;
}

function modeOf(values: number[]): number {
  const frequency = new Map<number, number>();
  for (const value of values) {
    frequency.set(value, (frequency.get(value) ?? 0) + 1);
  }
  let mode = values[0] ?? 0;
  let seen = 0;
  for (const [value, times] of frequency) {
    if (times > seen) {
      mode = value;
      seen = times;
    }
  }
  return mode;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

const PARSE_OPTIONS = { info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;

/**
 * Parses the whole text at once. csv-parse stops at the first malformed record, and its skip option
 * swallows the lines after an unbalanced quote, so a file with an error is parsed again record by record.
 */
function parseRows(text: string, delimiter: Delimiter): { rows: TableRow[]; rejected: RowRejection[] } {
  const normalized = text.replace(/\r\n?/g, '\n');
  try {
    const parsed = parse(normalized, { ...PARSE_OPTIONS, delimiter }) as unknown as ParsedRecord[];
    const rows: TableRow[] = [];
    let previousEnd = 0;
    for (const { record, info } of parsed) {
      rows.push({ number: previousEnd + 1, cells: record });
      previousEnd = info.lines;
    }
    return { rows, rejected: [] };
  } catch {
    return parseRecordByRecord(normalized, delimiter);
  }
}

/** A quoted field may hold line breaks, but no real export has one spanning this many lines. */
const MAX_LINES_PER_RECORD = 50;

function parseRecordByRecord(text: string, delimiter: Delimiter): { rows: TableRow[]; rejected: RowRejection[] } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') {
    lines.pop();
  }
  const rows: TableRow[] = [];
  const rejected: RowRejection[] = [];
  let index = 0;
  while (index < lines.length) {
    const span = recordSpan(lines, index);
    const number = index + 1;
    if (span === null) {
      rejected.push({ row: number, column: null, message: 'Строка не прочитана: кавычка открыта и не закрыта.' });
      index += 1;
      continue;
    }
    const raw = lines.slice(index, index + span).join('\n');
    try {
      const parsed = parse(raw, { ...PARSE_OPTIONS, delimiter }) as unknown as ParsedRecord[];
      rows.push({ number, cells: parsed[0]?.record ?? [''] });
    } catch (error) {
      rejected.push({ row: number, column: null, message: `Строка не прочитана: ${describeCsvError(error)}.` });
    }
    index += span;
  }
  return { rows, rejected };
}

/** Number of lines the record starting at `start` takes, or null when its quotes never balance. */
function recordSpan(lines: string[], start: number): number | null {
  let open = false;
  for (let span = 1; span <= MAX_LINES_PER_RECORD && start + span <= lines.length; span += 1) {
    const line = lines[start + span - 1] ?? '';
    const quotes = line.split('"').length - 1;
    if (quotes % 2 === 1) {
      open = !open;
    }
    if (!open) {
      return span;
    }
  }
  return null;
}

function describeCsvError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'UNKNOWN';
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'кавычка открыта и не закрыта';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'после закрывающей кавычки стоит лишний символ';
    default:
      return `ошибка разбора CSV (${code})`;
  }
}
