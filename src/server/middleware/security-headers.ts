import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

import type { AppEnv } from '../app-env.ts';

/**
 * Security headers for the API and the web UI. Everything loads from okk itself: the UI, the API docs
 * page and the audio. Inline styles stay allowed because the docs page and React components set
 * `style` attributes; inline scripts do not.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
    // HSTS would pin browsers to HTTPS for a year; okk is often served over plain HTTP inside an office.
    strictTransportSecurity: false,
  });
}
