import { createRoute } from '@hono/zod-openapi';

import type { ApiApp } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import { analyzeUploadResultSchema, jobIdParamSchema, jobSchema, reevaluateCallsResultSchema } from '../schemas/jobs.schemas.ts';
import type { ServerContext } from '../server-context.ts';
import { jobServicesOf } from './uploads.routes.ts';

const TAGS = ['Фоновые задачи'];

const get = createRoute({
  method: 'get',
  path: '/api/v1/jobs/{jobId}',
  tags: TAGS,
  summary: 'Фоновая задача: состояние, ход выполнения и итог',
  description: 'Анализ загрузки (analyze-upload) или переоценка звонков (reevaluate-calls). Менеджерам недоступно.',
  security: SESSION_SECURITY,
  request: { params: jobIdParamSchema },
  responses: { 200: jsonResponse(jobSchema, 'Задача'), ...errorResponses(401, 403, 404, 503) },
});

const cancel = createRoute({
  method: 'post',
  path: '/api/v1/jobs/{jobId}/cancel',
  tags: TAGS,
  summary: 'Отменить задачу в очереди или во время выполнения',
  description: 'Свою задачу отменяет её автор, любую — администратор. Выполняемая задача останавливается между шагами.',
  security: SESSION_SECURITY,
  request: { params: jobIdParamSchema },
  responses: { 200: jsonResponse(jobSchema, 'Задача после отмены'), ...errorResponses(401, 403, 404, 409, 503) },
});

export function registerJobRoutes(app: ApiApp, context: ServerContext): void {
  // `Job.result` is untyped in the schema because its shape depends on the job's name, so the result
  // shapes are listed as components of their own.
  app.openAPIRegistry.register('AnalyzeUploadResult', analyzeUploadResultSchema);
  app.openAPIRegistry.register('ReevaluateCallsResult', reevaluateCallsResultSchema);

  app.openapi(get, async (c) => c.json(await jobServicesOf(context).jobs.getJob(viewerOf(c.var.session), c.req.valid('param').jobId), 200));

  app.openapi(cancel, async (c) => c.json(await jobServicesOf(context).jobs.cancel(viewerOf(c.var.session), c.req.valid('param').jobId), 200));
}
