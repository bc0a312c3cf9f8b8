import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';

import type { Database, UploadKind, UploadRecord } from '../../data/index.ts';
import type { JobProgress, JobQueue, JobState, JobStatus } from '../../jobs/job-queue.ts';
import type { AnalyzeUploadResult, UploadedCall } from '../../jobs/job-types.ts';
import { AppError } from '../../lib/app-error.ts';
import { requireRole } from '../accounts/access.ts';
import type { Viewer } from '../accounts/access.ts';
import type { RoleId } from '../accounts/roles.ts';
import type { AppConfig } from '../../lib/config.ts';
import type { Logger } from '../../lib/logger.ts';
import { inputKindOf, SIDECAR_SUFFIX } from '../analysis/file-collector.ts';
import { sidecarPathsOf } from '../analysis/call-sidecar.ts';
import { readMultipartFiles } from './multipart-reader.ts';
import { isSidecarName, sanitizeFileName } from './upload-file-name.ts';
import { UploadStorage } from './upload-storage.ts';
import type { StagedFile } from './upload-storage.ts';
import { readUploadLimits } from './uploads-config.ts';
import type { UploadLimits } from './uploads-config.ts';

/** One accepted file of an upload request. */
export interface AcceptedUpload {
  uploadId: string;
  fileName: string;
  kind: UploadKind;
  sizeBytes: number;
  /** Name of the metadata file that came with it, if any. */
  metadataFile: string | null;
  /** Job analysing the file; that of the earlier upload for a duplicate. */
  jobId: string | null;
  /** False when the same content was uploaded before and is queued, running or already analysed. */
  queued: boolean;
}

export interface RejectedFile {
  fileName: string;
  /** Russian: why the file was not accepted. */
  message: string;
}

export interface UploadReceipt {
  uploads: AcceptedUpload[];
  rejected: RejectedFile[];
}

export type UploadState = 'queued' | 'processing' | 'done' | 'failed' | 'cancelled';

export interface UploadStatusView {
  id: string;
  fileName: string;
  kind: UploadKind;
  sizeBytes: number;
  metadataFile: string | null;
  state: UploadState;
  /** Id of the user who uploaded the file. */
  uploadedBy: string | null;
  /** That user's display name; null when the file came from no user or the user was deleted. */
  uploadedByName: string | null;
  createdAt: string;
  finishedAt: string | null;
  job: { id: string; state: JobState; progress: JobProgress; attempts: number; maxAttempts: number } | null;
  /** The analysis outcome: the calls and warnings, once done. */
  result: { format: string; calls: UploadedCall[]; callsCreated: number; callsUpdated: number; warnings: string[] } | null;
  /** Russian: why the file was not analysed. */
  error: string | null;
}

export interface UploadServiceDeps {
  database: Database;
  queue: JobQueue;
  storage: UploadStorage;
  limits: UploadLimits;
  logger: Logger;
}

/**
 * Roles that upload calls and see uploads. A manager does not: uploads may hold other managers' calls.
 */
export const UPLOAD_ROLES: readonly RoleId[] = ['admin', 'head_of_sales', 'qa_reviewer'];

/** Uploads listed at most by one request. */
export const MAX_LISTED_UPLOADS = 200;

/**
 * Accepts uploaded recordings and transcripts, keeps each distinct file once, and queues its analysis.
 * A metadata file `NAME.meta.json` sent in the same request goes with the file it names.
 */
export class UploadService {
  constructor(private readonly deps: UploadServiceDeps) {}

  static fromConfig(database: Database, queue: JobQueue, config: AppConfig, logger: Logger): UploadService {
    return new UploadService({ database, queue, storage: UploadStorage.forDataDir(config.dataDir), limits: readUploadLimits(config), logger });
  }

  get limits(): UploadLimits {
    return this.deps.limits;
  }

  /**
   * The request body limit for the upload route: every allowed file at its largest, plus 1 MiB for the
   * multipart framing. Each file's own limit is checked while it streams.
   */
  get maxRequestBytes(): number {
    return this.deps.limits.maxFileBytes * this.deps.limits.maxFiles + 1024 * 1024;
  }

  /** Receives an upload request from a user; see `receiveMultipart`. */
  async receive(viewer: Viewer, contentType: string | undefined, body: Readable): Promise<UploadReceipt> {
    requireRole(viewer, UPLOAD_ROLES, 'загружать записи и расшифровки звонков');
    return this.receiveMultipart(contentType, body, viewer.userId === null ? null : String(viewer.userId));
  }

