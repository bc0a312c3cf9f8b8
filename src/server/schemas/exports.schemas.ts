import { z } from '@hono/zod-openapi';

import { CSV_ENCODINGS } from '../../services/exports/csv-format.ts';
import { callListQuerySchema } from './calls.schemas.ts';
import { reportFilterQuerySchema, trendsQuerySchema } from './reports.schemas.ts';

/** The calls list's filters and sort, without its paging, because an export contains every matching call. */
export const callExportQuerySchema = callListQuerySchema.omit({ limit: true, cursor: true, withTotal: true });

export const callCsvExportQuerySchema = callExportQuerySchema.extend({
  /** `utf-8` (with a BOM, which Excel needs to see UTF-8) or `cp1251` for older Excel and 1С. */
  encoding: z.enum(CSV_ENCODINGS).default('utf-8'),
});

/** The report page's period and teams, with the weeks of its trend sheet. */
export const reportExportQuerySchema = reportFilterQuerySchema.extend({
  weeks: trendsQuerySchema.shape.weeks,
});

export type ReportExportQuery = z.infer<typeof reportExportQuerySchema>;
