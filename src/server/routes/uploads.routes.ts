import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createRoute } from '@hono/zod-openapi';

import type { JobServices } from '../../jobs/job-services.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ApiApp } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import { uploadIdParamSchema, uploadListQuerySchema, uploadListSchema, uploadReceiptSchema, uploadRequestBody, uploadStatusSchema } from '../schemas/uploads.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const TAGS = ['Загрузка звонков'];

const upload = createRoute({
  method: 'post',
  path: '/api/v1/uploads',
  tags: TAGS,
  summary: 'Загрузить записи звонков и расшифровки (администратор, РОП, специалист ОКК)',
  description:
    'multipart/form-data, файлы в поле files. Файлы принимаются потоком, каждый не больше настройки uploads.maxFileMb ' +
    '(500 МБ по умолчанию), иначе ответ 413 и ни один файл запроса не сохраняется. Тот же файл повторно не анализируется: ' +
    'ответ называет прежнюю загрузку. Анализ идёт в фоне: ход и итог — GET /api/v1/uploads/{uploadId}.',
  security: SESSION_SECURITY,
  request: { body: uploadRequestBody },
  responses: { 202: jsonResponse(uploadReceiptSchema, 'Файлы приняты, анализ поставлен в очередь'), ...errorResponses(400, 401, 403, 413, 503) },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/uploads',
  tags: TAGS,
  summary: 'Последние загрузки с ходом анализа',
  security: SESSION_SECURITY,
  request: { query: uploadListQuerySchema },
  responses: { 200: jsonResponse(uploadListSchema, 'Загрузки, новые первыми'), ...errorResponses(401, 403, 422, 503) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/uploads/{uploadId}',
  tags: TAGS,
  summary: 'Загрузка: ход анализа, созданные и обновлённые звонки или ошибка',
  security: SESSION_SECURITY,
  request: { params: uploadIdParamSchema },
  responses: { 200: jsonResponse(uploadStatusSchema, 'Загрузка'), ...errorResponses(401, 403, 404, 503) },
});

export function registerUploadRoutes(app: ApiApp, context: ServerContext): void {
  app.openapi(upload, async (c) => {
    const body = c.req.raw.body === null ? Readable.from([]) : Readable.fromWeb(c.req.raw.body as NodeReadableStream<Uint8Array>);
    const receipt = await jobServicesOf(context).uploads.receive(viewerOf(c.var.session), c.req.header('content-type'), body);
    return c.json(receipt, 202);
  });

  app.openapi(list, async (c) => {
    const { limit, mine } = c.req.valid('query');
    return c.json(await jobServicesOf(context).uploads.listRecent(viewerOf(c.var.session), { limit, mine }), 200);
  });

  app.openapi(get, async (c) => c.json(await jobServicesOf(context).uploads.getStatus(viewerOf(c.var.session), c.req.valid('param').uploadId), 200));
}

/** Returns the job services of this server, or fails with UNAVAILABLE where no job queue runs. */
export function jobServicesOf(context: ServerContext): JobServices {
  if (context.jobServices == null) {
    throw new AppError('UNAVAILABLE', 'Очередь фоновых задач не запущена на этом сервере: загрузка и задачи недоступны. Обратитесь к администратору.');
  }
  return context.jobServices;
}
