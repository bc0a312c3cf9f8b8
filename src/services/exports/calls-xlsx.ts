import { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';

import ExcelJS from 'exceljs';

import type { CallSummaryItem } from '../calls/call-query.service.ts';
import type { CallExportColumn, ExportValue } from './call-export-table.ts';
import { EXCEL_DATE_FORMAT, EXCEL_DATE_TIME_FORMAT, excelDate, excelDateTime } from './excel-time.ts';
import { ExportAbortedError, waitForDrain, whenFinished } from './output-stream.ts';
import type { DrainingStream } from './output-stream.ts';

const DURATION_FORMAT = '[h]:mm:ss';
const SECONDS_PER_DAY = 86_400;

/**
 * Streams calls into an Excel workbook with one sheet «Звонки». Rows are committed as they come and
 * strings are written inline (no shared-strings table), so memory does not grow with the row count.
 * Ends `output` and returns the rows written.
 */
export async function writeCallsWorkbook(
  pages: AsyncIterable<readonly CallSummaryItem[]>,
  columns: readonly CallExportColumn[],
  options: { timeZone: string; created: Date },
  output: Writable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'okk';
  workbook.created = options.created;
  const sheet = workbook.addWorksheet('Звонки', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();

  let rows = 0;
  for await (const page of pages) {
    for (const call of page) {
      const row = sheet.addRow([]);
      columns.forEach((column, index) => {
        writeCell(row.getCell(index + 1), column.value(call), options.timeZone);
      });
      row.commit();
    }
    rows += page.length;
    forgetWrittenFormulas(sheet);
    const backlog = sheetBacklog(sheet);
    if (backlog !== null) {
      await waitForDrain(output, backlog);
    }
    await waitForDrain(output);
  }
  sheet.commit();
  await Promise.all([workbook.commit(), whenFinished(output)]).catch((error: unknown) => {
    throw output.destroyed && !output.writableFinished ? new ExportAbortedError() : error;
  });
  return rows;
}

function writeCell(cell: ExcelJS.Cell, value: ExportValue, timeZone: string): void {
  if (value === null) {
    return;
  }
  switch (value.type) {
    case 'text':
      cell.value = value.text;
      if (value.text.includes('\n')) {
        cell.alignment = { wrapText: true, vertical: 'top' };
      }
      return;
    case 'number':
      cell.value = value.value;
      return;
    case 'instant':
      cell.value = excelDateTime(value.instant, timeZone);
      cell.numFmt = EXCEL_DATE_TIME_FORMAT;
      return;
    case 'date':
      cell.value = excelDate(value.date);
      cell.numFmt = EXCEL_DATE_FORMAT;
      return;
    case 'duration':
      cell.value = value.seconds / SECONDS_PER_DAY;
      cell.numFmt = DURATION_FORMAT;
      return;
    case 'link':
      // A HYPERLINK formula rather than a cell hyperlink, because the streaming writer keeps every cell
      // hyperlink in memory until the sheet ends. It keeps formulas too, but forgetWrittenFormulas drops them per page.
      cell.value = { formula: `HYPERLINK("${value.url.replaceAll('"', '""')}","${value.text}")`, result: value.text };
      cell.font = { color: { argb: 'FF1C64D9' }, underline: true };
      return;
  }
}

/**
 * Returns the stream that takes the sheet's XML on its way into the zip. The streaming writer of exceljs
 * (4.4) writes rows into it without waiting, so without this check a page is produced faster than it is
 * compressed and the XML piles up in memory.
 * NOTE: reads exceljs internals: the sheet's `stream`, its `pipes`, and the `readable-stream` (v2) state
 * of the first pipe. On another shape it returns null, and the export still works without this limit.
 */
function sheetBacklog(sheet: ExcelJS.Worksheet): DrainingStream | null {
  const stream = (sheet as unknown as { stream?: { pipes?: unknown } }).stream;
  const target = Array.isArray(stream?.pipes) ? (stream.pipes as unknown[])[0] : undefined;
  if (!isBufferedStream(target)) {
    return null;
  }
  return { needsDrain: () => target._writableState.needDrain, on: target.on.bind(target), off: target.removeListener.bind(target) };
}

/**
 * Drops the formula cells the sheet writer keeps for shared formulas, which this export does not use.
 * Without this, an export of 100,000 rows with links ran out of an 80 MB heap.
 * NOTE: clears exceljs's internal `_formulae` (4.4); on another shape it does nothing.
 */
function forgetWrittenFormulas(sheet: ExcelJS.Worksheet): void {
  const writer = sheet as unknown as { _formulae?: unknown };
  if (typeof writer._formulae === 'object' && writer._formulae !== null) {
    writer._formulae = {};
  }
}

interface BufferedStream extends EventEmitter {
  _writableState: { needDrain: boolean };
}

function isBufferedStream(value: unknown): value is BufferedStream {
  const state = (value as { _writableState?: { needDrain?: unknown } } | undefined)?._writableState;
  return value instanceof EventEmitter && typeof state?.needDrain === 'boolean';
}
