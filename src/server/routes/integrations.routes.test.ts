import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startHttpMock } from '../../integrations/alerts/testing/alert-mocks.ts';
import type { HttpMock } from '../../integrations/alerts/testing/alert-mocks.ts';
import type { AppConfig } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { AlertService } from '../../services/alerts/alert.service.ts';
import { parseAlertSettings } from '../../services/alerts/alerts-config.ts';
import { IntegrationStatusService } from '../../services/integrations/integration-status.service.ts';
import type { ApiApp } from '../app-env.ts';
import { buildApp } from '../app.ts';
import type { SeededApi } from '../testing/api-harness.ts';
import { seedApi, TEST_TIME_ZONE } from '../testing/api-harness.ts';
import type { IntegrationStatusResponse } from '../schemas/integrations.schemas.ts';

describe('integrations API', () => {
  let seeded: SeededApi;
  let telegram: HttpMock;
  let app: ApiApp;
  let alerts: AlertService;

  beforeAll(async () => {
    seeded = await seedApi('sqlite');
    telegram = await startHttpMock([{ status: 200, body: '{"ok":true}' }]);
    const settings = parseAlertSettings(
      { recipients: [{ name: 'РОП Москва', teams: ['Москва'], telegramChatId: '42' }], channels: { tg: { type: 'telegram', baseUrl: telegram.url, botToken: 'env:OKK_ROUTE_TEST_TOKEN' } } },
      TEST_TIME_ZONE,
      { OKK_ROUTE_TEST_TOKEN: 'route-secret-token' },
    );
    alerts = new AlertService({ database: seeded.database, settings, logger: createLogger({ level: 'silent' }) });
    const config = { databaseUrl: 'sqlite:/srv/okk/okk.sqlite', dataDir: seeded.folder, timeZone: TEST_TIME_ZONE, file: null, section: <T>(_name: string, schema: { parse(value: unknown): T }) => schema.parse({}) } as AppConfig;
    const integrations = new IntegrationStatusService({ database: seeded.database, config, alerts: { service: alerts, settings }, jobQueue: { backend: 'sqlite', workerInProcess: true } });
    app = buildApp({
      context: { database: seeded.database, services: seeded.services, logger: createLogger({ level: 'silent' }), cookies: { secure: 'never', trustProxy: false }, timeZone: TEST_TIME_ZONE, integrations },
      webDist: null,
    });
  });
  afterAll(async () => {
    await alerts.close();
    await telegram.close();
    await seeded.cleanup();
  });

  it.each(['reviewer', 'kazanHead', 'anna'] as const)('refuses %s with 403', async (user) => {
    const client = await seeded.login(user);
    const viaApp = await app.request('/api/v1/integrations', { headers: { cookie: client.cookie } });
    expect(viaApp.status).toBe(403);
    const test = await app.request('/api/v1/integrations/alerts/test', { method: 'POST', headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': 'application/json' }, body: '{}' });
    expect(test.status).toBe(403);
  });

  it('describes the installation to the administrator without secrets', async () => {
    const admin = await seeded.login('admin');
    const response = await app.request('/api/v1/integrations', { headers: { cookie: admin.cookie } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('route-secret-token');
    const body = JSON.parse(text) as IntegrationStatusResponse;
    expect(body.database).toEqual({ kind: 'sqlite', location: '/srv/okk/okk.sqlite' });
    expect(body.jobQueue).toEqual({ backend: 'sqlite', workerInProcess: true });
    expect(body.asr).toMatchObject({ engine: 't-one', local: true, model: 't-one', modelFound: false });
    expect(body.asr.problem).toContain('не найдена');
    expect(body.alerts).toMatchObject({ enabled: true, active: true, recipients: [{ name: 'РОП Москва', teams: ['Москва'], telegram: true, email: false }] });
    expect(body.alerts.channels).toEqual([
      expect.objectContaining({ name: 'tg', type: 'telegram', target: telegram.url, secret: { source: 'переменная OKK_ROUTE_TEST_TOKEN', masked: '••••••••' }, addresses: 1, lastSentAt: null, lastError: null }),
    ]);
  });

  it('test alert needs the CSRF token', async () => {
    const admin = await seeded.login('admin');
    const withoutCsrf = await app.request('/api/v1/integrations/alerts/test', { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(withoutCsrf.status).toBe(403);
    expect(telegram.received).toHaveLength(0);

    const sent = await app.request('/api/v1/integrations/alerts/test', { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'tg' }) });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({ results: [{ channel: 'tg', type: 'telegram', addresses: 1, ok: true, failures: [] }] });
    expect(telegram.received).toHaveLength(1);

    const missing = await app.request('/api/v1/integrations/alerts/test', { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'sms' }) });
    expect(missing.status).toBe(404);

    const after = (await (await app.request('/api/v1/integrations', { headers: { cookie: admin.cookie } })).json()) as IntegrationStatusResponse;
    expect(after.alerts.channels[0]?.lastSentAt).not.toBeNull();
  });

  it('is documented in the OpenAPI description', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/integrations', '/api/v1/integrations/alerts/test']));
  });
});
