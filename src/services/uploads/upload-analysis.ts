import { access } from 'node:fs/promises';

import type { SpeechRecognizer } from '../../asr/speech-recognizer.ts';
import type { SourceWarning } from '../../core/model/transcript.ts';
import type { Morphology } from '../../core/text/morphology.ts';
import type { Database, UploadRecord } from '../../data/index.ts';
import type { JobContext } from '../../jobs/job-queue.ts';
import type { AnalyzeUploadResult } from '../../jobs/job-types.ts';
import type { Logger } from '../../lib/logger.ts';
import { CallAnalyzer } from '../analysis/call-analyzer.ts';
import type { AnalyzedCall } from '../analysis/call-analyzer.ts';
import type { ManagerChannelRule } from '../analysis/manager-channel.ts';
import { resolveActiveChecklist } from '../checklists/active-checklist.ts';
import { storeAnalyzedCalls } from './analyzed-call-store.ts';
import { uploadFailureMessage, withFileName } from './upload-messages.ts';
import type { UploadStorage } from './upload-storage.ts';

export interface UploadAnalysisDeps {
  database: Database;
  storage: UploadStorage;
  morphology: () => Promise<Morphology>;
  /** Shared by every analysis of this process; created on the first recording. */
  recognizer: () => Promise<SpeechRecognizer>;
  timeZone: string;
  logger: Logger;
  /** The `audio.managerChannelRules` of the config; none when omitted. */
  managerChannelRules?: readonly ManagerChannelRule[];
}

/** The parts of the running job that an analysis uses. */
export type AnalysisJob = Pick<JobContext, 'id' | 'signal' | 'reportProgress' | 'logger'>;

/**
 * Runs one uploaded file through the analysis pipeline and keeps the outcome on the upload. A bad
 * file is an outcome (`ok: false` with a Russian message), not an error, so it is not retried. A
 * database failure throws, and the job is retried. Running it twice on the same upload leaves the
 * same calls, evaluations and result.
 */
export async function analyzeUpload(deps: UploadAnalysisDeps, uploadId: string, job: AnalysisJob): Promise<AnalyzeUploadResult> {
  const upload = await deps.database.uploads.get(uploadId);
  if (upload === undefined) {
    return { ok: false, message: `Загрузка ${uploadId} не найдена: её запись удалена из базы.` };
  }
  await deps.database.uploads.setProcessing(upload.id);
  await job.reportProgress({ done: 0, total: 1, message: `Анализ файла «${upload.fileName}»` });

  const result = await analyzeStoredFile(deps, upload, job);
  job.signal.throwIfAborted();

  await deps.database.uploads.finish(upload.id, { status: result.ok ? 'done' : 'failed', result, error: result.ok ? null : result.message });
  if (!result.ok) {
    job.logger.warn({ uploadId: upload.id, file: upload.fileName, reason: result.message }, 'uploaded file not analysed');
  }
  const summary = result.ok ? `Готово: звонков в файле — ${result.calls.length}` : 'Файл не проанализирован';
  await job.reportProgress({ done: 1, total: 1, message: summary });
  return result;
}

async function analyzeStoredFile(deps: UploadAnalysisDeps, upload: UploadRecord, job: AnalysisJob): Promise<AnalyzeUploadResult> {
  try {
    await access(upload.storedPath);
  } catch {
    return { ok: false, message: `Файл «${upload.fileName}» не найден в хранилище загрузок: загрузите его снова.` };
  }

  const inputPath = upload.sidecarSha256 === null
    ? upload.storedPath
    : await deps.storage.prepareWorkFolder(upload.id, upload.storedPath, upload.fileName, deps.storage.sidecarPath(upload.sha256, upload.sidecarSha256));
  try {
    const morphology = await deps.morphology();
    const checklist = await resolveActiveChecklist(deps.database, null);
    const analyzer = new CallAnalyzer({
      morphology,
      checklist,
      timeZone: deps.timeZone,
      // Calls are saved below, so that an unchanged evaluation is not added to the history again.
      database: null,
      storedCalls: deps.database,
      recognizer: deps.recognizer,
      logger: job.logger,
      ...(deps.managerChannelRules === undefined ? {} : { managerChannelRules: deps.managerChannelRules }),
    });
    // The shared recognizer is closed by the worker, so the analyzer is not closed here.
    // The calls' source is the uploaded file, wherever the file was analysed from.
    const analysed = await analyzer.analyzeFile({ path: inputPath, kind: upload.kind }, { source: upload.storedPath });
    if (!analysed.ok) {
      return { ok: false, message: uploadFailureMessage(analysed.cause, upload.fileName) ?? withFileName(analysed.message, inputPath, upload.fileName) };
    }
    job.signal.throwIfAborted();

    // The calls' warnings name the file the importer read, which is a server path. Users know it by the name they uploaded.
    const calls = analysed.calls.map((call) => namedAsUploaded(call, inputPath, upload.fileName));
    const stored = await storeAnalyzedCalls(deps.database, calls, {
      morphology,
      checklist,
      timeZone: deps.timeZone,
      audio: upload.kind === 'audio' ? { path: upload.storedPath, channels: null } : null,
      newSince: upload.createdAt,
    });
    for (const call of stored) {
      job.logger.info({ callId: call.id, created: call.created, uploadId: upload.id }, 'uploaded call stored');
    }
    return {
      ok: true,
      format: analysed.format,
      calls: stored,
      warnings: analysed.warnings.map((warning) => withFileName(warning, inputPath, upload.fileName)),
    };
  } finally {
    if (inputPath !== upload.storedPath) {
      await deps.storage.releaseWorkFolder(upload.id);
    }
  }
}

/** Replaces the server path in the warnings of a call's transcript and evaluation with the uploaded file's name. */
function namedAsUploaded(call: AnalyzedCall, serverPath: string, fileName: string): AnalyzedCall {
  const rename = (warning: SourceWarning): SourceWarning => ({ ...warning, message: withFileName(warning.message, serverPath, fileName) });
  const { transcript, evaluation } = call;
  return {
    transcript: { ...transcript, warnings: transcript.warnings.map(rename) },
    evaluation: { ...evaluation, transcript: { ...evaluation.transcript, warnings: evaluation.transcript.warnings.map(rename) } },
  };
}
