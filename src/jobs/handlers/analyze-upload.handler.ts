import type { AlertService } from '../../services/alerts/alert.service.ts';
import { analyzeUpload } from '../../services/uploads/upload-analysis.ts';
import type { UploadAnalysisDeps } from '../../services/uploads/upload-analysis.ts';
import type { JobHandler, JobQueue } from '../job-queue.ts';
import { queueAlertPass } from './send-alerts.handler.ts';

/**
 * `analyze-upload`: one uploaded file through the analysis pipeline, its outcome kept on the upload.
 * The stored calls then go to an alert pass, when alerts are configured.
 */
export function analyzeUploadHandler(deps: UploadAnalysisDeps & { queue: JobQueue; alerts?: AlertService | null }): JobHandler<'analyze-upload'> {
  return async (job) => {
    const result = await analyzeUpload(deps, job.payload.uploadId, job);
    if (result.ok) {
      await queueAlertPass(deps.queue, deps.alerts, { callIds: result.calls.map((call) => call.id), evaluatedSince: null }, job.logger);
    }
    return result;
  };
}
