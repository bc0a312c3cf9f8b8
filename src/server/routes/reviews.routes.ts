import { createRoute } from '@hono/zod-openapi';

import type { ApiApp } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, jsonBody, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import { callIdParamSchema, callReviewStateSchema, criterionParamSchema, findingKeyParamSchema, overrideParamSchema } from '../schemas/calls.schemas.ts';
import {
  criterionReviewRequestSchema,
  findingAddRequestSchema,
  findingReviewRequestSchema,
  overrideRevertRequestSchema,
} from '../schemas/reviews.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const TAGS = ['Проверка ОКК'];
const STATE = jsonResponse(callReviewStateSchema, 'Оценка после изменения, история и споры');

const reviewCriterion = createRoute({
  method: 'post',
  path: '/api/v1/calls/{id}/review/criteria/{criterionId}',
  tags: TAGS,
  summary: 'Подтвердить или изменить вердикт критерия (специалист ОКК, администратор)',
  description: 'Вердикт, равный вердикту движка, подтверждает его. Оценка пересчитывается по формуле движка.',
  security: SESSION_SECURITY,
  request: { params: criterionParamSchema, body: jsonBody(criterionReviewRequestSchema) },
  responses: { 200: STATE, ...errorResponses(401, 403, 404, 409, 422) },
});

const reviewFinding = createRoute({
  method: 'post',
  path: '/api/v1/calls/{id}/review/findings/{findingKey}',
  tags: TAGS,
  summary: 'Подтвердить находку (можно сменить важность) или удалить ложную (специалист ОКК, администратор)',
  security: SESSION_SECURITY,
  request: { params: findingKeyParamSchema, body: jsonBody(findingReviewRequestSchema) },
  responses: { 200: STATE, ...errorResponses(401, 403, 404, 409, 422) },
});

const addFinding = createRoute({
  method: 'post',
  path: '/api/v1/calls/{id}/review/findings',
  tags: TAGS,
  summary: 'Добавить пропущенную находку с цитатой из реплики (специалист ОКК, администратор)',
  security: SESSION_SECURITY,
  request: { params: callIdParamSchema, body: jsonBody(findingAddRequestSchema) },
  responses: { 200: STATE, ...errorResponses(401, 403, 404, 409, 422) },
});

const revert = createRoute({
  method: 'post',
  path: '/api/v1/calls/{id}/review/overrides/{overrideId}/revert',
  tags: TAGS,
  summary: 'Отменить правку ОКК и вернуть вердикт движка (специалист ОКК, администратор)',
  security: SESSION_SECURITY,
  request: { params: overrideParamSchema, body: jsonBody(overrideRevertRequestSchema) },
  responses: { 200: STATE, ...errorResponses(401, 403, 404, 422) },
});

export function registerReviewRoutes(app: ApiApp, { services }: ServerContext): void {
  app.openapi(reviewCriterion, async (c) => {
    const { id, criterionId } = c.req.valid('param');
    return c.json(await services.reviews.reviewCriterion(viewerOf(c.var.session), id, criterionId, c.req.valid('json')), 200);
  });

  app.openapi(reviewFinding, async (c) => {
    const { id, findingKey } = c.req.valid('param');
    return c.json(await services.reviews.reviewFinding(viewerOf(c.var.session), id, findingKey, c.req.valid('json')), 200);
  });

  app.openapi(addFinding, async (c) => c.json(await services.reviews.addFinding(viewerOf(c.var.session), c.req.valid('param').id, c.req.valid('json')), 200));

  app.openapi(revert, async (c) => {
    const { id, overrideId } = c.req.valid('param');
    return c.json(await services.reviews.revertOverride(viewerOf(c.var.session), id, overrideId, c.req.valid('json').comment), 200);
  });
}
