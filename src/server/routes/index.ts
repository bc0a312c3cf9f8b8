import type { ApiApp } from '../app-env.ts';
import type { ServerContext } from '../server-context.ts';
import { registerCallRoutes } from './calls.routes.ts';
import { registerChecklistRoutes } from './checklists.routes.ts';
import { registerDirectoryRoutes } from './directory.routes.ts';
import { registerDisputeRoutes } from './disputes.routes.ts';
import { registerExportRoutes } from './exports.routes.ts';
import { registerIntegrationRoutes } from './integrations.routes.ts';
import { registerJobRoutes } from './jobs.routes.ts';
import { registerOutcomeRoutes } from './outcomes.routes.ts';
import { registerReportRoutes } from './reports.routes.ts';
import { registerReviewRoutes } from './reviews.routes.ts';
import { registerSessionRoutes } from './session.routes.ts';
import { registerUploadRoutes } from './uploads.routes.ts';
import { registerUserRoutes } from './users.routes.ts';

/**
 * Adds one area's routes to the API. A route file defines its routes with `createRoute` (schemas from
 * `../schemas/<area>.schemas.ts`). Each handler validates, lets one service check the role and do the
 * work, and returns. Errors are thrown as `AppError`, and the error boundary turns them into responses.
 */
export type RouteRegistrar = (app: ApiApp, context: ServerContext) => void;

/** Every area of the API under `/api/v1`. */
export const API_ROUTES: readonly RouteRegistrar[] = [
  registerSessionRoutes,
  registerUserRoutes,
  registerDirectoryRoutes,
  // Before the call routes, whose `/calls/{id}` would otherwise take `export.xlsx` for a call id.
  registerExportRoutes,
  registerCallRoutes,
  registerReviewRoutes,
  registerDisputeRoutes,
  registerReportRoutes,
  registerChecklistRoutes,
  registerOutcomeRoutes,
  registerUploadRoutes, registerJobRoutes,
  registerIntegrationRoutes,
];
