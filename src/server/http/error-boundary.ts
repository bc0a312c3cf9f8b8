import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

import { isAppError } from '../../lib/app-error.ts';
import type { ErrorCode } from '../../lib/app-error.ts';
import type { AppEnv } from '../app-env.ts';

export interface FieldError {
  path: string;
  message: string;
}

/** Russian messages for errors Hono and its validators raise before a handler runs, by HTTP status. */
const HTTP_ERRORS: Readonly<Record<number, { code: ErrorCode; message: string }>> = {
  400: { code: 'BAD_REQUEST', message: 'Некорректный запрос: проверьте, что тело запроса — правильный JSON.' },
  401: { code: 'UNAUTHENTICATED', message: 'Нужно войти в систему.' },
  403: { code: 'FORBIDDEN', message: 'Недостаточно прав для этого действия.' },
  404: { code: 'NOT_FOUND', message: 'Адрес не найден.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Тело запроса слишком большое.' },
  415: { code: 'UNSUPPORTED_FORMAT', message: 'Неподдерживаемый тип содержимого: отправьте тело запроса как application/json.' },
};

/**
 * Turns errors into responses, the one place that does. An `AppError` keeps its code, status and
 * Russian message, and an HTTP error raised by Hono gets a Russian message for its status. Anything else
 * is logged with the request id and becomes a plain 500 that reveals nothing of the internals.
 */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (isAppError(error)) {
    const retryAfter = error.details?.retryAfterSec;
    if (typeof retryAfter === 'number') {
      c.header('Retry-After', String(retryAfter));
    }
    const size = error.details?.size;
    if (error.code === 'RANGE_NOT_SATISFIABLE' && typeof size === 'number') {
      c.header('Content-Range', `bytes */${size}`);
    }
    if (error.status >= 500) {
      c.var.logger.error({ err: error.cause ?? error, code: error.code }, 'request failed');
    }
    return errorResponse(c, error.status, error.code, error.message);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const known = HTTP_ERRORS[error.status] ?? { code: 'BAD_REQUEST', message: 'Некорректный запрос.' };
    return errorResponse(c, error.status, known.code, known.message);
  }
  c.var.logger.error({ err: error }, 'request failed with an unexpected error');
  return errorResponse(c, 500, 'INTERNAL', `Внутренняя ошибка сервера. Сообщите администратору код запроса ${c.var.requestId}.`);
}

export function notFound(c: Context<AppEnv>): Response {
  if (c.req.path.startsWith('/api/')) {
    return errorResponse(c, 404, 'NOT_FOUND', `Метод API ${c.req.method} ${c.req.path} не найден. Список методов — на странице /api/docs.`);
  }
  return errorResponse(c, 404, 'NOT_FOUND', `Адрес ${c.req.path} не найден.`);
}

export function errorResponse(c: Context<AppEnv>, status: number, code: string, message: string, fields?: FieldError[]): Response {
  return c.json({ error: { code, message, ...(fields === undefined ? {} : { fields }) } }, status as ContentfulStatusCode);
}

/**
 * Turns a failed zod validation of a request into VALIDATION_FAILED with every invalid field. Unknown
 * keys of a strict object are fields of their own, so each one's path names the key itself.
 */
export function validationErrorResponse(c: Context<AppEnv>, target: string, error: ZodError): Response {
  const issues = error.issues.map((issue) => ({ paths: issuePaths(issue), message: issue.message }));
  const fields = issues.flatMap((issue) => issue.paths.map((path) => ({ path, message: issue.message })));
  const where = TARGET_NAMES[target] ?? 'запросе';
  const listed = issues
    .map((issue) => {
      const paths = issue.paths.filter((path) => path !== '').join(', ');
      return paths === '' ? issue.message : `${paths}: ${issue.message}`;
    })
    .join('; ');
  return errorResponse(c, 422, 'VALIDATION_FAILED', `Ошибка в ${where}: ${listed}.`, fields);
}

function issuePaths(issue: ZodError['issues'][number]): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => formatPath([...issue.path, key]));
  }
  return [formatPath(issue.path)];
}

const TARGET_NAMES: Readonly<Record<string, string>> = {
  json: 'теле запроса',
  query: 'параметрах запроса',
  param: 'адресе запроса',
  header: 'заголовках запроса',
  form: 'форме',
  cookie: 'cookie',
};

/** `['teamIds', 1]` → `teamIds[1]`. */
function formatPath(parts: readonly PropertyKey[]): string {
  return parts.reduce<string>((text, part) => {
    if (typeof part === 'number') {
      return `${text}[${part}]`;
    }
    return text === '' ? String(part) : `${text}.${String(part)}`;
  }, '');
}
