import type { Database } from '../data/index.ts';
import type { AppConfig } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import { ReevaluationService } from '../services/reevaluation/reevaluation.service.ts';
import { UploadService } from '../services/uploads/upload.service.ts';
import { loadMorphology } from '../text/az-morphology.ts';
import type { JobQueue } from './job-queue.ts';
import { JobStatusService } from './job-status.service.ts';

/** The services that put work on the job queue or report on it, for the API. */
export interface JobServices {
  uploads: UploadService;
  jobs: JobStatusService;
  reevaluation: ReevaluationService;
}

export function createJobServices(database: Database, queue: JobQueue, config: AppConfig, logger: Logger): JobServices {
  return {
    uploads: UploadService.fromConfig(database, queue, config, logger),
    jobs: new JobStatusService(queue),
    reevaluation: new ReevaluationService({ database, queue, morphology: loadMorphology, timeZone: config.timeZone }),
  };
}
