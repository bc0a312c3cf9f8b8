import { createRoute } from '@hono/zod-openapi';

import { AppError } from '../../lib/app-error.ts';
import type { IntegrationStatusService } from '../../services/integrations/integration-status.service.ts';
import type { ApiApp } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, jsonBody, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import { errorResponseSchema } from '../schemas/common.schemas.ts';
import { alertTestRequestSchema, alertTestResponseSchema, integrationStatusSchema } from '../schemas/integrations.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const TAGS = ['Интеграции'];

const status = createRoute({
  method: 'get',
  path: '/api/v1/integrations',
  tags: TAGS,
  summary: 'Подключения и их состояние (администратор)',
  description: 'База данных, очередь задач, распознавание речи и модель, импортированные журналы звонков и данные CRM, каналы оповещений с последней отправкой и ошибкой. Секреты не возвращаются.',
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(integrationStatusSchema, 'Состояние интеграций'), ...errorResponses(401, 403, 503) },
});

const testAlerts = createRoute({
  method: 'post',
  path: '/api/v1/integrations/alerts/test',
  tags: TAGS,
  summary: 'Отправить тестовое оповещение (администратор)',
  description: 'Отправляет проверочное сообщение во все каналы оповещений или в один и возвращает результат по каждому каналу.',
  security: SESSION_SECURITY,
  request: { body: jsonBody(alertTestRequestSchema) },
  responses: {
    200: jsonResponse(alertTestResponseSchema, 'Результат по каналам'),
    ...errorResponses(401, 403, 404, 422, 503),
    409: jsonResponse(errorResponseSchema, 'Оповещения не настроены или выключены'),
  },
});

function serviceOf(context: ServerContext): IntegrationStatusService {
  if (context.integrations == null) {
    throw new AppError('UNAVAILABLE', 'Состояние интеграций недоступно: сервер запущен без настроек (okk serve их передаёт).');
  }
  return context.integrations;
}

export function registerIntegrationRoutes(app: ApiApp, context: ServerContext): void {
  app.openapi(status, async (c) => c.json(await serviceOf(context).status(viewerOf(c.var.session)), 200));

  app.openapi(testAlerts, async (c) => {
    const viewer = viewerOf(c.var.session);
    const { channel } = c.req.valid('json');
    const service = serviceOf(context);
    const current = await service.status(viewer);
    if (channel !== undefined && !current.alerts.channels.some((candidate) => candidate.name === channel)) {
      throw new AppError('NOT_FOUND', `Канал оповещений «${channel}» не настроен.`);
    }
    if (!current.alerts.active) {
      throw new AppError('CONFLICT', 'Оповещения не настроены или выключены: добавьте каналы в раздел alerts файла настроек.');
    }
    return c.json({ results: await service.testAlerts(viewer, channel ?? null) }, 200);
  });
}
