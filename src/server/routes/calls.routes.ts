import { createRoute } from '@hono/zod-openapi';

import type { ApiApp } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, jsonBody, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import {
  callDetailSchema,
  callIdParamSchema,
  callListQuerySchema,
  callListResponseSchema,
  callReviewStateSchema,
  swapRolesRequestSchema,
} from '../schemas/calls.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const TAGS = ['Звонки'];

const list = createRoute({
  method: 'get',
  path: '/api/v1/calls',
  tags: TAGS,
  summary: 'Список звонков с фильтрами, сортировкой и постраничным выводом',
  description:
    'Менеджер видит только свои звонки, руководитель отдела продаж — звонки своих команд. ' +
    'Поиск `q` ищет слова в любой форме: «перезвоню» находит «перезвонить». Следующая страница — `cursor` из `nextCursor`.',
  security: SESSION_SECURITY,
  request: { query: callListQuerySchema },
  responses: { 200: jsonResponse(callListResponseSchema, 'Страница списка'), ...errorResponses(401, 422) },
});

const detail = createRoute({
  method: 'get',
  path: '/api/v1/calls/{id}',
  tags: TAGS,
  summary: 'Звонок: реплики, оценка с правками ОКК, история оценок, проверок и споров, другие звонки клиента',
  security: SESSION_SECURITY,
  request: { params: callIdParamSchema },
  responses: { 200: jsonResponse(callDetailSchema, 'Звонок'), ...errorResponses(401, 404) },
});

const review = createRoute({
  method: 'get',
  path: '/api/v1/calls/{id}/review',
  tags: TAGS,
  summary: 'Оценка звонка с правками ОКК, история проверок и споры',
  security: SESSION_SECURITY,
  request: { params: callIdParamSchema },
  responses: { 200: jsonResponse(callReviewStateSchema, 'Состояние проверки'), ...errorResponses(401, 404) },
});

const audio = createRoute({
  method: 'get',
  path: '/api/v1/calls/{id}/audio',
  tags: TAGS,
  summary: 'Запись звонка; поддерживает HTTP Range для перемотки',
  security: SESSION_SECURITY,
  request: { params: callIdParamSchema },
  responses: {
    200: { description: 'Запись целиком', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
    206: { description: 'Запрошенный диапазон записи', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
    ...errorResponses(401, 404, 416),
  },
});

const swapRoles = createRoute({
  method: 'post',
  path: '/api/v1/calls/{id}/swap-roles',
  tags: TAGS,
  summary: 'Поменять местами менеджера и клиента и переоценить звонок (специалист ОКК, администратор)',
  description: 'Звонок оценивается заново той же версией чек-листа; новая оценка сохраняется в истории, правки ОКК применяются к ней.',
  security: SESSION_SECURITY,
  request: { params: callIdParamSchema, body: { ...jsonBody(swapRolesRequestSchema), required: false } },
  responses: { 200: jsonResponse(callReviewStateSchema, 'Оценка после смены ролей'), ...errorResponses(401, 403, 404, 409, 422) },
});

export function registerCallRoutes(app: ApiApp, { services }: ServerContext): void {
  app.openapi(list, async (c) => c.json(await services.calls.listCalls(viewerOf(c.var.session), c.req.valid('query')), 200));

  app.openapi(detail, async (c) => c.json(await services.calls.getCall(viewerOf(c.var.session), c.req.valid('param').id), 200));

  app.openapi(review, async (c) => c.json(await services.calls.reviewState(viewerOf(c.var.session), c.req.valid('param').id), 200));

  app.openapi(audio, async (c) => {
    const served = await services.audio.openAudio(viewerOf(c.var.session), c.req.valid('param').id, c.req.header('range'));
    return c.body(served.body, served.status, served.headers);
  });

  app.openapi(swapRoles, async (c) =>
    c.json(await services.roleSwap.swapRoles(viewerOf(c.var.session), c.req.valid('param').id, c.req.valid('json').comment ?? null), 200),
  );
}
