import type { Checklist } from '../core/model/checklist.ts';
import type { Morphology } from '../core/text/morphology.ts';
import type { Database } from '../data/index.ts';
import type { Logger } from '../lib/logger.ts';
import { AccountService } from '../services/accounts/account.service.ts';
import type { FailureLimitSettings } from '../services/accounts/failure-limit.ts';
import type { ScryptParameters } from '../services/accounts/password-hasher.ts';
import { DEFAULT_SESSION_SETTINGS, SessionService } from '../services/accounts/session.service.ts';
import type { SessionSettings } from '../services/accounts/session.service.ts';
import { CallAudioService } from '../services/calls/call-audio.service.ts';
import { CallQueryService } from '../services/calls/call-query.service.ts';
import { DirectoryService } from '../services/calls/directory.service.ts';
import { RoleSwapService } from '../services/calls/role-swap.service.ts';
import { resolveActiveChecklist } from '../services/checklists/active-checklist.ts';
import { ChecklistService } from '../services/checklists/checklist.service.ts';
import type { ReevaluationStarter } from '../services/checklists/checklist.service.ts';
import { CallExportService } from '../services/exports/call-export.service.ts';
import { SalesReportExportService } from '../services/exports/sales-report-export.service.ts';
import { defaultFollowThroughSettings, type FollowThroughSettings } from '../services/followthrough/follow-through-config.ts';
import { OutcomesService } from '../services/outcomes/outcomes.service.ts';
import { defaultOutcomesSettings, type OutcomesSettings } from '../services/outcomes/outcomes-config.ts';
import { CoachingService } from '../services/reports/coaching.service.ts';
import { SalesReportService } from '../services/reports/sales-report.service.ts';
import { DisputeService } from '../services/reviews/dispute.service.ts';
import { ReviewService } from '../services/reviews/review.service.ts';
import { loadMorphology } from '../text/az-morphology.ts';
import type { ServerServices } from './server-context.ts';

export interface ServerServiceOptions {
  database: Database;
  logger: Logger;
  /** The installation's IANA time zone. */
  timeZone: string;
  /** Russian morphology for search and re-evaluation; Az.js loaded on first use by default. */
  morphology?: () => Promise<Morphology>;
  /** The checklist new calls are evaluated with; the latest stored version of the shipped one by default. */
  activeChecklist?: () => Promise<Checklist>;
  /** Starts re-evaluation jobs; null when no job queue runs. */
  reevaluation?: ReevaluationStarter | null;
  sessions?: Partial<SessionSettings>;
  /** scrypt cost for new password hashes (tests use a cheap one). */
  scrypt?: ScryptParameters;
  /** The clock reports count weeks and days from; the system clock by default. */
  now?: () => Date;
  /** The `followThrough` and `outcomes` settings sections; their defaults when not given. */
  followThrough?: FollowThroughSettings;
  outcomes?: OutcomesSettings;
  /** Address users open okk at (`server.publicUrl`), for links to calls in exports; none by default. */
  publicUrl?: string | null;
  /** Most calls one export may hold; `DEFAULT_MAX_EXPORT_ROWS` by default. */
  exportMaxRows?: number;
}

/** Creates every service the HTTP API calls, over one database. */
export function createServerServices(options: ServerServiceOptions): ServerServices {
  const { database, logger, timeZone } = options;
  const morphology = options.morphology ?? loadMorphology;
  const activeChecklist = options.activeChecklist ?? (() => resolveActiveChecklist(database, null));
  const scrypt = options.scrypt === undefined ? {} : { scrypt: options.scrypt };
  const now = options.now ?? (() => new Date());
  const publicUrl = options.publicUrl ?? null;
  const calls = new CallQueryService({ database, morphology });
  const salesReport = new SalesReportService({ database, timeZone, now });
  return {
    accounts: new AccountService({ database, logger, ...scrypt, passwordFailures: passwordFailuresOf(options.sessions) }),
    sessions: new SessionService({ database, logger, ...scrypt, ...(options.sessions === undefined ? {} : { settings: options.sessions }) }),
    directory: new DirectoryService({ database, activeChecklist }),
    calls,
    audio: new CallAudioService({ database, logger }),
    roleSwap: new RoleSwapService({ database, morphology, logger }),
    reviews: new ReviewService({ database, logger }),
    disputes: new DisputeService({ database, logger }),
    coaching: new CoachingService({ database, timeZone, activeChecklist, now }),
    salesReport,
    checklists: new ChecklistService({ database, logger, activeChecklist, reevaluation: options.reevaluation ?? null }),
    outcomes: new OutcomesService({
      database,
      followThrough: options.followThrough ?? defaultFollowThroughSettings(timeZone),
      outcomes: options.outcomes ?? defaultOutcomesSettings(),
      timeZone,
      now: () => new Date(),
    }),
    callExport: new CallExportService({ calls, timeZone, publicUrl, now, ...(options.exportMaxRows === undefined ? {} : { maxRows: options.exportMaxRows }) }),
    reportExport: new SalesReportExportService({ salesReport, timeZone, publicUrl, now }),
  };
}

/** Returns the limit of wrong current passwords in a password change: the sign-in limit of one login. */
function passwordFailuresOf(sessions: Partial<SessionSettings> | undefined): FailureLimitSettings {
  const settings = { ...DEFAULT_SESSION_SETTINGS, ...sessions };
  return { maxFailures: settings.maxFailuresPerLogin, windowMs: settings.failureWindowMs };
}
