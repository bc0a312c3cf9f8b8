import { AppError, isAppError } from '../lib/app-error.ts';
import type { Logger } from '../lib/logger.ts';
import type { AnyJobContext, JobProgress } from './job-queue.ts';
import { JOB_PAYLOAD_SCHEMAS } from './job-types.ts';
import type { JobName } from './job-types.ts';

/** A job one worker has claimed, as a backend hands it to the runner. */
export interface ClaimedJob {
  id: string;
  name: JobName;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
}

/** Whether the worker still holds the job: `cancelled` by a user, or `lost` to another worker after the lease ended. */
export type LeaseState = 'held' | 'cancelled' | 'lost';

/** The operations the runner needs from a queue backend. */
export interface JobBackend<C extends ClaimedJob> {
  claim(name: JobName): Promise<C | undefined>;
  renewLease(job: C): Promise<LeaseState>;
  reportProgress(job: C, progress: JobProgress): Promise<LeaseState>;
  complete(job: C, result: unknown): Promise<void>;
  /** Records a failed attempt; `retryAt` is null when it was the last one. Undefined when the job was no longer held. */
  fail(job: C, message: string): Promise<{ retryAt: string | null } | undefined>;
  /** Hands the job back to the queue because this worker stops. */
  release(job: C): Promise<void>;
}

export interface RunnerTimings {
  pollIntervalMs: number;
  leaseMs: number;
  stopGraceMs: number;
}

/** Reason for aborting a running job's signal. */
class JobAbort extends Error {
  constructor(readonly reason: 'stopping' | 'cancelled' | 'lost') {
    super(`job aborted: ${reason}`);
  }
}

interface RunningJob {
  job: ClaimedJob;
  controller: AbortController;
  finished: Promise<void>;
  /** Set when `stop` released the job itself, so the handler's late outcome is dropped. */
  released: boolean;
}

/** How long `stop` waits for aborted handlers to return before it releases their jobs anyway. */
const ABORT_WAIT_MS = 5000;

/** While claiming keeps failing (the database is down), one failure in this many is logged. */
const CLAIM_FAILURE_LOG_EVERY = 30;

/**
 * Runs handlers for claimed jobs: `concurrency` loops per job name, each claiming one job at a time.
 * While a handler runs, its lease is renewed four times per lease. When a renewal fails because the
 * job was cancelled or taken back, the handler's signal is aborted.
 */
export class JobRunner<C extends ClaimedJob> {
  private stopping = false;
  private readonly running = new Map<string, RunningJob>();
  private readonly waiting = new Set<() => void>();
  private readonly loops: Promise<void>[] = [];
  private claimFailures = 0;

  constructor(
    private readonly backend: JobBackend<C>,
    private readonly timings: RunnerTimings,
    private readonly logger: Logger,
  ) {}

  start(names: readonly JobName[], handler: (job: AnyJobContext) => Promise<unknown>, concurrency: number): void {
    for (const name of names) {
      for (let slot = 0; slot < concurrency; slot += 1) {
        this.loops.push(this.loop(name, handler));
      }
    }
  }

