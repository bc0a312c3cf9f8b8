import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ErrorResponse } from '../schemas/common.schemas.ts';
import type { UserView } from '../schemas/session.schemas.ts';
import type { UserListResponse, UserWithPassword } from '../schemas/users.schemas.ts';
import type { ApiClient, SeededApi } from '../testing/api-harness.ts';
import { seedApi, signIn, TEST_PASSWORD } from '../testing/api-harness.ts';

describe('user administration', () => {
  let api: SeededApi;
  let admin: ApiClient;

  beforeAll(async () => {
    api = await seedApi('sqlite');
    admin = await api.login('admin');
  });

  afterAll(async () => {
    await api.cleanup();
  });

  it('lists users without secrets', async () => {
    const response = await admin.get<UserListResponse>('/api/v1/users');

    expect(response.status).toBe(200);
    expect(response.body.items.map((user) => user.login).sort()).toEqual(['admin', 'anna', 'kazan.head', 'marina', 'moscow.head', 'nobody', 'okk.reviewer']);
    expect(JSON.stringify(response.body)).not.toMatch(/scrypt|password/u);
    const head = response.body.items.find((user) => user.login === 'moscow.head');
    expect(head?.teams).toEqual([{ id: api.teams.moscow.id, name: 'Продажи, Москва' }]);
    expect(head?.roleTitle).toBe('Руководитель отдела продаж');
  });

  it('creates a user with a generated password that signs in', async () => {
    const response = await admin.post<UserWithPassword>('/api/v1/users', {
      login: 'denis',
      displayName: 'Денис Орлов',
      role: 'manager',
      managerId: api.managers.denis.id,
    });

    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ login: 'denis', displayName: 'Денис Орлов', role: 'manager', manager: { id: api.managers.denis.id, name: 'Денис Орлов' }, disabled: false });
    expect(response.body.generatedPassword).toMatch(/^[\w-]{16}$/u);
    const signedIn = await signIn(api.app, 'denis', response.body.generatedPassword ?? '');
    expect(signedIn.response.status).toBe(200);
  });

  it('does not echo a password it was given', async () => {
    const response = await admin.post<UserWithPassword>('/api/v1/users', { login: 'given', role: 'qa_reviewer', password: TEST_PASSWORD });

    expect(response.status).toBe(201);
    expect(response.body.generatedPassword).toBeNull();
    expect(response.body.user.displayName).toBe('given');
  });

  it.each([
    [{ login: 'm1', role: 'manager' }, 422, 'INVALID_INPUT', 'Для роли «Менеджер» укажите менеджера'],
    [{ login: 'h1', role: 'head_of_sales', teamIds: [] }, 422, 'INVALID_INPUT', 'укажите хотя бы одну команду'],
    [{ login: 'h2', role: 'head_of_sales', teamIds: [987654] }, 404, 'NOT_FOUND', 'Команда 987654 не найдена'],
    [{ login: 'm2', role: 'manager', managerId: 987654 }, 404, 'NOT_FOUND', 'Менеджер 987654 не найден'],
    [{ login: 'ANNA', role: 'qa_reviewer' }, 409, 'CONFLICT', 'логин «ANNA»'],
    [{ login: 'weak', role: 'qa_reviewer', password: 'short' }, 422, 'VALIDATION_FAILED', 'password'],
    [{ login: 'с пробелом', role: 'qa_reviewer' }, 422, 'VALIDATION_FAILED', 'login'],
    [{ login: 'mail', role: 'qa_reviewer', email: 'не почта' }, 422, 'VALIDATION_FAILED', 'email'],
    [{ login: 'boss', role: 'owner' }, 422, 'VALIDATION_FAILED', 'role'],
  ])('refuses %j', async (body, status, code, text) => {
    const response = await admin.post<ErrorResponse>('/api/v1/users', body);

    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toContain(text);
  });

  it('changes the role and team links', async () => {
    const created = await admin.post<UserWithPassword>('/api/v1/users', { login: 'promoted', role: 'qa_reviewer' });

    const response = await admin.patch<UserView>(`/api/v1/users/${created.body.user.id}`, {
      role: 'head_of_sales',
      teamIds: [api.teams.kazan.id, api.teams.moscow.id],
      displayName: 'Новый руководитель',
      timeZone: 'Asia/Yekaterinburg',
    });

    expect(response.status).toBe(200);
    expect(response.body.role).toBe('head_of_sales');
    expect(response.body.teams.map((team) => team.id).sort()).toEqual([api.teams.kazan.id, api.teams.moscow.id].sort());
    expect(response.body.displayName).toBe('Новый руководитель');
    expect(response.body.timeZone).toBe('Asia/Yekaterinburg');
  });

  it('rejects an unknown time zone', async () => {
    const response = await admin.patch<ErrorResponse>(`/api/v1/users/1`, { timeZone: 'Moscow/Kremlin' });

    expect(response.status).toBe(422);
    expect(response.body.error.fields?.[0]?.path).toBe('timeZone');
  });

  it('rejects an unknown field on create', async () => {
    const response = await admin.post<ErrorResponse>('/api/v1/users', { login: 'x5', role: 'qa_reviewer', name: 'Кто-то' });
    const allowed = 'допустимые поля: login, email, displayName, role, managerId, teamIds, timeZone, password';

    expect(response.status).toBe(422);
    expect(response.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: `Ошибка в теле запроса: name: неизвестное поле «name» (${allowed}).`,
      fields: [{ path: 'name', message: `неизвестное поле «name» (${allowed})` }],
    });
    expect((await admin.get<UserListResponse>('/api/v1/users')).body.items.map((user) => user.login)).not.toContain('x5');
  });

  it('rejects an unknown field on update', async () => {
    const before = await admin.get<UserView>('/api/v1/users/1');

    const response = await admin.patch<ErrorResponse>('/api/v1/users/1', { name: 'Новое имя', displayName: 'Новое имя' });

    expect(response.status).toBe(422);
    expect(response.body.error.fields?.map((field) => field.path)).toEqual(['name']);
    expect((await admin.get<UserView>('/api/v1/users/1')).body).toEqual(before.body);
  });

  it('disables a user and ends their sessions', async () => {
    const created = await admin.post<UserWithPassword>('/api/v1/users', { login: 'temp', role: 'qa_reviewer', password: TEST_PASSWORD });
    const { client } = await signIn(api.app, 'temp', TEST_PASSWORD);

    const response = await admin.patch<UserView>(`/api/v1/users/${created.body.user.id}`, { disabled: true });

    expect(response.body.disabled).toBe(true);
    expect((await client?.get('/api/v1/session'))?.status).toBe(401);
  });

  it('keeps the last administrator', async () => {
    const self = (await admin.get<{ user: UserView }>('/api/v1/session')).body.user;

    const disabled = await admin.patch<ErrorResponse>(`/api/v1/users/${self.id}`, { disabled: true });
    const demoted = await admin.patch<ErrorResponse>(`/api/v1/users/${self.id}`, { role: 'qa_reviewer' });

    expect(disabled.status).toBe(409);
    expect(demoted.status).toBe(409);
    expect(disabled.body.error.message).toContain('последний действующий администратор');
  });

  it('resets a password and ends the sessions', async () => {
    const created = await admin.post<UserWithPassword>('/api/v1/users', { login: 'forgetful', role: 'qa_reviewer', password: TEST_PASSWORD });
    const { client } = await signIn(api.app, 'forgetful', TEST_PASSWORD);

    const response = await admin.post<UserWithPassword>(`/api/v1/users/${created.body.user.id}/password-reset`, {});

    expect(response.status).toBe(200);
    expect(response.body.generatedPassword).toMatch(/^[\w-]{16}$/u);
    expect((await client?.get('/api/v1/session'))?.status).toBe(401);
    expect((await signIn(api.app, 'forgetful', TEST_PASSWORD)).response.status).toBe(401);
    expect((await signIn(api.app, 'forgetful', response.body.generatedPassword ?? '')).response.status).toBe(200);
  });

  it('password reset lifts only that user’s lockout', async () => {
    const locked = await admin.post<UserWithPassword>('/api/v1/users', { login: 'locked.out', email: 'locked.out@example.ru', role: 'qa_reviewer', password: TEST_PASSWORD });
    await admin.post<UserWithPassword>('/api/v1/users', { login: 'other.locked', role: 'qa_reviewer', password: TEST_PASSWORD });
    const failures: number[] = [];
    for (const login of ['locked.out', 'Locked.Out@example.ru', 'other.locked']) {
      for (let attempt = 0; attempt < 6; attempt++) {
        failures.push((await signIn(api.app, login, `неверный-${attempt}`)).response.status);
      }
    }
    const lockedOut = await signIn(api.app, 'locked.out', TEST_PASSWORD);
    expect(failures).toEqual(Array(3).fill([401, 401, 401, 401, 401, 429]).flat());
    expect(lockedOut.response.status).toBe(429);
    expect(((await lockedOut.response.json()) as ErrorResponse).error.message).toContain('Слишком много неудачных попыток входа');

    const reset = await admin.post<UserWithPassword>(`/api/v1/users/${locked.body.user.id}/password-reset`, {});
    const password = reset.body.generatedPassword ?? '';

    expect(reset.status).toBe(200);
    expect((await signIn(api.app, 'locked.out', password)).response.status).toBe(200);
    expect((await signIn(api.app, 'locked.out@example.ru', password)).response.status).toBe(200);
    expect((await signIn(api.app, 'other.locked', TEST_PASSWORD)).response.status).toBe(429);
  });

  it('answers 404 for an unknown user', async () => {
    const response = await admin.get<ErrorResponse>('/api/v1/users/999999');

    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe('Пользователь 999999 не найден.');
  });

  it.each(['reviewer', 'moscowHead', 'anna'] as const)('is refused to %s', async (user) => {
    const client = await api.login(user);

    const list = await client.get<ErrorResponse>('/api/v1/users');
    const create = await client.post<ErrorResponse>('/api/v1/users', { login: `by-${user}`, role: 'admin' });

    expect(list.status).toBe(403);
    expect(create.status).toBe(403);
    expect(list.body.error.message).toContain('управлять пользователями');
  });
});