  /** The upload's state, analysis progress and outcome, for a user. */
  async getStatus(viewer: Viewer, id: string): Promise<UploadStatusView> {
    requireRole(viewer, UPLOAD_ROLES, 'смотреть загрузки');
    const status = await this.getUploadStatus(id);
    if (status === undefined) {
      throw new AppError('NOT_FOUND', `Загрузка «${id}» не найдена.`);
    }
    return status;
  }

  /** The latest uploads, newest first; with `mine`, only the viewer's own. */
  async listRecent(viewer: Viewer, options: { limit: number; mine: boolean }): Promise<{ items: UploadStatusView[] }> {
    requireRole(viewer, UPLOAD_ROLES, 'смотреть загрузки');
    const limit = Math.min(Math.max(1, options.limit), MAX_LISTED_UPLOADS);
    const uploads = await this.deps.database.uploads.listRecent({
      limit,
      ...(options.mine ? { uploadedBy: viewer.userId === null ? '' : String(viewer.userId) } : {}),
    });
    const names = await this.uploaderNames(uploads);
    const items: UploadStatusView[] = [];
    for (const upload of uploads) {
      const job = upload.jobId === null ? undefined : await this.deps.queue.getJob(upload.jobId);
      items.push(statusView(upload, job ?? null, names));
    }
    return { items };
  }

  /**
   * Reads a `multipart/form-data` body as it arrives, stores its files and queues them. Nothing is
   * queued when the body fails (a file over the limit, a cut-off body): every file of it is removed.
   */
  async receiveMultipart(contentType: string | undefined, body: Readable, uploadedBy: string | null): Promise<UploadReceipt> {
    const staged: StagedFile[] = [];
    try {
      await readMultipartFiles(contentType, body, this.deps.limits, async (file) => {
        const fileName = sanitizeFileName(file.fileName);
        staged.push(await this.deps.storage.stage(file.stream, fileName, this.deps.limits.maxFileBytes));
      });
    } catch (error) {
      await Promise.all(staged.map((file) => this.deps.storage.discard(file)));
      throw error;
    }
    if (staged.length === 0) {
      throw new AppError('BAD_REQUEST', 'В запросе нет файлов: добавьте записи звонков или расшифровки.');
    }
    return this.acceptStaged(staged, uploadedBy);
  }

  /** Stores staged files, pairs metadata files with theirs, and queues every new file's analysis. */
  async acceptStaged(staged: readonly StagedFile[], uploadedBy: string | null): Promise<UploadReceipt> {
    const { files, sidecars, rejected } = pairSidecars(staged);
    for (const orphan of rejected) {
      const file = staged.find((item) => item.fileName === orphan.fileName);
      if (file !== undefined) {
        await this.deps.storage.discard(file);
      }
    }

    const uploads: AcceptedUpload[] = [];
    const seen = new Set<string>();
    for (const file of files) {
      const sidecar = sidecars.get(file) ?? null;
      const accepted = await this.accept(file, sidecar, uploadedBy);
      if (!seen.has(accepted.uploadId)) {
        seen.add(accepted.uploadId);
        uploads.push(accepted);
      }
    }
    return { uploads, rejected };
  }

  async getUploadStatus(id: string): Promise<UploadStatusView | undefined> {
    const upload = await this.deps.database.uploads.get(id);
    if (upload === undefined) {
      return undefined;
    }
    const job = upload.jobId === null ? undefined : await this.deps.queue.getJob(upload.jobId);
    return statusView(upload, job ?? null, await this.uploaderNames([upload]));
  }

  /** Display names of the users who uploaded these files, by the id kept on the upload. */
  private async uploaderNames(uploads: readonly UploadRecord[]): Promise<Map<string, string>> {
    const ids = uploads.flatMap((upload) => (upload.uploadedBy !== null && /^\d+$/u.test(upload.uploadedBy) ? [Number(upload.uploadedBy)] : []));
    const names = await this.deps.database.users.displayNames(ids);
    return new Map([...names].map(([id, name]) => [String(id), name]));
  }

