import type { OpenAPIHono } from '@hono/zod-openapi';

import type { Logger } from '../lib/logger.ts';
import type { Viewer } from '../services/accounts/access.ts';
import type { ActiveSession } from '../services/accounts/session.service.ts';

/** Values middleware puts on every request's context. */
export interface AppVariables {
  requestId: string;
  /** The request's logger: every line carries the request id. */
  logger: Logger;
  /** The signed-in session, or null before sign-in. */
  session: ActiveSession | null;
}

export interface AppEnv {
  Variables: AppVariables;
}

export type ApiApp = OpenAPIHono<AppEnv>;

/** Returns the session of an authenticated request, which routes behind `requireSession` always have. */
export function sessionOf(session: ActiveSession | null): ActiveSession {
  if (session === null) {
    throw new Error('A route that needs a session ran without one; is it mounted behind requireSession?');
  }
  return session;
}

/** Returns the viewer of an authenticated request. */
export function viewerOf(session: ActiveSession | null): Viewer {
  return sessionOf(session).viewer;
}
