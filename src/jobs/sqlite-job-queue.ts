import type { Database, JobClaim, StoredJob } from '../data/index.ts';
import type { Logger } from '../lib/logger.ts';
import type { AnyJobContext, CancelResult, EnqueueOptions, EnqueueResult, JobProgress, JobQueue, JobState, JobStatus, WorkOptions } from './job-queue.ts';
import { JobRunner } from './job-runner.ts';
import type { ClaimedJob, JobBackend, LeaseState } from './job-runner.ts';
import { isJobName } from './job-types.ts';
import type { JobName, JobRequest } from './job-types.ts';
import type { QueueSettings } from './jobs-config.ts';

/** Error kept on a job whose worker stopped renewing its lease. */
export const LEASE_EXPIRED_MESSAGE = 'Обработчик задачи перестал отвечать: его процесс остановлен или завис.';

type SqliteClaim = JobClaim & ClaimedJob;

/**
 * The queue of the embedded setup: the `jobs` table of the SQLite file. Several processes may share
 * the file; each claim is one statement under SQLite's write lock.
 */
export class SqliteJobQueue implements JobQueue {
  readonly backend = 'sqlite';
  private runner: JobRunner<SqliteClaim> | undefined;

  constructor(
    private readonly database: Database,
    private readonly settings: QueueSettings,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const cutoff = new Date(Date.now() - this.settings.retentionDays * 86_400_000).toISOString();
    const deleted = await this.database.jobs.deleteFinishedBefore(cutoff);
    if (deleted > 0) {
      this.logger.info({ deleted, retentionDays: this.settings.retentionDays }, 'deleted finished jobs past retention');
    }
  }

  async enqueue(job: JobRequest, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    const result = await this.database.jobs.insert({
      name: job.name,
      payload: job.payload,
      key: options.key ?? null,
      maxAttempts: this.settings.maxAttempts,
      retryDelaySec: this.settings.retryDelaySec,
      requestedBy: options.requestedBy ?? null,
    });
    if (result.created) {
      this.runner?.notify();
    }
    return result;
  }

  work(names: readonly JobName[], handler: (job: AnyJobContext) => Promise<unknown>, options: WorkOptions): Promise<void> {
    if (this.runner !== undefined) {
      throw new Error('This queue already runs a worker');
    }
    this.runner = new JobRunner(this.createBackend(), this.settings, this.logger);
    this.runner.start(names, handler, options.concurrency);
    return Promise.resolve();
  }

  async getJob(id: string): Promise<JobStatus | undefined> {
    const job = await this.database.jobs.get(id);
    return job === undefined ? undefined : toJobStatus(job);
  }

  async cancel(id: string): Promise<CancelResult> {
    if (await this.database.jobs.cancel(id)) {
      return { ok: true };
    }
    const status = await this.getJob(id);
    return status === undefined ? { ok: false, reason: 'not_found' } : { ok: false, reason: 'finished', status };
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
  }

  private createBackend(): JobBackend<SqliteClaim> {
    const jobs = this.database.jobs;
    const { leaseMs } = this.settings;
    const leaseState = async (claim: SqliteClaim, held: boolean): Promise<LeaseState> => {
      if (held) {
        return 'held';
      }
      const job = await jobs.get(claim.id);
      return job?.state === 'cancelled' ? 'cancelled' : 'lost';
    };
    return {
      claim: async (name) => {
        const expired = await jobs.expireLeases(LEASE_EXPIRED_MESSAGE);
        if (expired > 0) {
          this.logger.warn({ expired }, 'jobs with an ended lease handed back to the queue');
        }
        const claim = await jobs.claim(name, leaseMs);
        return claim === undefined ? undefined : { ...claim, name };
      },
      renewLease: async (claim) => leaseState(claim, await jobs.extendLease(claim, leaseMs)),
      reportProgress: async (claim, progress) => leaseState(claim, await jobs.reportProgress(claim, progress)),
      complete: async (claim, result) => {
        await jobs.complete(claim, result);
      },
      fail: (claim, message) => jobs.fail(claim, message),
      release: async (claim) => {
        await jobs.release(claim);
      },
    };
  }
}

function toJobStatus(job: StoredJob): JobStatus {
  if (!isJobName(job.name)) {
    throw new Error(`Unknown job name in the jobs table: ${job.name}`);
  }
  return {
    id: job.id,
    name: job.name,
    state: stateOf(job),
    key: job.key,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    progress: job.progress satisfies JobProgress,
    result: job.result,
    error: job.error,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

function stateOf(job: StoredJob): JobState {
  if (job.state === 'queued' && job.attempts > 0) {
    return 'retrying';
  }
  return job.state;
}
