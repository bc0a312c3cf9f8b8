import type { Writable } from 'node:stream';

import type { CallSummaryItem } from '../calls/call-query.service.ts';
import type { CallExportColumn, ExportValue } from './call-export-table.ts';
import { csvLine, csvNumber, csvPreamble, encodeCsv } from './csv-format.ts';
import type { CsvEncoding } from './csv-format.ts';
import { russianDate, russianDateTime } from './excel-time.ts';
import { whenFinished, writeChunk } from './output-stream.ts';

/**
 * Writes calls as CSV for Russian Excel: `;` between fields, CRLF line ends, UTF-8 with a BOM or cp1251,
 * dates as `03.12.2026 10:14` in `timeZone`, durations as `0:05:23`. Ends `output` and returns the rows written.
 */
export async function writeCallsCsv(
  pages: AsyncIterable<readonly CallSummaryItem[]>,
  columns: readonly CallExportColumn[],
  options: { timeZone: string; encoding: CsvEncoding },
  output: Writable,
): Promise<number> {
  const { timeZone, encoding } = options;
  const header = csvLine(columns.map((column) => column.header));
  await writeChunk(output, Buffer.concat([csvPreamble(encoding), encodeCsv(header, encoding)]));

  let rows = 0;
  for await (const page of pages) {
    const text = page.map((call) => csvLine(columns.map((column) => csvText(column.value(call), timeZone)))).join('');
    await writeChunk(output, encodeCsv(text, encoding));
    rows += page.length;
  }
  output.end();
  await whenFinished(output);
  return rows;
}

function csvText(value: ExportValue, timeZone: string): string {
  if (value === null) {
    return '';
  }
  switch (value.type) {
    case 'text':
      return value.text;
    case 'number':
      return csvNumber(value.value);
    case 'instant':
      return russianDateTime(value.instant, timeZone);
    case 'date':
      return russianDate(value.date);
    case 'duration':
      return formatDuration(value.seconds);
    case 'link':
      return value.url;
  }
}

/** Formats seconds as `h:mm:ss`, which Excel reads as a duration. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}
