import iconv from 'iconv-lite';

/** Encodings a CSV export is written in. */
export const CSV_ENCODINGS = ['utf-8', 'cp1251'] as const;

export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** Russian Excel splits CSV columns at `;`, because its decimal separator is the comma. */
export const CSV_SEPARATOR = ';';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// Excel reads a cell that starts with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/u;
// A signed number or phone number (`+7 916 123-45-67`) is data, and stays as it is.
const SIGNED_NUMBER = /^[+-][\d\s().,-]*$/u;

/**
 * Quotes one CSV field by RFC 4180: a field with the separator, a quote or a line break goes in double
 * quotes, and its quotes are doubled. A field that Excel would run as a formula gets a leading `'`.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && !SIGNED_NUMBER.test(value) ? `'${value}` : value;
  return /[";\r\n]/u.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Joins fields into one CSV line ending with CRLF, as Excel writes it. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(CSV_SEPARATOR)}\r\n`;
}

/** Returns the bytes a file starts with: the BOM for UTF-8, so that Excel does not read it as cp1251. */
export function csvPreamble(encoding: CsvEncoding): Buffer {
  return encoding === 'utf-8' ? UTF8_BOM : Buffer.alloc(0);
}

/** Encodes CSV text. In cp1251, a character the code page lacks (an emoji, say) becomes `?`. */
export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'win1251');
}

/** Formats a number with the decimal comma Russian Excel expects. */
export function csvNumber(value: number): string {
  return String(value).replace('.', ',');
}