  /** Wakes idle loops, after a job was enqueued in this process. */
  notify(): void {
    for (const wake of [...this.waiting]) {
      wake();
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.notify();

    const pending = [...this.running.values()];
    if (pending.length > 0) {
      this.logger.info({ jobIds: pending.map((entry) => entry.job.id) }, 'waiting for running jobs to finish');
      await settledWithin(pending.map((entry) => entry.finished), this.timings.stopGraceMs);
    }

    const unfinished = [...this.running.values()];
    for (const entry of unfinished) {
      entry.controller.abort(new JobAbort('stopping'));
    }
    if (unfinished.length > 0) {
      await settledWithin(unfinished.map((entry) => entry.finished), ABORT_WAIT_MS);
    }
    for (const entry of this.running.values()) {
      // The handler ignored its aborted signal; its job goes back to the queue all the same.
      entry.released = true;
      await this.release(entry.job);
    }
    await settledWithin(this.loops, ABORT_WAIT_MS);
  }

  private async loop(name: JobName, handler: (job: AnyJobContext) => Promise<unknown>): Promise<void> {
    while (!this.stopping) {
      let job: C | undefined;
      try {
        job = await this.backend.claim(name);
        this.recordClaimSuccess();
      } catch (error) {
        this.recordClaimFailure(error, name);
      }
      if (job === undefined) {
        await this.idle();
        continue;
      }
      if (this.isStopping()) {
        await this.release(job);
        break;
      }
      await this.run(job, handler);
    }
  }

  private recordClaimFailure(error: unknown, name: JobName): void {
    this.claimFailures += 1;
    if (this.claimFailures % CLAIM_FAILURE_LOG_EVERY === 1) {
      this.logger.error({ err: error, job: name, failures: this.claimFailures }, 'claiming a job failed');
    }
  }

  private recordClaimSuccess(): void {
    if (this.claimFailures > 0) {
      this.logger.info({ failures: this.claimFailures }, 'claiming jobs works again');
      this.claimFailures = 0;
    }
  }

  /** A method, not the field, because the compiler narrows the field inside the loop across awaits. */
  private isStopping(): boolean {
    return this.stopping;
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.timings.pollIntervalMs);
      this.waiting.add(wake);
    });
  }

  private async run(job: C, handler: (job: AnyJobContext) => Promise<unknown>): Promise<void> {
    const logger = this.logger.child({ jobId: job.id, job: job.name, attempt: job.attempt });
    const controller = new AbortController();
    let settle!: () => void;
    const finished = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const entry: RunningJob = { job, controller, finished, released: false };
    this.running.set(job.id, entry);
    const renewal = this.renewLeasePeriodically(job, controller, logger);

    try {
      const parsed = JOB_PAYLOAD_SCHEMAS[job.name].safeParse(job.payload);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`).join('; ');
        await this.recordFailure(job, new AppError('INVALID_INPUT', `Параметры задачи ${job.name} некорректны: ${problems}`), logger);
        return;
      }
      const context = {
        id: job.id,
        name: job.name,
        payload: parsed.data,
        attempt: job.attempt,
        maxAttempts: job.maxAttempts,
        signal: controller.signal,
        logger,
        reportProgress: async (progress: JobProgress) => {
          const lease = await this.backend.reportProgress(job, progress);
          if (lease !== 'held' && !controller.signal.aborted) {
            controller.abort(new JobAbort(lease));
          }
        },
      } as AnyJobContext;

      logger.info({ maxAttempts: job.maxAttempts }, 'job started');
      let result: unknown;
      try {
        result = await handler(context);
      } catch (error) {
        if (!controller.signal.aborted) {
          await this.recordFailure(job, error, logger);
          return;
        }
        logger.debug({ err: error }, 'aborted handler threw');
      }
      if (controller.signal.aborted) {
        await this.settleAborted(entry, logger);
        return;
      }
      await this.backend.complete(job, result);
      logger.info('job completed');
    } catch (error) {
      logger.error({ err: error }, 'recording the outcome of a job failed');
    } finally {
      clearInterval(renewal);
      this.running.delete(job.id);
      settle();
    }
  }

  private renewLeasePeriodically(job: C, controller: AbortController, logger: Logger): NodeJS.Timeout {
    let renewing = false;
    return setInterval(() => {
      if (renewing || controller.signal.aborted) {
        return;
      }
      renewing = true;
      this.backend
        .renewLease(job)
        .then((lease) => {
          if (lease !== 'held' && !controller.signal.aborted) {
            controller.abort(new JobAbort(lease));
          }
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'renewing the lease of a job failed');
        })
        .finally(() => {
          renewing = false;
        });
    }, Math.max(50, Math.floor(this.timings.leaseMs / 4)));
  }

  private async settleAborted(entry: RunningJob, logger: Logger): Promise<void> {
    const reason: unknown = entry.controller.signal.reason;
    const why = reason instanceof JobAbort ? reason.reason : 'stopping';
    if (why === 'stopping') {
      if (!entry.released) {
        await this.release(entry.job);
      }
      return;
    }
    if (why === 'cancelled') {
      logger.info('job cancelled while running');
    } else {
      logger.warn('job lease lost while running: another worker has taken it over');
    }
  }

  private async recordFailure(job: C, error: unknown, logger: Logger): Promise<void> {
    const outcome = await this.backend.fail(job, userMessageOf(error, job.id));
    if (outcome === undefined) {
      logger.warn({ err: error }, 'job attempt failed after the job was cancelled or taken over');
    } else if (outcome.retryAt === null) {
      logger.error({ err: error }, 'job failed on its last attempt');
    } else {
      logger.warn({ err: error, retryAt: outcome.retryAt }, 'job attempt failed, retrying later');
    }
  }

  private async release(job: ClaimedJob): Promise<void> {
    try {
      await this.backend.release(job as C);
      this.logger.info({ jobId: job.id, job: job.name }, 'job handed back to the queue: the worker is stopping');
    } catch (error) {
      this.logger.error({ err: error, jobId: job.id, job: job.name }, 'handing a job back to the queue failed');
    }
  }
}

/**
 * Waits until every promise has settled or `ms` have passed. The timer is cleared either way, so a
 * stopped worker process can exit at once.
 */
async function settledWithin(promises: readonly Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([Promise.allSettled(promises), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Turns an error into the message the job's status shows: an `AppError`'s Russian message, or a general
 * message for anything else, whose details go to the log only.
 */
function userMessageOf(error: unknown, jobId: string): string {
  if (isAppError(error)) {
    return error.message;
  }
  return `Внутренняя ошибка при выполнении задачи ${jobId}: подробности в журнале обработчика задач.`;
}
