import type { MiddlewareHandler } from 'hono';

import type { AppEnv } from '../app-env.ts';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/iu;

/** Methods whose requests may not carry a body at all. */
const NO_BODY_METHODS = new Set(['GET', 'HEAD']);

/**
 * Replaces the empty body of a JSON request (`curl -X POST -H 'Content-Type: application/json'`) with
 * `{}`, which the validators already assume for a request without Content-Type. The JSON parser would
 * reject the empty body as malformed, while `{}` passes a body whose fields are all optional.
 */
export function emptyJsonBodyAsObject(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const request = c.req.raw;
    if (!NO_BODY_METHODS.has(request.method) && JSON_TYPE.test(c.req.header('content-type') ?? '') && (await isEmpty(request))) {
      const headers = new Headers(request.headers);
      headers.delete('content-length');
      c.req.raw = new Request(request, { body: '{}', headers });
    }
    await next();
  };
}

/** True when the request has no content, by its Content-Length or, without one, by reading a copy. */
async function isEmpty(request: Request): Promise<boolean> {
  if (request.body === null) {
    return true;
  }
  const length = request.headers.get('content-length');
  if (length !== null) {
    return Number(length) === 0;
  }
  return (await request.clone().arrayBuffer()).byteLength === 0;
}
