import type { z } from '@hono/zod-openapi';

import { errorResponseSchema } from '../schemas/common.schemas.ts';

/** Describes a JSON response in the OpenAPI document. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

/** Describes a required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true } as const;
}

const ERROR_DESCRIPTIONS = {
  400: 'Некорректный запрос',
  401: 'Нужно войти в систему',
  403: 'Недостаточно прав или нет CSRF-токена',
  404: 'Не найдено (или недоступно этому пользователю)',
  409: 'Конфликт с текущим состоянием',
  413: 'Тело запроса слишком большое',
  416: 'Запрошенный диапазон вне файла',
  422: 'Ошибка в полях запроса',
  429: 'Слишком много попыток',
  503: 'Сервис временно недоступен',
} as const;

type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** Error responses of a route, each with the common error body. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]) {
  const responses = {} as Record<S, ReturnType<typeof jsonResponse<typeof errorResponseSchema>>>;
  for (const status of statuses) {
    responses[status] = jsonResponse(errorResponseSchema, ERROR_DESCRIPTIONS[status]);
  }
  return responses;
}

/**
 * Security requirement of routes behind a session: the cookie. The document adds the CSRF header to
 * the state-changing methods (see `openapi-document.ts`), as `requireSession` checks it only on those.
 */
export const SESSION_SECURITY = [{ sessionCookie: [] }];
