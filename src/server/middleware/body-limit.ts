import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

import type { AppEnv } from '../app-env.ts';
import { errorResponse } from '../http/error-boundary.ts';

/** A route prefix that takes larger bodies than the default, e.g. audio uploads. */
export interface BodyLimitRule {
  pathPrefix: string;
  maxBytes: number;
}

/**
 * Caps request bodies: `defaultBytes` everywhere, or the limit of the longest matching rule. A body over
 * the limit is refused with PAYLOAD_TOO_LARGE before a handler reads it.
 */
export function requestBodyLimit(defaultBytes: number, rules: readonly BodyLimitRule[] = []): MiddlewareHandler<AppEnv> {
  const ordered = [...rules].sort((left, right) => right.pathPrefix.length - left.pathPrefix.length);
  const limiters = new Map<number, MiddlewareHandler<AppEnv>>();
  const limiterFor = (maxBytes: number): MiddlewareHandler<AppEnv> => {
    let limiter = limiters.get(maxBytes);
    if (limiter === undefined) {
      limiter = bodyLimit({
        maxSize: maxBytes,
        onError: (c) => errorResponse(c as Parameters<typeof errorResponse>[0], 413, 'PAYLOAD_TOO_LARGE', `Тело запроса больше допустимых ${formatBytes(maxBytes)}.`),
      });
      limiters.set(maxBytes, limiter);
    }
    return limiter;
  };
  return (c, next) => {
    const rule = ordered.find((candidate) => c.req.path.startsWith(candidate.pathPrefix));
    return limiterFor(rule?.maxBytes ?? defaultBytes)(c, next);
  };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} МБ`;
  }
  return `${Math.round(bytes / 1024)} КБ`;
}
