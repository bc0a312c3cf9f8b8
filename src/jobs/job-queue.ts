import type { Logger } from '../lib/logger.ts';
import type { JobName, JobPayload, JobRequest, JobResult } from './job-types.ts';

/**
 * `queued`: waiting for a worker; `running`: a worker has it; `retrying`: an attempt failed and the
 * job waits for the next one; `completed`; `failed`: every attempt failed, the last error is kept;
 * `cancelled`.
 */
export type JobState = 'queued' | 'running' | 'retrying' | 'completed' | 'failed' | 'cancelled';

export const FINISHED_JOB_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

export interface JobProgress {
  done: number;
  /** Units of work in all, or null while unknown. */
  total: number | null;
  /** Russian status line for the user: what the job is doing now. */
  message: string | null;
}

export interface JobStatus {
  id: string;
  name: JobName;
  state: JobState;
  key: string | null;
  /** Attempts started so far. */
  attempts: number;
  maxAttempts: number;
  progress: JobProgress;
  /** The handler's result once completed (`JobResult` of the job's name). */
  result: unknown;
  /** Russian message of the last failed attempt, kept after the job has failed for good. */
  error: string | null;
  /** Id of the user who asked for the job, when one did. */
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface EnqueueOptions {
  /**
   * Dedupe key: while a job of the same name and key is queued, running or waiting for a retry,
   * enqueueing returns that job instead of adding a second one.
   */
  key?: string;
  requestedBy?: string;
}

export interface EnqueueResult {
  id: string;
  /** False when an unfinished job with the same key was found and returned. */
  created: boolean;
}

export type CancelResult = { ok: true } | { ok: false; reason: 'not_found' | 'finished'; status?: JobStatus };

/** The running job as its handler sees it. */
export interface JobContext<N extends JobName = JobName> {
  id: string;
  name: N;
  payload: JobPayload<N>;
  /** Attempt number, from 1. */
  attempt: number;
  maxAttempts: number;
  /**
   * Aborted when the job is cancelled, its lease is lost or the worker stops. A handler checks it
   * between units of work and stops; whatever it returns or throws afterwards is discarded.
   */
  signal: AbortSignal;
  /** Logger with the job id and name on every line. */
  logger: Logger;
  reportProgress(progress: JobProgress): Promise<void>;
}

/** A job context of any name; `name` tells which payload it carries. */
export type AnyJobContext = { [N in JobName]: JobContext<N> }[JobName];

export type JobHandler<N extends JobName> = (job: JobContext<N>) => Promise<JobResult<N>>;

export interface WorkOptions {
  /** Jobs of each name that this process runs at once. */
  concurrency: number;
}

/**
 * The durable job queue: SQLite's jobs table for the embedded single-process setup, pg-boss on
 * PostgreSQL for several worker processes. A job survives restarts of every process; a worker that
 * dies mid-job loses its lease and the job runs again, so handlers must be safe to run twice.
 */
export interface JobQueue {
  readonly backend: 'sqlite' | 'pg-boss';
  /** Prepares storage (pg-boss creates its schema and queues). Called once before anything else. */
  start(): Promise<void>;
  enqueue(job: JobRequest, options?: EnqueueOptions): Promise<EnqueueResult>;
  /** Runs `handler` for jobs of these names until `stop()`. */
  work(names: readonly JobName[], handler: (job: AnyJobContext) => Promise<unknown>, options: WorkOptions): Promise<void>;
  getJob(id: string): Promise<JobStatus | undefined>;
  /** Cancels a queued or running job; a running handler sees its signal aborted at its next lease renewal. */
  cancel(id: string): Promise<CancelResult>;
  /**
   * Stops taking jobs, waits up to the configured grace time for running handlers to finish, then
   * aborts the rest and hands their jobs back to the queue.
   */
  stop(): Promise<void>;
}
