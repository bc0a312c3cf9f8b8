import { createRoute } from '@hono/zod-openapi';

import type { ApiApp } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, jsonBody, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import {
  checklistBodySchema,
  checklistDetailSchema,
  checklistIdParamSchema,
  checklistListResponseSchema,
  checklistVersionParamSchema,
  reevaluationRequestSchema,
  reevaluationResponseSchema,
} from '../schemas/checklists.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const TAGS = ['Чек-листы'];

const list = createRoute({
  method: 'get',
  path: '/api/v1/checklists',
  tags: TAGS,
  summary: 'Чек-листы: последняя версия каждого',
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(checklistListResponseSchema, 'Чек-листы'), ...errorResponses(401) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/checklists/{checklistId}',
  tags: TAGS,
  summary: 'Последняя версия чек-листа и список его версий',
  security: SESSION_SECURITY,
  request: { params: checklistIdParamSchema },
  responses: { 200: jsonResponse(checklistDetailSchema, 'Чек-лист'), ...errorResponses(401, 404, 422) },
});

const getVersion = createRoute({
  method: 'get',
  path: '/api/v1/checklists/{checklistId}/versions/{version}',
  tags: TAGS,
  summary: 'Версия чек-листа',
  security: SESSION_SECURITY,
  request: { params: checklistVersionParamSchema },
  responses: { 200: jsonResponse(checklistDetailSchema, 'Чек-лист в этой версии'), ...errorResponses(401, 404, 422) },
});

const save = createRoute({
  method: 'put',
  path: '/api/v1/checklists/{checklistId}',
  tags: TAGS,
  summary: 'Сохранить чек-лист новой версией (администратор)',
  description:
    '`version` в теле — версия, с которой начата правка. Если с тех пор сохранена более новая, ответ — 409. ' +
    'Новые звонки оцениваются последней версией; уже оценённые — по запросу переоценки.',
  security: SESSION_SECURITY,
  request: { params: checklistIdParamSchema, body: jsonBody(checklistBodySchema) },
  responses: { 200: jsonResponse(checklistDetailSchema, 'Сохранённая версия'), ...errorResponses(401, 403, 409, 422) },
});

const reevaluate = createRoute({
  method: 'post',
  path: '/api/v1/checklists/{checklistId}/reevaluations',
  tags: TAGS,
  summary: 'Переоценить звонки начиная с даты этой версией чек-листа (администратор)',
  description: 'Ставит задачу в очередь. Правки ОКК сохраняются и применяются к новым оценкам.',
  security: SESSION_SECURITY,
  request: { params: checklistIdParamSchema, body: jsonBody(reevaluationRequestSchema) },
  responses: { 202: jsonResponse(reevaluationResponseSchema, 'Задача поставлена в очередь'), ...errorResponses(401, 403, 404, 422, 503) },
});

export function registerChecklistRoutes(app: ApiApp, { services }: ServerContext): void {
  app.openapi(list, async (c) => c.json(await services.checklists.listChecklists(), 200));

  app.openapi(get, async (c) => c.json(await services.checklists.getChecklist(c.req.valid('param').checklistId), 200));

  app.openapi(getVersion, async (c) => {
    const { checklistId, version } = c.req.valid('param');
    return c.json(await services.checklists.getChecklist(checklistId, version), 200);
  });

  app.openapi(save, async (c) =>
    c.json(await services.checklists.saveChecklist(viewerOf(c.var.session), c.req.valid('param').checklistId, c.req.valid('json')), 200),
  );

  app.openapi(reevaluate, async (c) =>
    c.json(await services.checklists.startReevaluation(viewerOf(c.var.session), c.req.valid('param').checklistId, c.req.valid('json')), 202),
  );
}
