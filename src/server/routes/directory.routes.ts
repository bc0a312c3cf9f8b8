import { createRoute } from '@hono/zod-openapi';

import type { ApiApp } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import { managerListResponseSchema, referenceResponseSchema, teamListResponseSchema } from '../schemas/directory.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const TAGS = ['Справочники'];

const managers = createRoute({
  method: 'get',
  path: '/api/v1/managers',
  tags: TAGS,
  summary: 'Менеджеры, чьи звонки видит пользователь',
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(managerListResponseSchema, 'Менеджеры по имени'), ...errorResponses(401) },
});

const teams = createRoute({
  method: 'get',
  path: '/api/v1/teams',
  tags: TAGS,
  summary: 'Команды, чьи звонки видит пользователь',
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(teamListResponseSchema, 'Команды по названию'), ...errorResponses(401) },
});

const reference = createRoute({
  method: 'get',
  path: '/api/v1/reference',
  tags: TAGS,
  summary: 'Русские названия ролей, находок, важности и критериев действующего чек-листа',
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(referenceResponseSchema, 'Справочник'), ...errorResponses(401) },
});

export function registerDirectoryRoutes(app: ApiApp, { services }: ServerContext): void {
  app.openapi(managers, async (c) => c.json({ items: await services.directory.listManagers(viewerOf(c.var.session)) }, 200));

  app.openapi(teams, async (c) => c.json({ items: await services.directory.listTeams(viewerOf(c.var.session)) }, 200));

  app.openapi(reference, async (c) => c.json(await services.directory.reference(), 200));
}
