import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRoute } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AppError } from '../lib/app-error.ts';
import { createLogger } from '../lib/logger.ts';
import type { ApiApp } from './app-env.ts';
import { buildApp } from './app.ts';
import type { ErrorResponse } from './schemas/common.schemas.ts';
import type { ServerContext } from './server-context.ts';
import type { ApiClient, SeededApi } from './testing/api-harness.ts';
import { seedApi, signIn, TEST_PASSWORD } from './testing/api-harness.ts';
import { API_ROUTES } from './routes/index.ts';

/** Registers routes that fail on purpose, to check the error boundary's responses. */
function registerFailingRoutes(app: ApiApp): void {
  app.openapi(createRoute({ method: 'get', path: '/api/v1/test/crash', responses: { 200: { description: 'never' } } }), () => {
    throw new Error('secret internal detail /etc/okk');
  });
  app.openapi(createRoute({ method: 'get', path: '/api/v1/test/conflict', responses: { 200: { description: 'never' } } }), () => {
    throw new AppError('CONFLICT', 'Звонок уже проверяется.');
  });
}

/** Path parameters that pass validation, so that a request reaches the check of its body. */
const PATH_EXAMPLES: Readonly<Record<string, string>> = { checklistId: 'sales-default', criterionId: 'greeting', findingKey: 'irritation@1', id: 'call-1' };

/** The tag of a body that is a discriminated union: without it, no option is chosen to check the other keys against. */
const BODY_TAGS: Readonly<Record<string, Record<string, unknown>>> = { '/api/v1/calls/{id}/review/findings/{findingKey}': { action: 'remove' } };

