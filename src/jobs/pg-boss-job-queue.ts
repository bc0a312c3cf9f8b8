import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import PgBoss from 'pg-boss';

import type { Database } from '../data/index.ts';
import { JobRecordRepository } from '../data/job-record.repository.ts';
import type { DatabaseSchema } from '../data/schema.ts';
import type { Logger } from '../lib/logger.ts';
import type { AnyJobContext, CancelResult, EnqueueOptions, EnqueueResult, JobQueue, JobState, JobStatus, WorkOptions } from './job-queue.ts';
import { FINISHED_JOB_STATES } from './job-queue.ts';
import { JobRunner } from './job-runner.ts';
import type { ClaimedJob, JobBackend, LeaseState } from './job-runner.ts';
import { JOB_NAMES, isJobName } from './job-types.ts';
import type { JobName, JobRequest } from './job-types.ts';
import type { QueueSettings } from './jobs-config.ts';
import { LEASE_EXPIRED_MESSAGE } from './sqlite-job-queue.ts';

export interface PgBossQueueOptions {
  connectionString: string;
  /** Schema of pg-boss's own tables. */
  schema: string;
  /** How often pg-boss expires jobs whose lease has ended, in seconds. */
  maintenanceIntervalSec: number;
}

interface PgBossClaim extends ClaimedJob {
  /** pg-boss's retry count when this worker claimed the job; a takeover by another worker raises it. */
  retryCount: number;
}

