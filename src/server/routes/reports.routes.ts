import { createRoute } from '@hono/zod-openapi';

import type { ApiApp } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import {
  causesResponseSchema,
  coachingQuerySchema,
  coachingResponseSchema,
  comparisonResponseSchema,
  managerIdParamSchema,
  problemCallsQuerySchema,
  problemCallsResponseSchema,
  reportFilterQuerySchema,
  trendsQuerySchema,
  trendsResponseSchema,
} from '../schemas/reports.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const TAGS = ['Отчёты'];

const coaching = createRoute({
  method: 'get',
  path: '/api/v1/managers/{managerId}/coaching',
  tags: TAGS,
  summary: '«Мой разбор»: оценка по неделям, три поведения для работы с фрагментами и рекомендациями, прогресс',
  description: 'Менеджер видит только свой разбор, руководитель — менеджеров своих команд, ОКК и администратор — всех.',
  security: SESSION_SECURITY,
  request: { params: managerIdParamSchema, query: coachingQuerySchema },
  responses: { 200: jsonResponse(coachingResponseSchema, 'Разбор менеджера'), ...errorResponses(401, 404, 422) },
});

const causes = createRoute({
  method: 'get',
  path: '/api/v1/reports/causes',
  tags: TAGS,
  summary: 'Причины потери клиентов: по частоте и по тому, насколько они снижают оценку, с примерами звонков',
  description: 'Период по умолчанию — последние 30 дней. Доступно руководителю (свои команды), ОКК и администратору.',
  security: SESSION_SECURITY,
  request: { query: reportFilterQuerySchema },
  responses: { 200: jsonResponse(causesResponseSchema, 'Причины'), ...errorResponses(401, 403, 422) },
});

const comparison = createRoute({
  method: 'get',
  path: '/api/v1/reports/comparison',
  tags: TAGS,
  summary: 'Сравнение команд и менеджеров за период',
  security: SESSION_SECURITY,
  request: { query: reportFilterQuerySchema },
  responses: { 200: jsonResponse(comparisonResponseSchema, 'Команды и менеджеры'), ...errorResponses(401, 403, 422) },
});

const trends = createRoute({
  method: 'get',
  path: '/api/v1/reports/trends',
  tags: TAGS,
  summary: 'Оценка, число звонков и находки по неделям',
  security: SESSION_SECURITY,
  request: { query: trendsQuerySchema },
  responses: { 200: jsonResponse(trendsResponseSchema, 'Недели, старые первыми'), ...errorResponses(401, 403, 422) },
});

const problemCalls = createRoute({
  method: 'get',
  path: '/api/v1/reports/problem-calls',
  tags: TAGS,
  summary: 'Проблемные звонки дня: оценка ниже порога или критичные находки',
  description: 'День считается в часовом поясе пользователя (параметр timeZone, иначе настройка пользователя, иначе установки).',
  security: SESSION_SECURITY,
  request: { query: problemCallsQuerySchema },
  responses: { 200: jsonResponse(problemCallsResponseSchema, 'Проблемные звонки, худшие первыми'), ...errorResponses(401, 403, 422) },
});

export function registerReportRoutes(app: ApiApp, { services }: ServerContext): void {
  app.openapi(coaching, async (c) =>
    c.json(await services.coaching.coaching(viewerOf(c.var.session), c.req.valid('param').managerId, c.req.valid('query')), 200),
  );

  app.openapi(causes, async (c) => c.json(await services.salesReport.causes(viewerOf(c.var.session), c.req.valid('query')), 200));

  app.openapi(comparison, async (c) => c.json(await services.salesReport.comparison(viewerOf(c.var.session), c.req.valid('query')), 200));

  app.openapi(trends, async (c) => c.json(await services.salesReport.trends(viewerOf(c.var.session), c.req.valid('query')), 200));

  app.openapi(problemCalls, async (c) => c.json(await services.salesReport.problemCalls(viewerOf(c.var.session), c.req.valid('query')), 200));
}
