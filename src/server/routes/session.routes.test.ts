import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASE_KINDS } from '../../data/testing/test-databases.ts';
import { createLogger } from '../../lib/logger.ts';
import { SYSTEM_VIEWER } from '../../services/accounts/access.ts';
import { buildApp } from '../app.ts';
import type { ErrorResponse } from '../schemas/common.schemas.ts';
import type { SessionResponse } from '../schemas/session.schemas.ts';
import { createServerServices } from '../server-services.ts';
import type { SeededApi } from '../testing/api-harness.ts';
import { seedApi, signIn, TEST_PASSWORD } from '../testing/api-harness.ts';

const login = (api: SeededApi, body: unknown, headers: Record<string, string> = {}) =>
  api.app.request('/api/v1/session/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe.each(DATABASE_KINDS)('sessions on %s', (kind) => {
  let api: SeededApi;

  beforeAll(async () => {
    api = await seedApi(kind);
  });

  afterAll(async () => {
    await api.cleanup();
  });

  it('signs in and sets an HttpOnly SameSite cookie', async () => {
    const response = await login(api, { login: 'Anna', password: TEST_PASSWORD });
    const body = (await response.json()) as SessionResponse;
    const cookie = response.headers.get('set-cookie') ?? '';

    expect(response.status).toBe(200);
    expect(body.user).toMatchObject({ login: 'anna', role: 'manager', roleTitle: 'Менеджер', manager: { id: api.managers.anna.id } });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
    expect(body.timeZone).toBe('Europe/Moscow');
    expect(cookie).toMatch(/^okk_session=[\w-]{43};/u);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    expect(JSON.stringify(body)).not.toContain('scrypt');
  });

  it('signs in by e-mail', async () => {
    const admin = await api.login('admin');
    await admin.post('/api/v1/users', { login: 'mail.user', email: 'Mail.User@Example.ru', role: 'qa_reviewer', password: TEST_PASSWORD });

    const response = await login(api, { login: 'mail.user@example.ru', password: TEST_PASSWORD });

    expect(response.status).toBe(200);
  });

  it('returns the current session with the same CSRF token', async () => {
    const client = await api.login('reviewer');

    const response = await client.get<SessionResponse>('/api/v1/session');

    expect(response.status).toBe(200);
    expect(response.body.csrfToken).toBe(client.csrfToken);
    expect(response.body.user.displayName).toBe('Ольга Проверкина');
  });

  it.each([
    ['no cookie', {}],
    ['an unknown token', { cookie: 'okk_session=unknown-token' }],
  ])('answers 401 with %s', async (_name, headers) => {
    const response = await api.app.request('/api/v1/session', { headers });

    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorResponse).error.code).toBe('UNAUTHENTICATED');
  });

  it('gives one message for a wrong password and an unknown login', async () => {
    const wrong = await login(api, { login: 'kazan.head', password: 'не тот пароль' });
    const unknown = await login(api, { login: 'nobody.here', password: 'не тот пароль' });

    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('limits failed logins and names when to retry', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push((await login(api, { login: 'moscow.head', password: `неверный-${attempt}` })).status);
    }
    const right = await login(api, { login: 'moscow.head', password: TEST_PASSWORD });
    const body = (await right.json()) as ErrorResponse;

    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(right.status).toBe(429);
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toContain('Повторите через 15 мин');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('refuses a disabled user with the right password', async () => {
    const admin = await api.login('admin');
    const created = await admin.post<{ user: { id: number } }>('/api/v1/users', { login: 'leaver', role: 'qa_reviewer', password: TEST_PASSWORD });
    await admin.patch(`/api/v1/users/${created.body.user.id}`, { disabled: true });

    const response = await login(api, { login: 'leaver', password: TEST_PASSWORD });

    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorResponse).error.message).toBe('Учётная запись отключена. Обратитесь к администратору okk.');
  });

  it.each([
    [{ login: '', password: 'x' }, 'login'],
    [{ login: 'anna' }, 'password'],
  ])('rejects login body %j', async (body, field) => {
    const response = await login(api, body);
    const error = ((await response.json()) as ErrorResponse).error;

    expect(response.status).toBe(422);
    expect(error.fields?.map((entry) => entry.path)).toEqual([field]);
  });

  it('rejects a login from another site', async () => {
    const response = await login(api, { login: 'anna', password: TEST_PASSWORD }, { origin: 'https://evil.example', host: 'okk.local' });

    expect(response.status).toBe(403);
  });

  it('accepts a login from its own origin', async () => {
    const response = await login(api, { login: 'anna', password: TEST_PASSWORD }, { origin: 'http://localhost', host: 'localhost' });

    expect(response.status).toBe(200);
  });

  it('logs out and forgets the session', async () => {
    const client = await api.login('kazanHead');

    const out = await client.post('/api/v1/session/logout');
    const after = await client.get('/api/v1/session');

    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('okk_session=;');
    expect(after.status).toBe(401);
  });

  it('needs the CSRF token to log out', async () => {
    const client = await api.login('kazanHead');

    const response = await client.send<ErrorResponse>('POST', '/api/v1/session/logout', undefined, {}, { csrf: false });
    const wrong = await client.send<ErrorResponse>('POST', '/api/v1/session/logout', undefined, { 'x-csrf-token': 'not-this-session-token' }, { csrf: false });

    expect(response.status).toBe(403);
    expect(wrong.status).toBe(403);
    expect((await client.get('/api/v1/session')).status).toBe(200);
  });

  it('changes the own password and ends the other sessions', async () => {
    const first = await api.login('marina');
    const second = await api.login('marina');

    const wrong = await first.post<ErrorResponse>('/api/v1/session/password', { currentPassword: 'не тот', newPassword: 'новый-пароль-марины' });
    const short = await first.post<ErrorResponse>('/api/v1/session/password', { currentPassword: TEST_PASSWORD, newPassword: 'короткий' });
    const changed = await first.post('/api/v1/session/password', { currentPassword: TEST_PASSWORD, newPassword: 'новый-пароль-марины' });

    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toBe('Текущий пароль указан неверно.');
    expect(short.status).toBe(422);
    expect(short.body.error.fields?.[0]?.path).toBe('newPassword');
    expect(changed.status).toBe(204);
    expect((await first.get('/api/v1/session')).status).toBe(200);
    expect((await second.get('/api/v1/session')).status).toBe(401);
    expect((await signIn(api.app, 'marina', TEST_PASSWORD)).response.status).toBe(401);
    expect((await signIn(api.app, 'marina', 'новый-пароль-марины')).response.status).toBe(200);
  });

  it('limits wrong current passwords like failed sign-ins', async () => {
    const client = await api.login('reviewer');
    const change = (currentPassword: string) => client.post<ErrorResponse>('/api/v1/session/password', { currentPassword, newPassword: 'новый-пароль-проверки' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push((await change(`неверный-${attempt}`)).status);
    }

    const right = await change(TEST_PASSWORD);

    expect(statuses).toEqual([422, 422, 422, 422, 422]);
    expect(right.status).toBe(429);
    expect(right.body.error).toEqual({ code: 'RATE_LIMITED', message: 'Слишком много неверных попыток ввести текущий пароль. Повторите через 15 мин.' });
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await signIn(api.app, 'okk.reviewer', TEST_PASSWORD)).response.status).toBe(200);
    expect((await (await api.login('admin')).post('/api/v1/session/password', { currentPassword: 'не тот', newPassword: 'новый-пароль-админа' })).status).toBe(422);
  });
});

