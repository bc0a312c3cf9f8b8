import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';

import type { DataContext } from './data-context.ts';
import { nowIso } from './data-context.ts';
import type { UploadTable } from './schema.ts';
import { readJson, readNumber, readOptionalTimestamp, readTimestamp } from './sql-dialect.ts';

export type UploadStatus = 'queued' | 'processing' | 'done' | 'failed';
export type UploadKind = 'audio' | 'transcript';

export interface UploadRecord {
  id: string;
  contentKey: string;
  sha256: string;
  fileName: string;
  kind: UploadKind;
  sizeBytes: number;
  storedPath: string;
  sidecarName: string | null;
  sidecarSha256: string | null;
  uploadedBy: string | null;
  jobId: string | null;
  status: UploadStatus;
  /** What the analysis produced; the uploads service defines its shape. */
  result: unknown;
  /** Russian message of a failed analysis. */
  error: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface NewUpload {
  contentKey: string;
  sha256: string;
  fileName: string;
  kind: UploadKind;
  sizeBytes: number;
  storedPath: string;
  sidecarName: string | null;
  sidecarSha256: string | null;
  uploadedBy: string | null;
}

/** Uploaded files and the outcome of their analysis, one row per distinct content. */
export class UploadRepository {
  constructor(private readonly context: DataContext) {}

  /** Adds the upload, or returns the row that already has its content key (`created: false`). */
  async insertOrFind(upload: NewUpload): Promise<{ upload: UploadRecord; created: boolean }> {
    const now = nowIso();
    const inserted = await this.context.db
      .insertInto('uploads')
      .values({
        id: randomUUID(),
        content_key: upload.contentKey,
        sha256: upload.sha256,
        file_name: upload.fileName,
        kind: upload.kind,
        size_bytes: upload.sizeBytes,
        stored_path: upload.storedPath,
        sidecar_name: upload.sidecarName,
        sidecar_sha256: upload.sidecarSha256,
        uploaded_by: upload.uploadedBy,
        status: 'queued',
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) => conflict.column('content_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted !== undefined) {
      return { upload: toUploadRecord(inserted), created: true };
    }
    const existing = await this.context.db.selectFrom('uploads').selectAll().where('content_key', '=', upload.contentKey).executeTakeFirstOrThrow();
    return { upload: toUploadRecord(existing), created: false };
  }

  async get(id: string): Promise<UploadRecord | undefined> {
    const row = await this.context.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toUploadRecord(row);
  }

  /** The most recent uploads first, optionally only one user's. */
  async listRecent(options: { uploadedBy?: string; limit: number }): Promise<UploadRecord[]> {
    let query = this.context.db.selectFrom('uploads').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit);
    if (options.uploadedBy !== undefined) {
      query = query.where('uploaded_by', '=', options.uploadedBy);
    }
    return (await query.execute()).map(toUploadRecord);
  }

  /** Queues the upload for analysis by this job, clearing the outcome of an earlier run. */
  async setQueued(id: string, jobId: string): Promise<void> {
    await this.context.db
      .updateTable('uploads')
      .set({ job_id: jobId, status: 'queued', error: null, finished_at: null, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
  }

  async setProcessing(id: string): Promise<void> {
    await this.context.db.updateTable('uploads').set({ status: 'processing', updated_at: nowIso() }).where('id', '=', id).execute();
  }

  /** Records the outcome of the analysis. */
  async finish(id: string, outcome: { status: 'done' | 'failed'; result: unknown; error: string | null }): Promise<void> {
    const now = nowIso();
    await this.context.db
      .updateTable('uploads')
      .set({
        status: outcome.status,
        result: this.context.dialect.json(outcome.result),
        error: outcome.error,
        finished_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }
}

function toUploadRecord(row: Selectable<UploadTable>): UploadRecord {
  return {
    id: row.id,
    contentKey: row.content_key,
    sha256: row.sha256,
    fileName: row.file_name,
    kind: row.kind as UploadKind,
    sizeBytes: readNumber(row.size_bytes) ?? 0,
    storedPath: row.stored_path,
    sidecarName: row.sidecar_name,
    sidecarSha256: row.sidecar_sha256,
    uploadedBy: row.uploaded_by,
    jobId: row.job_id,
    status: row.status as UploadStatus,
    result: row.result === null ? null : readJson(row.result),
    error: row.error,
    createdAt: readTimestamp(row.created_at),
    updatedAt: readTimestamp(row.updated_at),
    finishedAt: readOptionalTimestamp(row.finished_at),
  };
}