  private async accept(file: StagedFile, sidecar: StagedFile | null, uploadedBy: string | null): Promise<AcceptedUpload> {
    const storedPath = await this.deps.storage.commit(file);
    if (sidecar !== null) {
      await this.deps.storage.commitSidecar(sidecar, file.sha256);
    }
    const { upload, created } = await this.deps.database.uploads.insertOrFind({
      contentKey: sidecar === null ? file.sha256 : `${file.sha256}+${sidecar.sha256}`,
      sha256: file.sha256,
      fileName: file.fileName,
      kind: inputKindOf(file.fileName),
      sizeBytes: file.sizeBytes,
      storedPath,
      sidecarName: sidecar?.fileName ?? null,
      sidecarSha256: sidecar?.sha256 ?? null,
      uploadedBy,
    });
    if (!created && upload.storedPath !== storedPath) {
      // The same bytes came before under another name; that copy is the one analysed.
      await rm(storedPath, { force: true });
    }

    let jobId = upload.jobId;
    const queued = created || (await this.needsAnalysis(upload));
    if (queued) {
      const job = await this.deps.queue.enqueue({ name: 'analyze-upload', payload: { uploadId: upload.id } }, { key: `upload:${upload.id}`, ...(uploadedBy === null ? {} : { requestedBy: uploadedBy }) });
      await this.deps.database.uploads.setQueued(upload.id, job.id);
      jobId = job.id;
      this.deps.logger.info({ uploadId: upload.id, jobId: job.id, file: upload.fileName, sizeBytes: upload.sizeBytes }, 'upload queued for analysis');
    }
    return {
      uploadId: upload.id,
      fileName: upload.fileName,
      kind: upload.kind,
      sizeBytes: upload.sizeBytes,
      metadataFile: upload.sidecarName,
      jobId,
      queued,
    };
  }

  /**
   * Decides whether an earlier upload of the same content is analysed again. It is when its analysis
   * failed, was cancelled or lost its job. An upload that is queued, running or done is left as it is.
   */
  private async needsAnalysis(upload: UploadRecord): Promise<boolean> {
    if (upload.status === 'done') {
      return false;
    }
    if (upload.status === 'failed' || upload.jobId === null) {
      return true;
    }
    const job = await this.deps.queue.getJob(upload.jobId);
    return job === undefined || job.state === 'failed' || job.state === 'cancelled';
  }
}

/**
 * Splits files into call files and metadata files, pairing each metadata file with the call file
 * whose sidecar names include it (`call.meta.json` or `call.txt.meta.json` for `call.txt`).
 */
function pairSidecars(staged: readonly StagedFile[]): { files: StagedFile[]; sidecars: Map<StagedFile, StagedFile>; rejected: RejectedFile[] } {
  const files = staged.filter((file) => !isSidecarName(file.fileName));
  const sidecars = new Map<StagedFile, StagedFile>();
  const rejected: RejectedFile[] = [];
  for (const candidate of staged.filter((file) => isSidecarName(file.fileName))) {
    const owner = files.find((file) => !sidecars.has(file) && sidecarPathsOf(file.fileName).some((name) => name.toLowerCase() === candidate.fileName.toLowerCase()));
    if (owner === undefined) {
      const expected = candidate.fileName.slice(0, -SIDECAR_SUFFIX.length);
      rejected.push({
        fileName: candidate.fileName,
        message: `Файл с данными звонка «${candidate.fileName}» пришёл без записи или расшифровки «${expected}.…»: загрузите их вместе.`,
      });
    } else {
      sidecars.set(owner, candidate);
    }
  }
  return { files, sidecars, rejected };
}

function statusView(upload: UploadRecord, job: JobStatus | null, uploaderNames: ReadonlyMap<string, string>): UploadStatusView {
  const result = upload.result as AnalyzeUploadResult | null;
  let state: UploadState = upload.status;
  let error = upload.error;
  // Only the job records some failures: a job that failed on every attempt or was cancelled.
  if ((state === 'queued' || state === 'processing') && job !== null) {
    if (job.state === 'failed') {
      state = 'failed';
      error = job.error ?? 'Анализ файла не удался: подробности в журнале обработчика задач.';
    } else if (job.state === 'cancelled') {
      state = 'cancelled';
      error = 'Анализ файла отменён.';
    } else if (job.state === 'running') {
      state = 'processing';
    }
  }
  const calls = result?.ok === true ? result.calls : null;
  return {
    id: upload.id,
    fileName: upload.fileName,
    kind: upload.kind,
    sizeBytes: upload.sizeBytes,
    metadataFile: upload.sidecarName,
    state,
    uploadedBy: upload.uploadedBy,
    uploadedByName: upload.uploadedBy === null ? null : (uploaderNames.get(upload.uploadedBy) ?? null),
    createdAt: upload.createdAt,
    finishedAt: upload.finishedAt,
    job: job === null ? null : { id: job.id, state: job.state, progress: job.progress, attempts: job.attempts, maxAttempts: job.maxAttempts },
    result:
      result?.ok === true && calls !== null && upload.status === 'done'
        ? {
            format: result.format,
            calls,
            callsCreated: calls.filter((call) => call.created).length,
            callsUpdated: calls.filter((call) => !call.created).length,
            warnings: result.warnings,
          }
        : null,
    error,
  };
}
