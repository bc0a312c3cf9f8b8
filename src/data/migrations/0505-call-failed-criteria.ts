import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

import type { Evaluation } from '../../core/model/evaluation.ts';
import type { SqlDialect } from '../sql-dialect.ts';
import { readBool, readJson } from '../sql-dialect.ts';
import { failedCriteriaOf } from '../failed-criteria.ts';
import { setCallJsonColumn } from './bulk-update.ts';
import { columnTypes } from './column-types.ts';

/** Calls filled per batch while existing evaluations get their failed criteria. */
const BACKFILL_BATCH = 500;

/**
 * The failed criteria of each call's current evaluation, copied onto the call so the calls list can say
 * why a call with no findings scored low. Calls evaluated before this migration get them from their
 * `evaluation_criteria` rows, which hold reviewers' changes, and the titles from the saved evaluation.
 */
export function callFailedCriteriaMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('calls').addColumn('failed_criteria', columnTypes(dialect).json).execute();
      await sql`update calls set failed_criteria = ${'[]'} where finding_count is not null`.execute(db);
      await backfill(db, dialect);
    },
  };
}

interface FailedRow {
  call_id: string;
  criterion_id: string;
  weight: number;
  critical: number | boolean;
}

async function backfill(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  let lastSeq = 0;
  for (;;) {
    const calls = await sql<{ seq: number; id: string }>`
      select seq, id from calls
      where seq > ${lastSeq} and finding_count is not null
        and exists (select 1 from evaluation_criteria where evaluation_criteria.call_id = calls.id and evaluation_criteria.result = ${'failed'})
      order by seq limit ${BACKFILL_BATCH}`.execute(db);
    const last = calls.rows.at(-1);
    if (last === undefined) {
      return;
    }
    lastSeq = last.seq;
    const ids = calls.rows.map((row) => row.id);
    const failed = await sql<FailedRow>`
      select call_id, criterion_id, weight, critical from evaluation_criteria
      where result = ${'failed'} and call_id in (${sql.join(ids)})`.execute(db);
    const results = await sql<{ call_id: string; result: unknown }>`
      select call_id, result from evaluations where is_current = ${dialect.bool(true)} and call_id in (${sql.join(ids)})`.execute(db);
    const titles = new Map<string, Map<string, string>>();
    for (const row of results.rows) {
      const evaluation = readJson(row.result) as Evaluation;
      titles.set(row.call_id, new Map(evaluation.criteria.map((criterion) => [criterion.id, criterion.title])));
    }
    const byCall = new Map<string, FailedRow[]>();
    for (const row of failed.rows) {
      byCall.set(row.call_id, [...(byCall.get(row.call_id) ?? []), row]);
    }
    const rows = ids.map((id) => {
      const criteria = (byCall.get(id) ?? []).map((row) => ({
        id: row.criterion_id,
        // A criterion missing from the saved evaluation keeps its id as the title rather than being dropped.
        title: titles.get(id)?.get(row.criterion_id) ?? row.criterion_id,
        critical: readBool(row.critical) === true,
        weight: row.weight,
        result: 'failed' as const,
      }));
      return { id, value: failedCriteriaOf(criteria) };
    });
    await setCallJsonColumn(db, dialect, 'failed_criteria', rows);
  }
}
