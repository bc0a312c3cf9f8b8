import { DateTime } from 'luxon';

import type { Viewer } from '../accounts/access.ts';
import { zoneOf } from '../reports/report-periods.ts';
import type { ReportRequest, SalesReportService } from '../reports/sales-report.service.ts';
import { buildSalesReportWorkbook } from './sales-report-xlsx.ts';

/** The report page's period and teams, with the number of weeks of its trend chart. */
export type SalesReportExportRequest = ReportRequest & { weeks: number };

/**
 * Exports the head-of-sales report to Excel. The figures come from `SalesReportService`, with its role
 * check and team scope, so the workbook and the report page cannot disagree.
 */
export class SalesReportExportService {
  constructor(
    private readonly deps: {
      salesReport: SalesReportService;
      timeZone: string;
      publicUrl: string | null;
      now?: () => Date;
    },
  ) {}

  async workbook(viewer: Viewer, request: SalesReportExportRequest): Promise<{ body: Buffer; fileName: string }> {
    const { salesReport } = this.deps;
    const { weeks, ...period } = request;
    const causes = await salesReport.causes(viewer, period);
    const comparison = await salesReport.comparison(viewer, period);
    const trends = await salesReport.trends(viewer, { weeks, teamId: request.teamId, managerId: request.managerId, timeZone: request.timeZone });
    const timeZone = zoneOf(request.timeZone, viewer.timeZone, this.deps.timeZone);
    const body = await buildSalesReportWorkbook({ causes, comparison, trends }, { timeZone, publicUrl: this.deps.publicUrl, created: this.deps.now?.() ?? new Date() });
    return { body, fileName: `okk-report-${localDay(causes.period.from, timeZone)}--${localDay(causes.period.to, timeZone, -1)}.xlsx` };
  }
}

/** Returns the local date of an instant moved by `shiftMs`. The last day of a period is the day just before its end. */
function localDay(instant: string, timeZone: string, shiftMs = 0): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).plus({ milliseconds: shiftMs }).setZone(timeZone).toISODate() ?? 'period';
}
