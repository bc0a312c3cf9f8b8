import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

import type { Logger } from '../../lib/logger.ts';
import type { AppEnv } from '../app-env.ts';

/** A request id sent by a proxy is kept when it looks like one; anything else is replaced. */
const INCOMING_ID = /^[A-Za-z0-9._-]{8,100}$/u;

/**
 * Gives every request an id (`X-Request-Id`, echoed in the response) and a child logger that carries
 * it, and logs one line per request with the status and duration.
 */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming !== undefined && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    const started = performance.now();
    c.set('requestId', requestId);
    c.set('logger', logger.child({ requestId }));
    c.set('session', null);
    c.header('X-Request-Id', requestId);
    await next();
    const fields = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      userId: c.var.session?.viewer.userId ?? null,
    };
    if (c.res.status >= 500) {
      c.var.logger.error(fields, 'request finished');
    } else {
      c.var.logger.info(fields, 'request finished');
    }
  };
}
