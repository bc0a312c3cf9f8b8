import type { ApiApp } from '../app-env.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../middleware/session-auth.ts';

type OpenApiDocument = ReturnType<ApiApp['getOpenAPI31Document']>;
type DocumentConfig = Parameters<ApiApp['getOpenAPI31Document']>[0];
type PathItem = NonNullable<OpenApiDocument['paths']>[string];
type Operation = NonNullable<PathItem['get']>;

const OPENAPI_PATH = '/api/openapi.json';

const SESSION_SCHEME = 'sessionCookie';
const CSRF_SCHEME = 'csrfToken';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const SAFE_METHODS = new Set<string>(['get', 'head', 'options']);

/** The component every error response refers to (`errorResponseSchema`). */
const ERROR_SCHEMA_REF = '#/components/schemas/ErrorResponse';

/**
 * Errors that a route with a JSON body returns before its handler runs: from the JSON validator (400),
 * the body limit (413) and the media type check (415).
 */
const JSON_BODY_ERRORS: Readonly<Record<string, string>> = {
  400: 'Тело запроса — не правильный JSON',
  413: 'Тело запроса больше допустимого размера',
  415: 'Тело запроса не JSON: нужен заголовок Content-Type: application/json',
};

const DOCUMENT_CONFIG: DocumentConfig = {
  openapi: '3.1.0',
  info: {
    title: 'okk API',
    version: '1',
    description: 'HTTP API okk: звонки и их оценки, проверка ОКК, споры, отчёты, чек-листы и пользователи. Сообщения об ошибках — на русском.',
  },
};

/** Registers the security schemes and serves the OpenAPI 3.1 document of every route registered so far. */
export function mountOpenApiDocument(app: ApiApp): void {
  app.openAPIRegistry.registerComponent('securitySchemes', SESSION_SCHEME, {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Cookie сессии, которую ставит POST /api/v1/session/login.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', CSRF_SCHEME, {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description: 'csrfToken из ответа GET /api/v1/session; нужен для POST, PUT, PATCH и DELETE.',
  });
  app.get(OPENAPI_PATH, (c) => c.json(buildOpenApiDocument(app)));
}

/**
 * Builds the document from the registered routes and adds what the middleware does for every route
 * alike: the CSRF header on state-changing methods behind a session, and the errors of a JSON body.
 */
export function buildOpenApiDocument(app: ApiApp): OpenApiDocument {
  const document = app.getOpenAPI31Document(DOCUMENT_CONFIG);
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) {
        continue;
      }
      requireCsrfOnChanges(method, operation);
      declareJsonBodyErrors(operation);
    }
  }
  return document;
}

/** A route behind a session needs the CSRF header exactly when its method changes something. */
function requireCsrfOnChanges(method: string, operation: Operation): void {
  if (operation.security === undefined) {
    return;
  }
  const safe = SAFE_METHODS.has(method);
  operation.security = operation.security.map((requirement) => {
    const others = Object.fromEntries(Object.entries(requirement).filter(([scheme]) => scheme !== CSRF_SCHEME));
    return SESSION_SCHEME in requirement && !safe ? { ...others, [CSRF_SCHEME]: [] } : others;
  });
}

function declareJsonBodyErrors(operation: Operation): void {
  const body = operation.requestBody;
  if (body === undefined || '$ref' in body || !Object.keys(body.content).some(isJsonMediaType)) {
    return;
  }
  const responses = (operation.responses ??= {});
  for (const [status, description] of Object.entries(JSON_BODY_ERRORS)) {
    responses[status] ??= { description, content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } } };
  }
}

function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/iu.test(mediaType);
}
