import type { Writable } from 'node:stream';

import { AppError } from '../../lib/app-error.ts';
import { plural } from '../../lib/russian-format.ts';
import type { Viewer } from '../accounts/access.ts';
import type { CallListRequest, CallListResult, CallQueryService, CallSummaryItem } from '../calls/call-query.service.ts';
import { callExportColumns } from './call-export-table.ts';
import { writeCallsCsv } from './calls-csv.ts';
import { writeCallsWorkbook } from './calls-xlsx.ts';
import type { CsvEncoding } from './csv-format.ts';

/** The calls list's filters and sort, without its paging. */
export type CallExportRequest = Omit<CallListRequest, 'limit' | 'cursor' | 'withTotal' | 'maxTotal'>;

export type CallExportFormat = { kind: 'xlsx' } | { kind: 'csv'; encoding: CsvEncoding };

/** An export whose calls were counted and checked against the row limit; `write` streams it out. */
export interface PreparedCallExport {
  /** Calls matching the filters when the export started. */
  total: number;
  /** Writes the rows to `output`, ends it, and returns the number of rows written. */
  write(format: CallExportFormat, output: Writable): Promise<number>;
}

/**
 * The default maximum of rows in one export. At 100,000 synthetic calls the CSV was 29 MB and the
 * workbook 13 MB, so this limit keeps a file that Excel opens in reasonable time. Excel's own sheet
 * limit is 1,048,576 rows.
 */
export const DEFAULT_MAX_EXPORT_ROWS = 200_000;

/** Rows read from the database per query: the calls list's largest page. */
const EXPORT_PAGE_SIZE = 500;

// «больше 1 звонка, 3 звонков, 200 000 звонков»: after «больше» the count takes the genitive.
const CALL_FORMS_GENITIVE = ['звонка', 'звонков', 'звонков'] as const;

const formatCount = (count: number) => count.toLocaleString('ru-RU');

/**
 * Exports the calls list with its filters to Excel or CSV. The rows come from `CallQueryService.listCalls`
 * page by page with its cursor, so an export contains exactly the calls the list shows the same viewer.
 */
export class CallExportService {
  private readonly maxRows: number;
  private readonly pageSize: number;

  constructor(
    private readonly deps: {
      calls: CallQueryService;
      /** The installation's IANA time zone, which exported times are shown in. */
      timeZone: string;
      /** The address users open okk at, for links to calls; null leaves the link column out. */
      publicUrl: string | null;
      maxRows?: number;
      /** Calls read per query; the calls list's largest page by default. */
      pageSize?: number;
      now?: () => Date;
    },
  ) {
    this.maxRows = deps.maxRows ?? DEFAULT_MAX_EXPORT_ROWS;
    this.pageSize = deps.pageSize ?? EXPORT_PAGE_SIZE;
  }

  /**
   * Counts the viewer's calls matching the filters and fails with BAD_REQUEST when they exceed the row
   * limit. Problems of the filters (an unknown date, say) are raised here too, before anything is written.
   */
  async prepare(viewer: Viewer, request: CallExportRequest): Promise<PreparedCallExport> {
    // Counting stops just past the limit, so a huge selection is rejected as fast as a small one is counted.
    const first = await this.deps.calls.listCalls(viewer, { ...request, limit: this.pageSize, withTotal: true, maxTotal: this.maxRows });
    const total = first.total ?? first.items.length;
    if (first.totalCapped) {
      throw new AppError(
        'BAD_REQUEST',
        `Под фильтры попадает больше ${formatCount(this.maxRows)} ${plural(this.maxRows, CALL_FORMS_GENITIVE)}: столько в одну выгрузку не помещается. ` +
          'Сократите период или добавьте фильтры и выгрузите звонки частями.',
      );
    }
    return {
      total,
      write: (format, output) => this.write(viewer, request, first, format, output),
    };
  }

  private async write(viewer: Viewer, request: CallExportRequest, first: CallListResult, format: CallExportFormat, output: Writable): Promise<number> {
    const columns = callExportColumns(this.deps.publicUrl);
    const pages = this.pages(viewer, request, first);
    if (format.kind === 'csv') {
      return writeCallsCsv(pages, columns, { timeZone: this.deps.timeZone, encoding: format.encoding }, output);
    }
    return writeCallsWorkbook(pages, columns, { timeZone: this.deps.timeZone, created: this.deps.now?.() ?? new Date() }, output);
  }

  /** Yields the first page, then reads the next ones by cursor until the list ends. */
  private async *pages(viewer: Viewer, request: CallExportRequest, first: CallListResult): AsyncGenerator<CallSummaryItem[]> {
    yield first.items;
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const page = await this.deps.calls.listCalls(viewer, { ...request, limit: this.pageSize, withTotal: false, cursor });
      yield page.items;
      cursor = page.nextCursor;
    }
  }
}
