import type { Database } from '../data/index.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { JobServices } from '../jobs/job-services.ts';
import type { Logger } from '../lib/logger.ts';
import type { AccountService } from '../services/accounts/account.service.ts';
import type { SessionService } from '../services/accounts/session.service.ts';
import type { CallAudioService } from '../services/calls/call-audio.service.ts';
import type { CallQueryService } from '../services/calls/call-query.service.ts';
import type { DirectoryService } from '../services/calls/directory.service.ts';
import type { RoleSwapService } from '../services/calls/role-swap.service.ts';
import type { ChecklistService } from '../services/checklists/checklist.service.ts';
import type { CallExportService } from '../services/exports/call-export.service.ts';
import type { SalesReportExportService } from '../services/exports/sales-report-export.service.ts';
import type { IntegrationStatusService } from '../services/integrations/integration-status.service.ts';
import type { OutcomesService } from '../services/outcomes/outcomes.service.ts';
import type { CoachingService } from '../services/reports/coaching.service.ts';
import type { SalesReportService } from '../services/reports/sales-report.service.ts';
import type { DisputeService } from '../services/reviews/dispute.service.ts';
import type { ReviewService } from '../services/reviews/review.service.ts';
import type { CookieSettings } from './middleware/session-auth.ts';

/** The services handlers call; each checks the viewer's role itself, so the CLI and jobs share the rules. */
export interface ServerServices {
  accounts: AccountService;
  sessions: SessionService;
  directory: DirectoryService;
  calls: CallQueryService;
  audio: CallAudioService;
  roleSwap: RoleSwapService;
  reviews: ReviewService;
  disputes: DisputeService;
  coaching: CoachingService;
  salesReport: SalesReportService;
  checklists: ChecklistService;
  outcomes: OutcomesService;
  callExport: CallExportService;
  reportExport: SalesReportExportService;
}

/** The context route files get: the services and the settings of this server. */
export interface ServerContext {
  database: Database;
  services: ServerServices;
  logger: Logger;
  cookies: CookieSettings;
  /** The installation's IANA time zone. */
  timeZone: string;
  /** The queue background jobs are enqueued into; absent or null where this server runs none. */
  jobQueue?: JobQueue | null;
  /** Uploads and job status over that queue; absent or null makes their routes answer UNAVAILABLE. */
  jobServices?: JobServices | null;
  /** What the installation is connected to, for the integrations page; absent or null answers UNAVAILABLE. */
  integrations?: IntegrationStatusService | null;
}
