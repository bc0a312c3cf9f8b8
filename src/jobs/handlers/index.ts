import type { SpeechRecognizer } from '../../asr/speech-recognizer.ts';
import type { Morphology } from '../../core/text/morphology.ts';
import type { Database } from '../../data/index.ts';
import type { Logger } from '../../lib/logger.ts';
import type { AlertService } from '../../services/alerts/alert.service.ts';
import type { ManagerChannelRule } from '../../services/analysis/manager-channel.ts';
import { defaultFollowThroughSettings, type FollowThroughSettings } from '../../services/followthrough/follow-through-config.ts';
import { ReevaluationService } from '../../services/reevaluation/reevaluation.service.ts';
import type { UploadStorage } from '../../services/uploads/upload-storage.ts';
import type { AnyJobContext, JobContext, JobHandler, JobQueue } from '../job-queue.ts';
import type { JobName } from '../job-types.ts';
import { analyzeUploadHandler } from './analyze-upload.handler.ts';
import { followThroughHandler } from './follow-through.handler.ts';
import { rebuildSearchIndexHandler } from './rebuild-search-index.handler.ts';
import { reevaluateCallsHandler } from './reevaluate-calls.handler.ts';
import { sendAlertsHandler } from './send-alerts.handler.ts';

/** One handler for every job name; a name added to `JOB_PAYLOAD_SCHEMAS` fails to compile until it has one here. */
export type JobHandlers = { [N in JobName]: JobHandler<N> };

export interface JobHandlerDeps {
  database: Database;
  queue: JobQueue;
  storage: UploadStorage;
  morphology: () => Promise<Morphology>;
  recognizer: () => Promise<SpeechRecognizer>;
  timeZone: string;
  logger: Logger;
  /** The `followThrough` settings section; its defaults when not given. */
  followThrough?: FollowThroughSettings;
  /** Sends alerts about problem calls; null or absent when none are configured. */
  alerts?: AlertService | null;
  /** The `audio.managerChannelRules` of the config; none when omitted. */
  managerChannelRules?: readonly ManagerChannelRule[];
}

export function createJobHandlers(deps: JobHandlerDeps): JobHandlers {
  const reevaluation = new ReevaluationService({ database: deps.database, queue: deps.queue, morphology: deps.morphology, timeZone: deps.timeZone });
  return {
    'analyze-upload': analyzeUploadHandler(deps),
    'reevaluate-calls': reevaluateCallsHandler(reevaluation),
    'follow-through': followThroughHandler(deps.database, deps.followThrough ?? defaultFollowThroughSettings(deps.timeZone), { queue: deps.queue, alerts: deps.alerts ?? null }),
    'send-alerts': sendAlertsHandler(deps.alerts ?? null, deps.database),
    'rebuild-search-index': rebuildSearchIndexHandler(deps.database, deps.morphology),
  };
}

/** Runs the handler of the job's name. */
export function dispatchJob(handlers: JobHandlers, job: AnyJobContext): Promise<unknown> {
  return runHandler(handlers, job);
}

function runHandler<N extends JobName>(handlers: JobHandlers, job: JobContext<N>): Promise<unknown> {
  const handler: JobHandler<N> = handlers[job.name];
  return handler(job);
}
