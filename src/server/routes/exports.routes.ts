import { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';

import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';

import type { Logger } from '../../lib/logger.ts';
import type { CallExportFormat, PreparedCallExport } from '../../services/exports/call-export.service.ts';
import { ExportAbortedError } from '../../services/exports/output-stream.ts';
import type { ApiApp, AppEnv } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import { callCsvExportQuerySchema, callExportQuerySchema, reportExportQuerySchema } from '../schemas/exports.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const binary = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string' as const, format: 'binary' } } } });

const SCOPE_NOTE = 'Менеджер выгружает только свои звонки, руководитель отдела продаж — звонки своих команд.';

const callsXlsx = createRoute({
  method: 'get',
  path: '/api/v1/calls/export.xlsx',
  tags: ['Звонки'],
  summary: 'Список звонков с теми же фильтрами и сортировкой книгой Excel',
  description: `${SCOPE_NOTE} Время — в часовом поясе установки. Если звонков больше предела выгрузки, ответ — 400 с просьбой сузить фильтры.`,
  security: SESSION_SECURITY,
  request: { query: callExportQuerySchema },
  responses: { 200: binary(XLSX_TYPE, 'Книга Excel с листом «Звонки»'), ...errorResponses(400, 401, 422) },
});

const callsCsv = createRoute({
  method: 'get',
  path: '/api/v1/calls/export.csv',
  tags: ['Звонки'],
  summary: 'Список звонков с теми же фильтрами и сортировкой в CSV для Excel',
  description: `${SCOPE_NOTE} Разделитель — точка с запятой; кодировка UTF-8 с BOM или \`encoding=cp1251\`.`,
  security: SESSION_SECURITY,
  request: { query: callCsvExportQuerySchema },
  responses: { 200: binary('text/csv', 'Таблица CSV'), ...errorResponses(400, 401, 422) },
});

const reportXlsx = createRoute({
  method: 'get',
  path: '/api/v1/reports/export.xlsx',
  tags: ['Отчёты'],
  summary: 'Отчёт руководителя отдела продаж книгой Excel: причины, менеджеры, недели',
  description: 'Те же цифры, что на странице отчёта, за тот же период и те же команды. Доступно руководителю (свои команды), ОКК и администратору.',
  security: SESSION_SECURITY,
  request: { query: reportExportQuerySchema },
  responses: { 200: binary(XLSX_TYPE, 'Книга Excel с листами «Причины», «Менеджеры», «По неделям»'), ...errorResponses(401, 403, 422) },
});

export function registerExportRoutes(app: ApiApp, { services }: ServerContext): void {
  app.openapi(callsXlsx, async (c) => {
    const prepared = await services.callExport.prepare(viewerOf(c.var.session), c.req.valid('query'));
    return streamExport(c, prepared, { kind: 'xlsx' }, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment('okk-calls.xlsx') });
  });

  app.openapi(callsCsv, async (c) => {
    const { encoding, ...request } = c.req.valid('query');
    const prepared = await services.callExport.prepare(viewerOf(c.var.session), request);
    const charset = encoding === 'cp1251' ? 'windows-1251' : 'utf-8';
    return streamExport(c, prepared, { kind: 'csv', encoding }, { 'Content-Type': `text/csv; charset=${charset}`, 'Content-Disposition': attachment('okk-calls.csv') });
  });

  app.openapi(reportXlsx, async (c) => {
    const { body, fileName } = await services.reportExport.workbook(viewerOf(c.var.session), c.req.valid('query'));
    return c.body(new Uint8Array(body), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment(fileName) });
  });
}

/**
 * Sends the export as a streamed response. The export was counted and checked before, so a bad filter still
 * gets a JSON error. A failure after the first byte can only cut the download short, so it is logged.
 */
function streamExport(c: Context<AppEnv>, prepared: PreparedCallExport, format: CallExportFormat, headers: Record<string, string>) {
  const output = new PassThrough();
  const logger: Logger = c.var.logger;
  const started = Date.now();
  prepared.write(format, output).then(
    (rows) => {
      logger.info({ rows, format: format.kind, ms: Date.now() - started }, 'calls export written');
    },
    (error: unknown) => {
      if (error instanceof ExportAbortedError) {
        logger.info({ format: format.kind }, 'calls export cancelled by the client');
      } else {
        logger.error({ err: error, format: format.kind }, 'calls export failed after it started');
      }
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  return c.body(Readable.toWeb(output) as ReadableStream<Uint8Array>, 200, { ...headers, 'X-Total-Count': String(prepared.total) });
}

/** Builds the Content-Disposition of a download. The names are ASCII, so RFC 6266 needs no `filename*`. */
function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}
