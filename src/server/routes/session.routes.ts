import { createRoute } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

import type { ApiApp, AppEnv } from '../app-env.ts';
import { sessionOf } from '../app-env.ts';
import { errorResponses, jsonBody, jsonResponse, SESSION_SECURITY } from '../http/openapi-helpers.ts';
import { clearSessionCookie, setSessionCookie } from '../middleware/session-auth.ts';
import { loginRequestSchema, passwordChangeRequestSchema, sessionResponseSchema } from '../schemas/session.schemas.ts';
import type { ServerContext } from '../server-context.ts';

const login = createRoute({
  method: 'post',
  path: '/api/v1/session/login',
  tags: ['Сессия'],
  summary: 'Войти по логину (или e-mail) и паролю',
  description: 'Ставит cookie сессии (HttpOnly, SameSite=Lax) и возвращает CSRF-токен для изменяющих запросов.',
  request: { body: jsonBody(loginRequestSchema) },
  responses: { 200: jsonResponse(sessionResponseSchema, 'Сессия начата'), ...errorResponses(401, 403, 422, 429) },
});

const current = createRoute({
  method: 'get',
  path: '/api/v1/session',
  tags: ['Сессия'],
  summary: 'Текущий пользователь и CSRF-токен',
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(sessionResponseSchema, 'Текущая сессия'), ...errorResponses(401) },
});

const logout = createRoute({
  method: 'post',
  path: '/api/v1/session/logout',
  tags: ['Сессия'],
  summary: 'Выйти',
  security: SESSION_SECURITY,
  responses: { 204: { description: 'Сессия завершена' }, ...errorResponses(401, 403) },
});

const changePassword = createRoute({
  method: 'post',
  path: '/api/v1/session/password',
  tags: ['Сессия'],
  summary: 'Сменить свой пароль',
  description: 'Другие сессии пользователя завершаются. После 5 неверных текущих паролей за 15 минут отвечает 429 с Retry-After, как вход.',
  security: SESSION_SECURITY,
  request: { body: jsonBody(passwordChangeRequestSchema) },
  responses: { 204: { description: 'Пароль изменён' }, ...errorResponses(401, 403, 422, 429) },
});

export function registerSessionRoutes(app: ApiApp, context: ServerContext): void {
  const { services, cookies } = context;

  app.openapi(login, async (c) => {
    const body = c.req.valid('json');
    const started = await services.sessions.login(body.login, body.password, { ip: clientAddress(c, cookies.trustProxy), userAgent: c.req.header('user-agent') ?? null });
    setSessionCookie(c, started, services.sessions.cookieMaxAgeSec, cookies);
    c.set('session', started);
    return c.json({ user: started.user, csrfToken: started.csrfToken, timeZone: context.timeZone, expiresAt: started.expiresAt }, 200);
  });

  app.openapi(current, (c) => {
    const session = sessionOf(c.var.session);
    return c.json({ user: session.user, csrfToken: session.csrfToken, timeZone: context.timeZone, expiresAt: session.expiresAt }, 200);
  });

  app.openapi(logout, async (c) => {
    await services.sessions.logout(sessionOf(c.var.session).id);
    clearSessionCookie(c, cookies);
    return c.body(null, 204);
  });

  app.openapi(changePassword, async (c) => {
    const body = c.req.valid('json');
    const session = sessionOf(c.var.session);
    await services.accounts.changeOwnPassword(session.viewer, session.id, body.currentPassword, body.newPassword);
    return c.body(null, 204);
  });
}

/** Returns the client's address: the socket's, or the first `X-Forwarded-For` entry behind a trusted proxy. */
function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded !== undefined && forwarded !== '') {
      return forwarded;
    }
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // In-process requests (tests, `app.request()`) have no socket.
    return null;
  }
}
