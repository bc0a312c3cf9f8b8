import { createRoute } from '@hono/zod-openapi';

import { buildOutcomesWorkbook } from '../../services/outcomes/outcomes-xlsx.ts';
import type { ApiApp } from '../app-env.ts';
import { viewerOf } from '../app-env.ts';
import { errorResponses, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import { callIdParamSchema } from '../schemas/calls.schemas.ts';
import { clientHistorySchema, managerOutcomesQuerySchema, outcomesQuerySchema, outcomesReportSchema } from '../schemas/outcomes.schemas.ts';
import { managerIdParamSchema } from '../schemas/reports.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const TAGS = ['Результаты'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const report = createRoute({
  method: 'get',
  path: '/api/v1/outcomes',
  tags: TAGS,
  summary: 'Выполнение обещаний, перезвоны, NPS и повторные покупки: по менеджерам, факторы и динамика',
  description:
    'Для руководителя отдела продаж (свои команды), ОКК и администратора. `since` — дата запуска ОКК: NPS и повторные покупки ' +
    'сравниваются до и после неё. Каждый фактор — с числом случаев, интервалом и примерами звонков; при малом числе случаев — «недостаточно данных».',
  security: SESSION_SECURITY,
  request: { query: outcomesQuerySchema },
  responses: { 200: jsonResponse(outcomesReportSchema, 'Показатели'), ...errorResponses(401, 403, 422) },
});

const workbook = createRoute({
  method: 'get',
  path: '/api/v1/outcomes/export.xlsx',
  tags: TAGS,
  summary: 'Те же показатели книгой Excel: менеджеры, обещания, пропущенные звонки, факторы, динамика',
  security: SESSION_SECURITY,
  request: { query: outcomesQuerySchema },
  responses: {
    200: { description: 'Книга Excel', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
    ...errorResponses(401, 403, 422),
  },
});

const managerOutcomes = createRoute({
  method: 'get',
  path: '/api/v1/managers/{managerId}/outcomes',
  tags: TAGS,
  summary: 'Обещания, пропущенные звонки, NPS и повторные покупки одного менеджера',
  description: 'Менеджер видит только свои результаты, руководитель — менеджеров своих команд, ОКК и администратор — всех.',
  security: SESSION_SECURITY,
  request: { params: managerIdParamSchema, query: managerOutcomesQuerySchema },
  responses: { 200: jsonResponse(outcomesReportSchema, 'Показатели менеджера'), ...errorResponses(401, 404, 422) },
});

const clientHistory = createRoute({
  method: 'get',
  path: '/api/v1/calls/{id}/client-history',
  tags: TAGS,
  summary: 'Более ранние и более поздние звонки клиента и что стало с обещаниями этого звонка',
  description: 'Клиент определяется по телефону (и id в CRM). Записи журнала звонков видны всем, кто видит звонок; другие проверенные звонки — только тем, кому они доступны.',
  security: SESSION_SECURITY,
  request: { params: callIdParamSchema },
  responses: { 200: jsonResponse(clientHistorySchema, 'История клиента'), ...errorResponses(401, 404) },
});

export function registerOutcomeRoutes(app: ApiApp, { services, timeZone }: ServerContext): void {
  app.openapi(report, async (c) => c.json(await services.outcomes.salesReport(viewerOf(c.var.session), c.req.valid('query')), 200));

  app.openapi(workbook, async (c) => {
    const data = await services.outcomes.salesReport(viewerOf(c.var.session), c.req.valid('query'));
    const body = await buildOutcomesWorkbook(data, timeZone);
    return c.body(new Uint8Array(body), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': 'attachment; filename="okk-outcomes.xlsx"' });
  });

  app.openapi(managerOutcomes, async (c) =>
    c.json(await services.outcomes.managerReport(viewerOf(c.var.session), c.req.valid('param').managerId, c.req.valid('query')), 200),
  );

  app.openapi(clientHistory, async (c) => c.json(await services.outcomes.clientHistory(viewerOf(c.var.session), c.req.valid('param').id), 200));
}
