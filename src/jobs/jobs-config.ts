import type { AppConfig } from '../lib/config.ts';
import { z } from '../lib/zod-russian.ts';

/** The `jobs` section of the config file. */
const jobsSectionSchema = z.object({
  /** Jobs of each kind one worker process runs at once. */
  concurrency: z.number().int().min(1).max(64).default(2),
  /** Attempts before a job is marked failed for good. */
  maxAttempts: z.number().int().min(1).max(20).default(3),
  /** Wait before the first retry, in seconds; each further retry waits twice as long. */
  retryDelaySec: z.number().int().min(0).max(3600).default(30),
  /**
   * How long a worker holds a job without renewing its claim, in seconds. A worker renews it four
   * times per lease while it runs, so a crashed worker's job goes back to the queue after about this long.
   */
  leaseSec: z.number().int().min(5).max(3600).default(120),
  /** How often an idle worker looks for new jobs, in seconds. */
  pollIntervalSec: z.number().min(0.5).max(60).default(2),
  /** How long `stop` waits for running jobs to finish before it hands them back to the queue, in seconds. */
  stopGraceSec: z.number().int().min(0).max(3600).default(30),
  /** Days that finished jobs and their results are kept. */
  retentionDays: z.number().int().min(1).max(3650).default(30),
  /** Run job handlers inside `okk serve`: `auto` does so on SQLite only; PostgreSQL setups run `okk worker`. */
  inProcessWorker: z.union([z.boolean(), z.literal('auto')]).default('auto'),
  /** PostgreSQL schema where pg-boss keeps its tables. */
  pgBossSchema: z.string().regex(/^[a-z_][a-z0-9_]{0,49}$/u, 'имя схемы: строчные латинские буквы, цифры и «_»').default('pgboss'),
  /** How often pg-boss looks for jobs whose lease has ended, in seconds. */
  maintenanceIntervalSec: z.number().int().min(1).max(3600).default(60),
});

export type JobsConfig = z.infer<typeof jobsSectionSchema>;

/** Timings and limits of a queue, in milliseconds where they are durations. */
export interface QueueSettings {
  maxAttempts: number;
  retryDelaySec: number;
  leaseMs: number;
  pollIntervalMs: number;
  stopGraceMs: number;
  retentionDays: number;
}

export function readJobsConfig(config: Pick<AppConfig, 'section'>): JobsConfig {
  return config.section('jobs', jobsSectionSchema);
}

export function queueSettingsOf(jobs: JobsConfig): QueueSettings {
  return {
    maxAttempts: jobs.maxAttempts,
    retryDelaySec: jobs.retryDelaySec,
    leaseMs: jobs.leaseSec * 1000,
    pollIntervalMs: jobs.pollIntervalSec * 1000,
    stopGraceMs: jobs.stopGraceSec * 1000,
    retentionDays: jobs.retentionDays,
  };
}