describe('HTTP skeleton', () => {
  let api: SeededApi;
  let admin: ApiClient;
  let web: ApiApp;
  let failing: ApiApp;

  beforeAll(async () => {
    api = await seedApi('sqlite');
    admin = await api.login('admin');
    const webDist = path.join(api.folder, 'dist');
    await mkdir(path.join(webDist, 'assets'), { recursive: true });
    await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>okk UI</title><div id="root"></div>');
    await writeFile(path.join(webDist, 'assets', 'app.js'), 'console.log("okk")');
    const context: ServerContext = { database: api.database, services: api.services, logger: createLogger({ level: 'silent' }), cookies: { secure: 'never', trustProxy: false }, timeZone: 'Europe/Moscow' };
    web = buildApp({ context, webDist });
    failing = buildApp({ context, webDist: null, routes: [...API_ROUTES, registerFailingRoutes], bodyLimits: [{ pathPrefix: '/api/v1/uploads', maxBytes: 4 * 1024 * 1024 }] });
  });

  afterAll(async () => {
    await api.cleanup();
  });

  it('reports health', async () => {
    const response = await api.app.request('/healthz');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('publishes the OpenAPI document with every area', async () => {
    const response = await api.app.request('/api/openapi.json');
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } };

    expect(response.status).toBe(200);
    expect(document.openapi).toBe('3.1.0');
    for (const route of [
      '/api/v1/session/login',
      '/api/v1/users/{userId}',
      '/api/v1/calls',
      '/api/v1/calls/{id}/audio',
      '/api/v1/calls/{id}/review/criteria/{criterionId}',
      '/api/v1/disputes/{disputeId}/accept',
      '/api/v1/managers/{managerId}/coaching',
      '/api/v1/reports/causes',
      '/api/v1/checklists/{checklistId}/reevaluations',
    ]) {
      expect(Object.keys(document.paths), route).toContain(route);
    }
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['csrfToken', 'sessionCookie']);
  });

  it('serves the API docs page from bundled files', async () => {
    const page = await api.app.request('/api/docs');
    const bundle = await api.app.request('/api/docs/assets/swagger-ui-bundle.js');
    const init = await api.app.request('/api/docs/init.js');
    const other = await api.app.request('/api/docs/assets/index.html');

    expect(page.status).toBe(200);
    expect(await page.text()).not.toMatch(/https?:\/\//u);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect(await init.text()).toContain("url: '/api/openapi.json'");
    expect(other.status).toBe(404);
  });

  it('sets security headers and a request id', async () => {
    const response = await api.app.request('/healthz', { headers: { 'x-request-id': 'proxy-request-0001' } });
    const generated = await api.app.request('/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });

    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-request-id')).toBe('proxy-request-0001');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it('shows a Russian placeholder without a built UI', async () => {
    for (const url of ['/', '/calls/123']) {
      const response = await api.app.request(url);
      const text = await response.text();

      expect(response.status, url).toBe(200);
      expect(text, url).toContain('Веб-интерфейс ещё не собран');
      expect(text, url).toContain('<code>npm run build:web</code> в корневой папке okk');
      expect(text, url).not.toContain('в папке <code>web</code>');
    }
  });

  it('serves the built UI with a fallback to index.html', async () => {
    const root = await web.request('/');
    const route = await web.request('/calls/abc/review');
    const asset = await web.request('/assets/app.js');
    const missing = await web.request('/assets/missing.js');

    expect(await root.text()).toContain('okk UI');
    expect(await route.text()).toContain('okk UI');
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log("okk")');
    expect(missing.status).toBe(404);
  });

  it('answers unknown API paths with JSON', async () => {
    const response = await admin.get<ErrorResponse>('/api/v1/nothing-here');

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
    expect(response.body.error.message).toContain('/api/docs');
  });

  it('hides internals of an unexpected error', async () => {
    const client = await loginTo(failing);
    const response = await client.get<ErrorResponse>('/api/v1/test/crash');

    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('INTERNAL');
    expect(response.body.error.message).toContain(response.headers.get('x-request-id') ?? 'none');
    expect(JSON.stringify(response.body)).not.toContain('secret internal detail');
  });

  it('maps an application error to its status', async () => {
    const client = await loginTo(failing);
    const response = await client.get<ErrorResponse>('/api/v1/test/conflict');

    expect(response.status).toBe(409);
    expect(response.body.error).toEqual({ code: 'CONFLICT', message: 'Звонок уже проверяется.' });
  });

  it('limits body size, with larger limits for configured paths', async () => {
    const client = await loginTo(failing);
    const big = 'а'.repeat(700 * 1024);

    const refused = await client.post<ErrorResponse>('/api/v1/users', { login: 'big', role: 'admin', displayName: big });
    const allowed = await client.post<ErrorResponse>('/api/v1/uploads', { note: big });

    expect(refused.status).toBe(413);
    expect(refused.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refused.body.error.message).toBe('Тело запроса больше допустимых 1 МБ.');
    expect(allowed.status).not.toBe(413);
  });

  it('rejects malformed JSON and other content types', async () => {
    const malformed = await api.app.request('/api/v1/session/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"login": ' });
    const text = await api.app.request('/api/v1/session/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'login=admin' });

    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorResponse).error.code).toBe('BAD_REQUEST');
    expect(text.status).toBe(415);
    expect(((await text.json()) as ErrorResponse).error.code).toBe('UNSUPPORTED_FORMAT');
  });

  it('reads an empty JSON body as no fields', async () => {
    const url = '/api/v1/calls/call-1/review/overrides/1/revert';

    const empty = await admin.send<ErrorResponse>('POST', url, undefined, { 'content-type': 'application/json' });
    const zeroLength = await admin.send<ErrorResponse>('POST', url, undefined, { 'content-type': 'application/json', 'content-length': '0' });
    const users = await admin.get<{ items: { id: number; login: string }[] }>('/api/v1/users');
    const other = users.body.items.find((user) => user.login === 'nobody');
    const reset = await admin.send<{ generatedPassword: string | null }>('POST', `/api/v1/users/${other?.id ?? 0}/password-reset`, undefined, { 'content-type': 'application/json' });

    expect(empty.status).toBe(422);
    expect(empty.body.error.fields).toEqual([{ path: 'comment', message: 'обязательное поле' }]);
    expect(zeroLength.status).toBe(422);
    expect(zeroLength.body.error.fields).toEqual([{ path: 'comment', message: 'обязательное поле' }]);
    expect(reset.status).toBe(200);
    expect(reset.body.generatedPassword).toMatch(/^[\w-]{16}$/u);
  });

  it('rejects unknown body fields on every route', async () => {
    const document = (await (await api.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>> };
    const routes = Object.entries(document.paths).flatMap(([route, methods]) =>
      Object.entries(methods).flatMap(([method, operation]) => (operation.requestBody?.content?.['application/json'] === undefined ? [] : [{ route, method }])),
    );
    expect(routes.length).toBeGreaterThan(10);

    for (const { route, method } of routes) {
      const url = route.replace(/\{(\w+)\}/gu, (_match, name: string) => PATH_EXAMPLES[name] ?? '1');
      const response = await admin.send<ErrorResponse>(method.toUpperCase(), url, { ...BODY_TAGS[route], лишнее: 1 });

      expect(response.status, `${method} ${route}`).toBe(422);
      expect(response.body.error.fields, `${method} ${route}`).toContainEqual({ path: 'лишнее', message: expect.stringMatching(/^неизвестное поле «лишнее»/u) as unknown });
    }
  });

  it('lists Russian references for the UI', async () => {
    const response = await admin.get<{ roles: { id: string; title: string }[]; findingKinds: { id: string; title: string }[]; criteria: { id: string }[]; checklist: { id: string } }>('/api/v1/reference');

    expect(response.body.roles).toContainEqual({ id: 'qa_reviewer', title: 'Специалист ОКК' });
    expect(response.body.findingKinds).toContainEqual({ id: 'irritation', title: 'Раздражение / грубость' });
    expect(response.body.criteria.map((criterion) => criterion.id)).toEqual(api.checklist.criteria.filter((criterion) => criterion.enabled).map((criterion) => criterion.id));
    expect(response.body.checklist.id).toBe(api.checklist.id);
  });

  async function loginTo(app: ApiApp): Promise<ApiClient> {
    const { client } = await signIn(app, 'admin', TEST_PASSWORD);
    if (client === null) {
      throw new Error('admin could not sign in');
    }
    return client;
  }
});
