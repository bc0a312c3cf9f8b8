import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';

import '../lib/zod-russian.ts';
import type { ApiApp, AppEnv } from './app-env.ts';
import { mountApiDocs } from './http/api-docs.ts';
import { handleError, notFound, validationErrorResponse } from './http/error-boundary.ts';
import { mountOpenApiDocument } from './http/openapi-document.ts';
import { mountWebAssets } from './http/web-assets.ts';
import { requestBodyLimit } from './middleware/body-limit.ts';
import type { BodyLimitRule } from './middleware/body-limit.ts';
import { emptyJsonBodyAsObject } from './middleware/empty-json-body.ts';
import { requestContext } from './middleware/request-context.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { loadSession, rejectCrossSite, requireSession } from './middleware/session-auth.ts';
import { API_ROUTES } from './routes/index.ts';
import type { RouteRegistrar } from './routes/index.ts';
import type { ServerContext } from './server-context.ts';

/** JSON bodies of the API are small: reviews, comments, checklists. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** Paths reachable without a session under `/api/v1`. */
const PUBLIC_API_PATHS = new Set(['/api/v1/session/login']);

export interface AppOptions {
  context: ServerContext;
  /** Folder of the built web UI (`web/dist`); null or a folder without `index.html` serves a placeholder. */
  webDist: string | null;
  /** Larger body limits for some paths, e.g. uploads. */
  bodyLimits?: readonly BodyLimitRule[];
  /** Route areas to mount; every area of the API by default. */
  routes?: readonly RouteRegistrar[];
}

/**
 * Builds the HTTP application: the API under `/api/v1` behind sessions, its OpenAPI document and docs
 * page, `/healthz`, and the web UI at `/`. It opens no socket, so tests call it with `app.request()`.
 */
export function buildApp(options: AppOptions): ApiApp {
  const { context } = options;
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => (result.success ? undefined : validationErrorResponse(c, result.target, result.error)),
  });

  app.onError(handleError);
  app.notFound(notFound);
  app.use('*', requestContext(context.logger));
  app.use('*', securityHeaders());

  app.get('/healthz', async (c) => {
    const database = await sql`select 1`
      .execute(context.database.db)
      .then(() => 'ok' as const)
      .catch((error: unknown) => {
        c.var.logger.error({ err: error }, 'health check: database unavailable');
        return 'unavailable' as const;
      });
    return c.json({ status: database === 'ok' ? 'ok' : 'degraded', database }, database === 'ok' ? 200 : 503);
  });

  app.use('/api/*', requestBodyLimit(DEFAULT_BODY_LIMIT_BYTES, options.bodyLimits ?? []));
  app.use('/api/*', emptyJsonBodyAsObject());
  app.use('/api/*', rejectCrossSite());
  app.use('/api/v1/*', loadSession(context.services.sessions));
  app.use('/api/v1/*', requireSession(PUBLIC_API_PATHS));

  for (const register of options.routes ?? API_ROUTES) {
    register(app, context);
  }

  mountOpenApiDocument(app);
  mountApiDocs(app);
  mountWebAssets(app, options.webDist);
  return app;
}
