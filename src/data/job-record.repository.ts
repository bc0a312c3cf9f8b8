import { sql } from 'kysely';

import type { DataContext } from './data-context.ts';
import { nowIso } from './data-context.ts';
import type { JobProgressValues } from './job.repository.ts';
import { readTimestamp } from './sql-dialect.ts';

export interface JobRecord {
  jobId: string;
  jobName: string;
  key: string | null;
  requestedBy: string | null;
  progress: JobProgressValues;
  createdAt: string;
}

const BOSS_SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,49}$/;

/**
 * Records kept beside the pg-boss jobs on PostgreSQL. pg-boss looks a job up by name and id, and has no
 * place for a dedupe key, the requesting user or progress, so each job's record stores them.
 */
export class JobRecordRepository {
  constructor(private readonly context: DataContext) {}

  async insert(record: { jobId: string; jobName: string; key: string | null; requestedBy: string | null }): Promise<void> {
    const now = nowIso();
    await this.context.db
      .insertInto('job_records')
      .values({
        job_id: record.jobId,
        job_name: record.jobName,
        job_key: record.key,
        requested_by: record.requestedBy,
        progress_done: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async get(jobId: string): Promise<JobRecord | undefined> {
    const row = await this.context.db.selectFrom('job_records').selectAll().where('job_id', '=', jobId).executeTakeFirst();
    if (row === undefined) {
      return undefined;
    }
    return {
      jobId: row.job_id,
      jobName: row.job_name,
      key: row.job_key,
      requestedBy: row.requested_by,
      progress: { done: row.progress_done, total: row.progress_total, message: row.progress_message },
      createdAt: readTimestamp(row.created_at),
    };
  }

  async reportProgress(jobId: string, progress: JobProgressValues): Promise<void> {
    await this.context.db
      .updateTable('job_records')
      .set({ progress_done: progress.done, progress_total: progress.total, progress_message: progress.message, updated_at: nowIso() })
      .where('job_id', '=', jobId)
      .execute();
  }

  /**
   * Waits until no other transaction enqueues a job with this name and key, up to the end of the
   * current transaction. Must run inside one.
   */
  async lockKey(jobName: string, key: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${JSON.stringify(['okk-job', jobName, key])}, 0))`.execute(this.context.db);
  }

  /** Returns the id of a job with this name and key that is created, retry or active in pg-boss (in `bossSchema`). */
  async findUnfinished(bossSchema: string, jobName: string, key: string): Promise<string | undefined> {
    assertBossSchema(bossSchema);
    // pg-boss 10 orders its job_state enum created < retry < active < completed < cancelled < failed.
    const result = await sql<{ job_id: string }>`
      select r.job_id from job_records r
      join ${sql.table(`${bossSchema}.job`)} j on j.name = r.job_name and j.id = r.job_id::uuid
      where r.job_name = ${jobName} and r.job_key = ${key} and j.state < 'completed'
      limit 1`.execute(this.context.db);
    return result.rows[0]?.job_id;
  }

  /**
   * Renews the lease of a pg-boss job that this worker runs: pg-boss 10 expires an active job
   * `expire_in` after its `started_on`, so moving `started_on` forward is a lease renewal. `retryCount`
   * is that of the worker's own claim, so a job taken over by another worker is not renewed. Returns
   * false when the job is no longer active under this claim.
   */
  async renewBossLease(bossSchema: string, job: { name: string; id: string; retryCount: number }): Promise<boolean> {
    assertBossSchema(bossSchema);
    const result = await sql`
      update ${sql.table(`${bossSchema}.job`)} set started_on = now()
      where name = ${job.name} and id = ${job.id}::uuid and state = 'active' and retry_count = ${job.retryCount}`.execute(this.context.db);
    return (result.numAffectedRows ?? 0n) > 0n;
  }

  /** Deletes records of jobs created before `time`; pg-boss drops the jobs themselves on its own schedule. */
  async deleteCreatedBefore(time: string): Promise<number> {
    const result = await this.context.db.deleteFrom('job_records').where('created_at', '<', time).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function assertBossSchema(schema: string): void {
  if (!BOSS_SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid pg-boss schema name: ${schema}`);
  }
}
