import { randomUUID } from 'node:crypto';

import type { DataContext } from './data-context.ts';
import { nowIso } from './data-context.ts';
import type { JobTable } from './schema.ts';
import { readJson, readOptionalTimestamp, readTimestamp } from './sql-dialect.ts';
import type { Selectable } from 'kysely';

export type StoredJobState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface JobProgressValues {
  done: number;
  total: number | null;
  message: string | null;
}

/** A row of the SQLite queue. */
export interface StoredJob {
  id: string;
  name: string;
  payload: unknown;
  key: string | null;
  state: StoredJobState;
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  leaseUntil: string | null;
  progress: JobProgressValues;
  result: unknown;
  error: string | null;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface NewJob {
  name: string;
  payload: unknown;
  key: string | null;
  maxAttempts: number;
  retryDelaySec: number;
  requestedBy: string | null;
}

/** A job claimed by one worker. Every later change to it must present `claimToken`. */
export interface JobClaim {
  id: string;
  name: string;
  payload: unknown;
  /** Attempt number of this run, from 1. */
  attempt: number;
  maxAttempts: number;
  claimToken: string;
}

/** Longest wait between two attempts, whatever the attempt number. */
const MAX_RETRY_DELAY_SEC = 3600;

/**
 * The SQLite job queue. Every state change is one statement, and SQLite runs one writer at a time, so
 * two workers (threads or processes) never claim the same row. A claim holds a lease; a worker that
 * dies stops renewing it, and `expireLeases` hands the job back to the queue.
 */
export class JobRepository {
  constructor(private readonly context: DataContext) {}

  /**
   * Adds a job. With a key, a queued or running job of the same name and key is returned instead
   * (`created: false`), so enqueueing twice never makes two jobs.
   */
  async insert(job: NewJob): Promise<{ id: string; created: boolean }> {
    const { db, dialect } = this.context;
    // The unfinished job found on a conflict can finish before it is read back, so the insert is tried again.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const now = nowIso();
      const id = randomUUID();
      const inserted = await db
        .insertInto('jobs')
        .values({
          id,
          name: job.name,
          payload: dialect.json(job.payload),
          job_key: job.key,
          state: 'queued',
          attempts: 0,
          max_attempts: job.maxAttempts,
          retry_delay_sec: job.retryDelaySec,
          run_after: now,
          progress_done: 0,
          requested_by: job.requestedBy,
          created_at: now,
          updated_at: now,
        })
        .onConflict((conflict) => conflict.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted !== undefined) {
        return { id: inserted.id, created: true };
      }
      const existing = job.key === null ? undefined : await this.findUnfinished(job.name, job.key);
      if (existing !== undefined) {
        return { id: existing, created: false };
      }
    }
    throw new Error(`Job ${job.name} with key ${job.key ?? '(none)'} could not be inserted or found`);
  }

  /** Id of the queued or running job with this name and key, if any. */
  async findUnfinished(name: string, key: string): Promise<string | undefined> {
    const row = await this.context.db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', name)
      .where('job_key', '=', key)
      .where('state', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return row?.id;
  }

  /**
   * Hands running jobs whose lease has ended back to the queue, or marks them failed when that was
   * their last attempt, with `message` as the error. Returns how many jobs there were.
   */
  async expireLeases(message: string): Promise<number> {
    const now = nowIso();
    const result = await this.context.db
      .updateTable('jobs')
      .set((eb) => ({
        state: eb.case().when('attempts', '>=', eb.ref('max_attempts')).then('failed').else('queued').end(),
        finished_at: eb.case().when('attempts', '>=', eb.ref('max_attempts')).then(now).else(null).end(),
        error: message,
        claim_token: null,
        lease_until: null,
        run_after: now,
        updated_at: now,
      }))
      .where('state', '=', 'running')
      .where('lease_until', '<', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Claims the oldest due job of this name for `leaseMs`, or returns undefined when none is due. */
  async claim(name: string, leaseMs: number): Promise<JobClaim | undefined> {
    const { db } = this.context;
    const now = nowIso();
    const claimToken = randomUUID();
    const next = db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', name)
      .where('state', '=', 'queued')
      .where('run_after', '<=', now)
      .orderBy('run_after')
      .orderBy('created_at')
      .limit(1);
    const row = await db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        attempts: eb('attempts', '+', 1),
        claim_token: claimToken,
        lease_until: new Date(Date.now() + leaseMs).toISOString(),
        started_at: now,
        updated_at: now,
      }))
      .where('id', '=', next)
      .where('state', '=', 'queued')
      .returning(['id', 'name', 'payload', 'attempts', 'max_attempts'])
      .executeTakeFirst();
    if (row === undefined) {
      return undefined;
    }
    return { id: row.id, name: row.name, payload: readJson(row.payload), attempt: row.attempts, maxAttempts: row.max_attempts, claimToken };
  }