const BOSS_STATES: Record<string, JobState> = {
  created: 'queued',
  retry: 'retrying',
  active: 'running',
  completed: 'completed',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** pg-boss's own error text for a job whose `expire_in` passed while active. */
const BOSS_TIMEOUT_MESSAGE = 'job failed by timeout in active state';

const STOPPED_MESSAGE = 'Обработчик задач остановлен во время выполнения: задача будет выполнена снова.';

/**
 * The queue for PostgreSQL setups with several worker processes, on pg-boss 10. pg-boss stores the
 * jobs, claims them with `FOR UPDATE SKIP LOCKED`, retries with backoff and expires jobs whose worker
 * died. okk adds dedupe by key, progress (`job_records`) and lease renewal for long jobs.
 */
export class PgBossJobQueue implements JobQueue {
  readonly backend = 'pg-boss';
  private readonly boss: PgBoss;
  private runner: JobRunner<PgBossClaim> | undefined;

  constructor(
    private readonly database: Database,
    private readonly settings: QueueSettings,
    private readonly options: PgBossQueueOptions,
    private readonly logger: Logger,
  ) {
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema,
      application_name: 'okk-jobs',
      max: 4,
      // No cron schedules are used, so pg-boss's clock monitor and schedule polling stay off.
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSec,
      deleteAfterDays: settings.retentionDays,
    });
    // An 'error' event without a listener would end the process.
    this.boss.on('error', (error) => {
      this.logger.error({ err: error }, 'pg-boss reported an error');
    });
  }

  async start(): Promise<void> {
    await this.boss.start();
    const queueOptions = {
      policy: 'standard' as const,
      retryLimit: this.settings.maxAttempts - 1,
      retryDelay: this.settings.retryDelaySec,
      retryBackoff: this.settings.retryDelaySec > 0,
      expireInSeconds: Math.ceil(this.settings.leaseMs / 1000),
    };
    for (const name of JOB_NAMES) {
      await this.boss.createQueue(name, { name, ...queueOptions });
      await this.boss.updateQueue(name, { name, ...queueOptions });
    }
    const cutoff = new Date(Date.now() - this.settings.retentionDays * 86_400_000).toISOString();
    await this.database.jobRecords.deleteCreatedBefore(cutoff);
  }

  async enqueue(job: JobRequest, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    const key = options.key ?? null;
    const result = await this.database.db.transaction().execute(async (trx) => {
      const records = new JobRecordRepository({ db: trx, dialect: this.database.dialect, timeZone: this.database.timeZone });
      if (key !== null) {
        await records.lockKey(job.name, key);
        const existing = await records.findUnfinished(this.options.schema, job.name, key);
        if (existing !== undefined) {
          return { id: existing, created: false };
        }
      }
      const id = await this.boss.send(job.name, job.payload, { db: bossConnection(trx) });
      if (id === null) {
        throw new Error(`pg-boss did not create a job in queue ${job.name}`);
      }
      await records.insert({ jobId: id, jobName: job.name, key, requestedBy: options.requestedBy ?? null });
      return { id, created: true };
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
    const record = await this.database.jobRecords.get(id);
    if (record === undefined || !isJobName(record.jobName)) {
      return undefined;
    }
    const job = await this.boss.getJobById<object>(record.jobName, id, { includeArchive: true });
    if (job === null) {
      return undefined;
    }
    const state = BOSS_STATES[job.state] ?? 'queued';
    const startedAt = optionalIso(job.startedOn);
    return {
      id,
      name: record.jobName,
      state,
      key: record.key,
      attempts: startedAt === null ? 0 : job.retryCount + 1,
      maxAttempts: job.retryLimit + 1,
      progress: record.progress,
      result: state === 'completed' ? job.output : null,
      error: state === 'retrying' || state === 'failed' ? errorOf(job.output) : null,
      requestedBy: record.requestedBy,
      createdAt: new Date(job.createdOn).toISOString(),
      startedAt,
      finishedAt: optionalIso(job.completedOn),
    };
  }

  async cancel(id: string): Promise<CancelResult> {
    const status = await this.getJob(id);
    if (status === undefined) {
      return { ok: false, reason: 'not_found' };
    }
    if (FINISHED_JOB_STATES.includes(status.state)) {
      return { ok: false, reason: 'finished', status };
    }
    await this.boss.cancel(status.name, id);
    return { ok: true };
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
    await this.boss.stop({ graceful: true, close: true, wait: true, timeout: 1000 });
  }

  private createBackend(): JobBackend<PgBossClaim> {
    const schema = this.options.schema;
    const records = this.database.jobRecords;
    const leaseState = async (job: PgBossClaim): Promise<LeaseState> => {
      if (await records.renewBossLease(schema, job)) {
        return 'held';
      }
      const current = await this.boss.getJobById(job.name, job.id);
      return current?.state === 'cancelled' ? 'cancelled' : 'lost';
    };
    return {
      claim: async (name) => {
        const [job] = await this.boss.fetch<unknown>(name, { includeMetadata: true });
        if (job === undefined) {
          return undefined;
        }
        return { id: job.id, name, payload: job.data, attempt: job.retryCount + 1, maxAttempts: job.retryLimit + 1, retryCount: job.retryCount };
      },
      renewLease: leaseState,
      reportProgress: async (job, progress) => {
        await records.reportProgress(job.id, progress);
        return leaseState(job);
      },
      complete: async (job, result) => {
        await this.boss.complete(job.name, job.id, result ?? {});
      },
      fail: async (job, message) => {
        await this.boss.fail(job.name, job.id, { message });
        const after = await this.boss.getJobById(job.name, job.id);
        if (after?.state === 'retry') {
          return { retryAt: new Date(after.startAfter).toISOString() };
        }
        return after?.state === 'failed' ? { retryAt: null } : undefined;
      },
      release: async (job) => {
        // NOTE: pg-boss 10 has no call that puts an active job back without counting the attempt, so a
        // job released by a stopping worker uses up one of its attempts.
        await this.boss.fail(job.name, job.id, { message: STOPPED_MESSAGE });
      },
    };
  }
}

/** Lets pg-boss run its statements on an open kysely transaction, so a job and its record commit together. */
function bossConnection(db: Kysely<DatabaseSchema>): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values as unknown[]));
      return { rows: result.rows };
    },
  };
}

/** pg-boss's types declare `startedOn` non-null, but a job not yet started (or finished) has null there. */
function optionalIso(value: Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** Extracts the Russian error of a failed attempt from the output pg-boss stored for the job. */
function errorOf(output: unknown): string | null {
  if (typeof output !== 'object' || output === null) {
    return null;
  }
  const direct = (output as { message?: unknown }).message;
  const wrapped = (output as { value?: { message?: unknown } }).value?.message;
  const message = typeof direct === 'string' ? direct : typeof wrapped === 'string' ? wrapped : null;
  return message === BOSS_TIMEOUT_MESSAGE ? LEASE_EXPIRED_MESSAGE : message;
}
