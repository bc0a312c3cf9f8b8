import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';
import { columnTypes, oneOf } from './column-types.ts';

/** States of a row in the SQLite queue table; a retry waiting for its time is `queued` with attempts made. */
export const SQLITE_JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;

/**
 * Background jobs. On SQLite the `jobs` table is the queue itself: workers claim rows with a lease.
 * On PostgreSQL pg-boss keeps the queue in its own schema, and `job_records` keeps what pg-boss has no
 * place for: the dedupe key, who asked for the job and its progress.
 */
export function jobsMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect.isSqlite) {
        await createSqliteQueue(db, dialect);
      } else {
        await createJobRecords(db, dialect);
      }
    },
  };
}

async function createSqliteQueue(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  await db.schema
    .createTable('jobs')
    .ifNotExists()
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('payload', type.json, (column) => column.notNull())
    .addColumn('job_key', 'text')
    .addColumn('state', 'text', (column) => column.notNull().check(oneOf('state', SQLITE_JOB_STATES)))
    .addColumn('attempts', 'integer', (column) => column.notNull())
    .addColumn('max_attempts', 'integer', (column) => column.notNull())
    .addColumn('retry_delay_sec', 'integer', (column) => column.notNull())
    .addColumn('run_after', type.timestamp, (column) => column.notNull())
    .addColumn('claim_token', 'text')
    .addColumn('lease_until', type.timestamp)
    .addColumn('progress_done', 'integer', (column) => column.notNull())
    .addColumn('progress_total', 'integer')
    .addColumn('progress_message', 'text')
    .addColumn('result', type.json)
    .addColumn('error', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .addColumn('updated_at', type.timestamp, (column) => column.notNull())
    .addColumn('started_at', type.timestamp)
    .addColumn('finished_at', type.timestamp)
    .execute();

  // One unfinished job per key and name: a second enqueue with the key finds the first instead.
  await sql`create unique index if not exists jobs_pending_key on jobs (name, job_key)
    where job_key is not null and state in ('queued', 'running')`.execute(db);
  await db.schema.createIndex('jobs_claim').ifNotExists().on('jobs').columns(['name', 'state', 'run_after']).execute();
  await db.schema.createIndex('jobs_lease').ifNotExists().on('jobs').columns(['state', 'lease_until']).execute();
  await db.schema.createIndex('jobs_finished').ifNotExists().on('jobs').columns(['finished_at']).execute();
}

async function createJobRecords(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  await db.schema
    .createTable('job_records')
    .ifNotExists()
    .addColumn('job_id', 'text', (column) => column.primaryKey())
    .addColumn('job_name', 'text', (column) => column.notNull())
    .addColumn('job_key', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('progress_done', 'integer', (column) => column.notNull())
    .addColumn('progress_total', 'integer')
    .addColumn('progress_message', 'text')
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .addColumn('updated_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('job_records_key').ifNotExists().on('job_records').columns(['job_name', 'job_key']).execute();
  await db.schema.createIndex('job_records_created').ifNotExists().on('job_records').columns(['created_at']).execute();
}
