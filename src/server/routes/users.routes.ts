import { createRoute, z } from '@hono/zod-openapi';

import type { ApiApp } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, jsonBody, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import { idParam } from '../schemas/common.schemas.ts';
import { userSchema } from '../schemas/session.schemas.ts';
import {
  passwordResetRequestSchema,
  userCreateRequestSchema,
  userListResponseSchema,
  userUpdateRequestSchema,
  userWithPasswordSchema,
} from '../schemas/users.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const TAGS = ['Пользователи'];
const userIdParams = z.object({ userId: idParam('userId') });

const list = createRoute({
  method: 'get',
  path: '/api/v1/users',
  tags: TAGS,
  summary: 'Список пользователей (администратор)',
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(userListResponseSchema, 'Пользователи по имени'), ...errorResponses(401, 403) },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/users',
  tags: TAGS,
  summary: 'Создать пользователя (администратор)',
  description: 'Без пароля в запросе пароль создаётся и возвращается один раз в ответе.',
  security: SESSION_SECURITY,
  request: { body: jsonBody(userCreateRequestSchema) },
  responses: { 201: jsonResponse(userWithPasswordSchema, 'Пользователь создан'), ...errorResponses(401, 403, 404, 409, 422) },
});

const get = createRoute({
  method: 'get',
  path: '/api/v1/users/{userId}',
  tags: TAGS,
  summary: 'Пользователь (администратор)',
  security: SESSION_SECURITY,
  request: { params: userIdParams },
  responses: { 200: jsonResponse(userSchema, 'Пользователь'), ...errorResponses(401, 403, 404, 422) },
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/users/{userId}',
  tags: TAGS,
  summary: 'Изменить роль, привязки, данные или отключить пользователя (администратор)',
  description: 'Отключение завершает все сессии пользователя. Последнего администратора нельзя отключить или лишить роли.',
  security: SESSION_SECURITY,
  request: { params: userIdParams, body: jsonBody(userUpdateRequestSchema) },
  responses: { 200: jsonResponse(userSchema, 'Пользователь после изменения'), ...errorResponses(401, 403, 404, 409, 422) },
});

const resetPassword = createRoute({
  method: 'post',
  path: '/api/v1/users/{userId}/password-reset',
  tags: TAGS,
  summary: 'Сбросить пароль пользователя (администратор)',
  description: 'Завершает все сессии пользователя. Без пароля в запросе новый пароль создаётся и возвращается один раз.',
  security: SESSION_SECURITY,
  request: { params: userIdParams, body: jsonBody(passwordResetRequestSchema) },
  responses: { 200: jsonResponse(userWithPasswordSchema, 'Пароль изменён'), ...errorResponses(401, 403, 404, 422) },
});

export function registerUserRoutes(app: ApiApp, { services }: ServerContext): void {
  app.openapi(list, async (c) => c.json({ items: await services.accounts.listUsers(viewerOf(c.var.session)) }, 200));

  app.openapi(create, async (c) => c.json(await services.accounts.createUser(viewerOf(c.var.session), c.req.valid('json')), 201));

  app.openapi(get, async (c) => c.json(await services.accounts.getUser(viewerOf(c.var.session), c.req.valid('param').userId), 200));

  app.openapi(update, async (c) =>
    c.json(await services.accounts.updateUser(viewerOf(c.var.session), c.req.valid('param').userId, c.req.valid('json')), 200),
  );

  app.openapi(resetPassword, async (c) =>
    c.json(await services.accounts.resetPassword(viewerOf(c.var.session), c.req.valid('param').userId, c.req.valid('json').password), 200),
  );
}
