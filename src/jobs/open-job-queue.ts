import type { Database } from '../data/index.ts';
import type { AppConfig } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import type { JobQueue } from './job-queue.ts';
import { queueSettingsOf, readJobsConfig } from './jobs-config.ts';
import type { QueueSettings } from './jobs-config.ts';
import { PgBossJobQueue } from './pg-boss-job-queue.ts';
import { SqliteJobQueue } from './sqlite-job-queue.ts';

export interface OpenJobQueueOptions {
  /** Timings that replace the configured ones (tests use short leases). */
  settings?: Partial<QueueSettings>;
  /** pg-boss schema instead of `jobs.pgBossSchema` (tests use one per run). */
  pgBossSchema?: string;
}

/**
 * Opens and starts the job queue of the configured database: the jobs table of a SQLite file, or
 * pg-boss on PostgreSQL (`config.databaseUrl` is its connection).
 */
export async function openJobQueue(database: Database, config: AppConfig, logger: Logger, options: OpenJobQueueOptions = {}): Promise<JobQueue> {
  const jobs = readJobsConfig(config);
  const settings = { ...queueSettingsOf(jobs), ...options.settings };
  const queueLogger = logger.child({ component: 'jobs' });
  const queue = database.dialect.isSqlite
    ? new SqliteJobQueue(database, settings, queueLogger)
    : new PgBossJobQueue(
        database,
        settings,
        { connectionString: config.databaseUrl, schema: options.pgBossSchema ?? jobs.pgBossSchema, maintenanceIntervalSec: jobs.maintenanceIntervalSec },
        queueLogger,
      );
  await queue.start();
  return queue;
}
