import type { ReevaluationService } from '../../services/reevaluation/reevaluation.service.ts';
import type { JobHandler } from '../job-queue.ts';

/** `reevaluate-calls`: stored calls since a date evaluated again with a checklist version, in batches. */
export function reevaluateCallsHandler(service: ReevaluationService): JobHandler<'reevaluate-calls'> {
  return (job) => service.run(job.payload, job);
}
