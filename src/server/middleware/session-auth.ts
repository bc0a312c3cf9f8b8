import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

import type { SessionService, StartedSession } from '../../services/accounts/session.service.ts';
import { csrfTokenMatches } from '../../services/accounts/session.service.ts';
import type { AppEnv } from '../app-env.ts';
import { errorResponse } from '../http/error-boundary.ts';

export const SESSION_COOKIE = 'okk_session';
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CookieSettings {
  /** `always` and `never` force the Secure flag; `auto` sets it for requests that arrived over HTTPS. */
  secure: 'auto' | 'always' | 'never';
  /** Trust `X-Forwarded-Proto` and `X-Forwarded-For` from a reverse proxy. */
  trustProxy: boolean;
}

/** Loads the session named by the cookie, if any, onto the context. It never rejects a request. */
export function loadSession(sessions: SessionService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token !== undefined && token.length > 0 && token.length <= 200) {
      c.set('session', (await sessions.resume(token)) ?? null);
    }
    await next();
  };
}

/**
 * Rejects requests without a session (UNAUTHENTICATED), except to `publicPaths`. For every
 * state-changing method it also checks the session's CSRF token in `X-CSRF-Token`.
 */
export function requireSession(publicPaths: ReadonlySet<string> = new Set()): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (publicPaths.has(c.req.path)) {
      await next();
      return undefined;
    }
    const session = c.var.session;
    if (session === null) {
      return errorResponse(c, 401, 'UNAUTHENTICATED', 'Нужно войти в систему: сессия не найдена или истекла.');
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      const refused = checkCsrf(c, session.csrfToken);
      if (refused !== undefined) {
        return refused;
      }
    }
    await next();
    return undefined;
  };
}

/** Rejects state-changing requests from another site: a browser always sends `Origin` with a cross-site POST. */
export function rejectCrossSite(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const refused = SAFE_METHODS.has(c.req.method) ? undefined : checkOrigin(c);
    if (refused !== undefined) {
      return refused;
    }
    await next();
    return undefined;
  };
}

function checkOrigin(c: Context<AppEnv>): Response | undefined {
  const origin = c.req.header('origin');
  if (origin === undefined || origin === 'null') {
    return origin === 'null' ? errorResponse(c, 403, 'FORBIDDEN', 'Запрос с чужого сайта отклонён.') : undefined;
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return errorResponse(c, 403, 'FORBIDDEN', 'Запрос с чужого сайта отклонён.');
  }
  const host = c.req.header('x-forwarded-host') ?? c.req.header('host') ?? new URL(c.req.url).host;
  return originHost === host ? undefined : errorResponse(c, 403, 'FORBIDDEN', 'Запрос с чужого сайта отклонён.');
}

function checkCsrf(c: Context<AppEnv>, expected: string): Response | undefined {
  if (csrfTokenMatches(expected, c.req.header(CSRF_HEADER))) {
    return undefined;
  }
  return errorResponse(
    c,
    403,
    'FORBIDDEN',
    `Нет или неверный CSRF-токен: передайте в заголовке ${CSRF_HEADER} значение csrfToken из GET /api/v1/session.`,
  );
}

export function setSessionCookie(c: Context<AppEnv>, session: StartedSession, maxAgeSec: number, settings: CookieSettings): void {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: maxAgeSec,
    secure: isSecure(c, settings),
  });
}

export function clearSessionCookie(c: Context<AppEnv>, settings: CookieSettings): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isSecure(c, settings), httpOnly: true, sameSite: 'Lax' });
}

function isSecure(c: Context<AppEnv>, settings: CookieSettings): boolean {
  if (settings.secure !== 'auto') {
    return settings.secure === 'always';
  }
  const forwarded = settings.trustProxy ? c.req.header('x-forwarded-proto') : undefined;
  return (forwarded ?? new URL(c.req.url).protocol.replace(':', '')) === 'https';
}
