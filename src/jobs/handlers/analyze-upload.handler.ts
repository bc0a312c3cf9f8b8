import { analyzeUpload } from '../../services/uploads/upload-analysis.ts';
import type { UploadAnalysisDeps } from '../../services/uploads/upload-analysis.ts';
import type { JobHandler } from '../job-queue.ts';

/** `analyze-upload`: one uploaded file through the analysis pipeline, its outcome kept on the upload. */
export function analyzeUploadHandler(deps: UploadAnalysisDeps): JobHandler<'analyze-upload'> {
  return (job) => analyzeUpload(deps, job.payload.uploadId, job);
}