describe('session cookies and expiry', () => {
  let api: SeededApi;

  beforeAll(async () => {
    api = await seedApi('sqlite');
  });

  afterAll(async () => {
    await api.cleanup();
  });

  const appWith = (secure: 'auto' | 'always' | 'never', sessions: { idleTimeoutMs?: number } = {}) => {
    const logger = createLogger({ level: 'silent' });
    const services = createServerServices({ database: api.database, logger, timeZone: 'Europe/Moscow', scrypt: { cost: 1024, blockSize: 8, parallelization: 1 }, sessions });
    return buildApp({ context: { database: api.database, services, logger, cookies: { secure, trustProxy: true }, timeZone: 'Europe/Moscow' }, webDist: null });
  };
  const loginTo = (app: ReturnType<typeof appWith>, url: string, headers: Record<string, string> = {}) =>
    app.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ login: 'admin', password: TEST_PASSWORD }) });

  it.each([
    ['always', 'http://okk.local/api/v1/session/login', {}, true],
    ['auto', 'https://okk.local/api/v1/session/login', {}, true],
    ['auto', 'http://okk.local/api/v1/session/login', { 'x-forwarded-proto': 'https' }, true],
    ['auto', 'http://okk.local/api/v1/session/login', {}, false],
  ] as const)('marks the cookie Secure with %s over %s', async (secure, url, headers, expected) => {
    const response = await loginTo(appWith(secure), url, headers);

    expect(response.status).toBe(200);
    expect((response.headers.get('set-cookie') ?? '').includes('Secure')).toBe(expected);
  });

  it('ends a session unused longer than the idle timeout', async () => {
    const app = appWith('never', { idleTimeoutMs: 1 });
    const response = await loginTo(app, '/api/v1/session/login');
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    await new Promise((resolve) => setTimeout(resolve, 20));

    const after = await app.request('/api/v1/session', { headers: { cookie } });

    expect(response.status).toBe(200);
    expect(after.status).toBe(401);
  });

  it('ends sessions when a user is disabled', async () => {
    const client = await api.login('anna');
    const anna = (await api.database.users.findByLogin('anna'))?.id ?? 0;

    await api.services.accounts.updateUser(SYSTEM_VIEWER, anna, { disabled: true });

    expect((await client.get('/api/v1/session')).status).toBe(401);
  });
});
