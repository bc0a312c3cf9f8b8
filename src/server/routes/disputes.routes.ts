import { createRoute } from '@hono/zod-openapi';

import type { ApiApp } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, jsonBody, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import { callIdParamSchema } from '../schemas/calls.schemas.ts';
import {
  disputeAcceptRequestSchema,
  disputeCreateRequestSchema,
  disputeIdParamSchema,
  disputeListQuerySchema,
  disputeListResponseSchema,
  disputeRejectRequestSchema,
  disputeSchema,
} from '../schemas/reviews.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const TAGS = ['Споры'];
const DISPUTE = jsonResponse(disputeSchema, 'Спор');

const list = createRoute({
  method: 'get',
  path: '/api/v1/disputes',
  tags: TAGS,
  summary: 'Споры по оценкам: менеджер видит свои, руководитель — своих команд, ОКК — все',
  security: SESSION_SECURITY,
  request: { query: disputeListQuerySchema },
  responses: { 200: jsonResponse(disputeListResponseSchema, 'Споры, новые первыми'), ...errorResponses(401, 422) },
});

const open = createRoute({
  method: 'post',
  path: '/api/v1/calls/{id}/disputes',
  tags: TAGS,
  summary: 'Оспорить вердикт критерия или находку своего звонка (менеджер)',
  security: SESSION_SECURITY,
  request: { params: callIdParamSchema, body: jsonBody(disputeCreateRequestSchema) },
  responses: { 201: DISPUTE, ...errorResponses(401, 403, 404, 409, 422) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/disputes/{disputeId}',
  tags: TAGS,
  summary: 'Спор',
  security: SESSION_SECURITY,
  request: { params: disputeIdParamSchema },
  responses: { 200: DISPUTE, ...errorResponses(401, 404, 422) },
});

const accept = createRoute({
  method: 'post',
  path: '/api/v1/disputes/{disputeId}/accept',
  tags: TAGS,
  summary: 'Принять спор: вердикт меняется как правка ОКК (специалист ОКК, администратор)',
  security: SESSION_SECURITY,
  request: { params: disputeIdParamSchema, body: jsonBody(disputeAcceptRequestSchema) },
  responses: { 200: DISPUTE, ...errorResponses(401, 403, 404, 409, 422) },
});

const reject = createRoute({
  method: 'post',
  path: '/api/v1/disputes/{disputeId}/reject',
  tags: TAGS,
  summary: 'Отклонить спор с комментарием (специалист ОКК, администратор)',
  security: SESSION_SECURITY,
  request: { params: disputeIdParamSchema, body: jsonBody(disputeRejectRequestSchema) },
  responses: { 200: DISPUTE, ...errorResponses(401, 403, 404, 409, 422) },
});

const withdraw = createRoute({
  method: 'post',
  path: '/api/v1/disputes/{disputeId}/withdraw',
  tags: TAGS,
  summary: 'Отозвать свой открытый спор (менеджер)',
  security: SESSION_SECURITY,
  request: { params: disputeIdParamSchema },
  responses: { 200: DISPUTE, ...errorResponses(401, 403, 404, 409, 422) },
});

export function registerDisputeRoutes(app: ApiApp, { services }: ServerContext): void {
  app.openapi(list, async (c) => c.json({ items: await services.disputes.listDisputes(viewerOf(c.var.session), c.req.valid('query')) }, 200));

  app.openapi(open, async (c) => c.json(await services.disputes.openDispute(viewerOf(c.var.session), c.req.valid('param').id, c.req.valid('json')), 201));

  app.openapi(get, async (c) => c.json(await services.disputes.getDispute(viewerOf(c.var.session), c.req.valid('param').disputeId), 200));

  app.openapi(accept, async (c) =>
    c.json(await services.disputes.acceptDispute(viewerOf(c.var.session), c.req.valid('param').disputeId, c.req.valid('json')), 200),
  );

  app.openapi(reject, async (c) =>
    c.json(await services.disputes.rejectDispute(viewerOf(c.var.session), c.req.valid('param').disputeId, c.req.valid('json').comment), 200),
  );

  app.openapi(withdraw, async (c) => c.json(await services.disputes.withdrawDispute(viewerOf(c.var.session), c.req.valid('param').disputeId), 200));
}
