import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../../data/testing/test-databases.ts';
import { createLogger } from '../../lib/logger.ts';
import { SYSTEM_VIEWER } from '../../services/accounts/access.ts';
import { defaultFollowThroughSettings } from '../../services/followthrough/follow-through-config.ts';
import { runFollowThrough } from '../../services/followthrough/follow-through.service.ts';
import { generateCompanyHistory, PLANTED } from '../../services/outcomes/testing/company-history.ts';
import type { ApiApp } from '../app-env.ts';
import { buildApp } from '../app.ts';
import { createServerServices } from '../server-services.ts';

const TIME_ZONE = 'Europe/Moscow';
const PASSWORD = 'проверка-итогов-2026';

interface ReportBody {
  managers: { managerId: number | null; team: string | null }[];
  promises: { managerId: number | null }[];
  drivers: { detractors: { drivers: { feature: string; verdict: string }[] } };
}

describe('outcomes routes', () => {
  let test: TestDatabase;
  let app: ApiApp;
  let ownManagerId = 0;
  let otherManagerId = 0;
  let otherCallId = '';
  let ownCallId = '';
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    test = await openTestDatabase('sqlite', { timeZone: TIME_ZONE });
    const { database } = test;
    const history = generateCompanyHistory(5, PLANTED, 150);
    await database.calls.saveTranscripts(history.transcripts.map((transcript) => ({ transcript, searchText: '' })));
    await database.evaluations.saveEvaluations(history.evaluations);
    await database.callLogs.saveRecords(history.callLog.map((record) => ({ record, fileName: 'log.csv', managerName: record.manager, queueTeam: null })));
    await database.outcomes.saveNpsAnswers(history.answers, 'nps.csv');
    await database.outcomes.saveDeals(history.deals, 'deals.csv');
    const logger = createLogger({ level: 'silent' });
    await runFollowThrough(database, defaultFollowThroughSettings(TIME_ZONE), history.now, logger);

    const managers = await database.managers.listManagers();
    const sales = managers.filter((manager) => manager.team?.name === 'Продажи');
    const service = managers.filter((manager) => manager.team?.name === 'Сервис');
    ownManagerId = sales[0]?.id ?? 0;
    otherManagerId = service[0]?.id ?? 0;
    const callsOfPhone = (phone: string | null | undefined) => history.transcripts.filter((transcript) => transcript.call.client?.phone === phone).length;
    ownCallId = history.transcripts.find((transcript) => transcript.call.manager?.name === sales[0]?.name && callsOfPhone(transcript.call.client?.phone) > 1)?.call.id ?? '';
    otherCallId = history.transcripts.find((transcript) => transcript.call.manager?.name === service[0]?.name)?.call.id ?? '';

    const services = createServerServices({ database, logger, timeZone: TIME_ZONE, scrypt: { cost: 2 ** 10, blockSize: 8, parallelization: 1 } });
    const salesTeam = sales[0]?.team?.id ?? 0;
    await services.accounts.createUser(SYSTEM_VIEWER, { login: 'rop', role: 'head_of_sales', teamIds: [salesTeam], password: PASSWORD });
    await services.accounts.createUser(SYSTEM_VIEWER, { login: 'manager', role: 'manager', managerId: ownManagerId, password: PASSWORD });
    await services.accounts.createUser(SYSTEM_VIEWER, { login: 'okk', role: 'qa_reviewer', password: PASSWORD });
    app = buildApp({ context: { database, services, logger, cookies: { secure: 'never', trustProxy: false }, timeZone: TIME_ZONE }, webDist: null });
    for (const login of ['rop', 'manager', 'okk']) {
      const response = await app.request('/api/v1/session/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login, password: PASSWORD }),
      });
      expect(response.status, login).toBe(200);
      cookies.set(login, (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
    }
  });
  afterAll(async () => {
    await test.cleanup();
  });

  const get = (login: string, url: string) => app.request(url, { headers: { Cookie: cookies.get(login) ?? '' } });

  it('gives a head of sales the figures of their team only', async () => {
    const response = await get('rop', '/api/v1/outcomes?since=2026-02-19');
    expect(response.status).toBe(200);
    const body = (await response.json()) as ReportBody;
    expect(body.managers.length).toBeGreaterThan(0);
    expect(body.managers.every((manager) => manager.team === 'Продажи')).toBe(true);
    expect(body.drivers.detractors.drivers.map((driver) => driver.feature)).toContain('finding:question_ignored');
  });

  it('forbids the head-of-sales report to a manager', async () => {
    const response = await get('manager', '/api/v1/outcomes');
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('gives a manager their own page and hides others', async () => {
    const own = await get('manager', `/api/v1/managers/${ownManagerId}/outcomes`);
    expect(own.status).toBe(200);
    const body = (await own.json()) as ReportBody;
    expect(body.promises.length).toBeGreaterThan(0);
    expect(body.promises.every((promise) => promise.managerId === ownManagerId)).toBe(true);
    expect((await get('manager', `/api/v1/managers/${otherManagerId}/outcomes`)).status).toBe(404);
  });

  it('rejects a malformed date with a Russian message', async () => {
    const response = await get('okk', '/api/v1/outcomes?from=вчера');
    expect(response.status).toBe(422);
  });

  it.each(['/api/v1/outcomes', '/api/v1/outcomes/export.xlsx', 'manager'])('rejects a reversed period on %s', async (url) => {
    const path = url === 'manager' ? `/api/v1/managers/${ownManagerId}/outcomes` : url;
    const response = await get('okk', `${path}?from=2026-12-05&to=2026-12-01`);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: { code: 'INVALID_INPUT', message: 'Начало периода (2026-12-05) должно быть раньше конца (2026-12-01).' } });
  });

  it('explains the exclusive end of one day', async () => {
    const response = await get('okk', '/api/v1/outcomes?from=2026-12-01&to=2026-12-01');
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('укажите конец 2026-12-02');
    expect((await get('okk', '/api/v1/outcomes?from=2026-12-01&to=2026-12-02')).status).toBe(200);
  });

  it('exports the report as a workbook', async () => {
    const response = await get('okk', '/api/v1/outcomes/export.xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.getWorksheet('Обещания')?.getRow(1).getCell(1).value).toBe('Звонок');
  });

  it('shows the client history of a call to whoever may see the call', async () => {
    const response = await get('manager', `/api/v1/calls/${encodeURIComponent(ownCallId)}/client-history`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { client: { phone: string } | null; earlier: unknown[]; later: unknown[] };
    expect(body.client?.phone).toMatch(/^\+7900/);
    expect(body.earlier.length + body.later.length).toBeGreaterThan(0);
    expect((await get('manager', `/api/v1/calls/${encodeURIComponent(otherCallId)}/client-history`)).status).toBe(404);
  });
});