  /** Renews the claim's lease. Returns false when the claim is gone: the job was cancelled or taken back. */
  async extendLease(claim: JobClaim, leaseMs: number): Promise<boolean> {
    const result = await this.context.db
      .updateTable('jobs')
      .set({ lease_until: new Date(Date.now() + leaseMs).toISOString(), updated_at: nowIso() })
      .where('id', '=', claim.id)
      .where('claim_token', '=', claim.claimToken)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Records progress of a running job. Returns false when the claim is gone. */
  async reportProgress(claim: JobClaim, progress: JobProgressValues): Promise<boolean> {
    const result = await this.context.db
      .updateTable('jobs')
      .set({ progress_done: progress.done, progress_total: progress.total, progress_message: progress.message, updated_at: nowIso() })
      .where('id', '=', claim.id)
      .where('claim_token', '=', claim.claimToken)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Marks the job completed with its result. Returns false when the claim is gone. */
  async complete(claim: JobClaim, result: unknown): Promise<boolean> {
    const now = nowIso();
    const updated = await this.context.db
      .updateTable('jobs')
      .set({
        state: 'completed',
        result: this.context.dialect.json(result ?? null),
        error: null,
        claim_token: null,
        lease_until: null,
        finished_at: now,
        updated_at: now,
      })
      .where('id', '=', claim.id)
      .where('claim_token', '=', claim.claimToken)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n;
  }

  /**
   * Records a failed attempt: the job waits for a retry (the delay doubles with each attempt) or, after
   * its last attempt, stays failed with the error. Returns undefined when the claim is gone.
   */
  async fail(claim: JobClaim, error: string): Promise<{ retryAt: string | null } | undefined> {
    const { db } = this.context;
    const row = await db
      .selectFrom('jobs')
      .select(['attempts', 'max_attempts', 'retry_delay_sec'])
      .where('id', '=', claim.id)
      .where('claim_token', '=', claim.claimToken)
      .where('state', '=', 'running')
      .executeTakeFirst();
    if (row === undefined) {
      return undefined;
    }
    const now = new Date();
    const dead = row.attempts >= row.max_attempts;
    const delaySec = Math.min(MAX_RETRY_DELAY_SEC, row.retry_delay_sec * 2 ** Math.max(0, row.attempts - 1));
    const retryAt = dead ? null : new Date(now.getTime() + delaySec * 1000).toISOString();
    const updated = await db
      .updateTable('jobs')
      .set({
        state: dead ? 'failed' : 'queued',
        error,
        claim_token: null,
        lease_until: null,
        run_after: retryAt ?? now.toISOString(),
        finished_at: dead ? now.toISOString() : null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', claim.id)
      .where('claim_token', '=', claim.claimToken)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n ? { retryAt } : undefined;
  }

  /** Puts a running job back in the queue without counting the attempt, for a worker that stops. */
  async release(claim: JobClaim): Promise<boolean> {
    const now = nowIso();
    const updated = await this.context.db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'queued',
        attempts: eb('attempts', '-', 1),
        claim_token: null,
        lease_until: null,
        run_after: now,
        updated_at: now,
      }))
      .where('id', '=', claim.id)
      .where('claim_token', '=', claim.claimToken)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n;
  }

  /** Cancels a queued or running job. Returns false when there is no such unfinished job. */
  async cancel(id: string): Promise<boolean> {
    const now = nowIso();
    const updated = await this.context.db
      .updateTable('jobs')
      .set({ state: 'cancelled', claim_token: null, lease_until: null, finished_at: now, updated_at: now })
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n;
  }

  async get(id: string): Promise<StoredJob | undefined> {
    const row = await this.context.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toStoredJob(row);
  }

  /** Deletes finished jobs (completed, failed or cancelled) that finished before `time`. Returns how many. */
  async deleteFinishedBefore(time: string): Promise<number> {
    const result = await this.context.db
      .deleteFrom('jobs')
      .where('state', 'in', ['completed', 'failed', 'cancelled'])
      .where('finished_at', '<', time)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toStoredJob(row: Selectable<JobTable>): StoredJob {
  return {
    id: row.id,
    name: row.name,
    payload: readJson(row.payload),
    key: row.job_key,
    state: row.state as StoredJobState,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAfter: readTimestamp(row.run_after),
    leaseUntil: readOptionalTimestamp(row.lease_until),
    progress: { done: row.progress_done, total: row.progress_total, message: row.progress_message },
    result: row.result === null ? null : readJson(row.result),
    error: row.error,
    requestedBy: row.requested_by,
    createdAt: readTimestamp(row.created_at),
    startedAt: readOptionalTimestamp(row.started_at),
    finishedAt: readOptionalTimestamp(row.finished_at),
  };
}
