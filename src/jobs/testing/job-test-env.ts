import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import PgBoss from 'pg-boss';
import pino from 'pino';

import { openDatabase } from '../../data/database.ts';
import type { Database } from '../../data/database.ts';
import { createTestTarget, TEST_POSTGRES_URL } from '../../data/testing/test-databases.ts';
import type { DatabaseKind, TestDatabaseTarget } from '../../data/testing/test-databases.ts';
import { loadConfig } from '../../lib/config.ts';
import type { AppConfig } from '../../lib/config.ts';
import type { Logger } from '../../lib/logger.ts';
import { FINISHED_JOB_STATES } from '../job-queue.ts';
import type { JobQueue, JobState, JobStatus } from '../job-queue.ts';
import type { JobName } from '../job-types.ts';
import type { QueueSettings } from '../jobs-config.ts';
import { openJobQueue } from '../open-job-queue.ts';

/** Short leases and no retry delay, so that expiry and retries happen within a test. */
export const FAST_QUEUE_SETTINGS: Partial<QueueSettings> = {
  leaseMs: 1000,
  pollIntervalMs: 100,
  retryDelaySec: 0,
  stopGraceMs: 2000,
  maxAttempts: 3,
};

/** A database, a config file and a data folder of their own, with the queues opened on them. */
export interface JobTestEnv {
  kind: DatabaseKind;
  database: Database;
  config: AppConfig;
  dataDir: string;
  logger: Logger;
  /** pg-boss schema of this run on PostgreSQL, null on SQLite. */
  pgBossSchema: string | null;
  /** Opens a queue (a new pg-boss instance on PostgreSQL, like another process); stopped by `cleanup`. */
  openQueue(settings?: Partial<QueueSettings>, logger?: Logger): Promise<JobQueue>;
  cleanup(): Promise<void>;
}

export async function createJobTestEnv(kind: DatabaseKind, sections: Record<string, unknown> = {}): Promise<JobTestEnv> {
  const folder = await mkdtemp(path.join(tmpdir(), 'okk-jobs-'));
  const dataDir = path.join(folder, 'data');
  const target: TestDatabaseTarget = await createTestTarget(kind);
  const database = await openWithRetry(target);
  const pgBossSchema = kind === 'postgres' ? `okk_boss_test_${randomUUID().replaceAll('-', '').slice(0, 16)}` : null;

  const configFile = path.join(folder, 'okk.config.json');
  const settings = { databaseUrl: target.url, dataDir, timeZone: 'Europe/Moscow', jobs: { maintenanceIntervalSec: 1 }, ...sections };
  await writeFile(configFile, JSON.stringify(settings));
  const config = loadConfig({ OKK_CONFIG: configFile }, folder);
  const logger = pino({ level: 'silent' });

  const queues: JobQueue[] = [];
  return {
    kind,
    database,
    config,
    dataDir,
    logger,
    pgBossSchema,
    openQueue: async (overrides = {}, queueLogger = logger) => {
      const queue = await openJobQueue(database, config, queueLogger, {
        settings: { ...FAST_QUEUE_SETTINGS, ...overrides },
        ...(pgBossSchema === null ? {} : { pgBossSchema }),
      });
      queues.push(queue);
      return queue;
    },
    cleanup: async () => {
      await Promise.allSettled(queues.map((queue) => queue.stop()));
      await database.close();
      await target.remove();
      if (pgBossSchema !== null) {
        await dropSchema(pgBossSchema);
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the test database, trying again when the migration failed because another test dropped its
 * schema at that moment. kysely's migrator lists the tables of every schema, and PostgreSQL's
 * `has_schema_privilege` fails on a schema dropped while the list is read.
 */
async function openWithRetry(target: TestDatabaseTarget): Promise<Database> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await openDatabase(target.url, target.options);
    } catch (error) {
      const cause = error instanceof Error ? error.cause : undefined;
      const droppedElsewhere = cause instanceof Error && /^schema "[a-z0-9_]+" does not exist$/u.test(cause.message);
      if (!droppedElsewhere || attempt >= 3) {
        throw error;
      }
    }
  }
}

/**
 * Claims the oldest job of this name the way a worker does and never touches it again, as a killed
 * worker process would. Returns the job's id.
 */
export async function claimAsDeadWorker(env: JobTestEnv, name: JobName): Promise<string> {
  if (env.pgBossSchema === null) {
    const claim = await env.database.jobs.claim(name, 300);
    if (claim === undefined) {
      throw new Error(`no ${name} job to claim`);
    }
    return claim.id;
  }
  const boss = new PgBoss({ connectionString: TEST_POSTGRES_URL, schema: env.pgBossSchema, supervise: false, schedule: false });
  await boss.start();
  const [job] = await boss.fetch(name);
  await boss.stop({ graceful: false, close: true });
  if (job === undefined) {
    throw new Error(`no ${name} job to claim`);
  }
  return job.id;
}

/** Polls the job until it reaches one of `states` (any finished state by default) and returns its status. */
export async function waitForJob(queue: JobQueue, id: string, states: readonly JobState[] = FINISHED_JOB_STATES, timeoutMs = 20_000): Promise<JobStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await queue.getJob(id);
    if (status !== undefined && states.includes(status.state)) {
      return status;
    }
    if (Date.now() > deadline) {
      throw new Error(`job ${id} did not reach ${states.join('/')} in ${timeoutMs} ms; last state ${status?.state ?? 'missing'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls until `check` returns true. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
