import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

import type { Finding } from '../../core/model/evaluation.ts';
import type { SqlDialect } from '../sql-dialect.ts';
import { worstFindingsOf } from '../worst-findings.ts';
import { setCallJsonColumn } from './bulk-update.ts';
import { columnTypes } from './column-types.ts';

/** Calls filled per batch while existing evaluations get their worst findings. */
const BACKFILL_BATCH = 1000;

/**
 * The worst findings of each call's current evaluation (kind, severity, place, a short quote), copied
 * onto the call so a list page shows them without reading the findings table. Calls evaluated before
 * this migration get them from their findings rows.
 */
export function callWorstFindingsMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('calls').addColumn('worst_findings', columnTypes(dialect).json).execute();
      await sql`update calls set worst_findings = ${'[]'} where finding_count = 0`.execute(db);
      await backfill(db, dialect);
    },
  };
}

async function backfill(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  let lastSeq = 0;
  for (;;) {
    const calls = await sql<{ seq: number; id: string }>`select seq, id from calls where finding_count > 0 and seq > ${lastSeq} order by seq limit ${BACKFILL_BATCH}`.execute(db);
    const last = calls.rows.at(-1);
    if (last === undefined) {
      return;
    }
    lastSeq = last.seq;
    const ids = calls.rows.map((row) => row.id);
    const findings = await sql<Pick<Finding, 'kind' | 'severity' | 'turn' | 'quote'> & { call_id: string; start_sec: number | null }>`
      select call_id, kind, severity, turn, start_sec, quote from findings where call_id in (${sql.join(ids)})`.execute(db);
    const byCall = new Map<string, Pick<Finding, 'kind' | 'severity' | 'turn' | 'startSec' | 'quote'>[]>();
    for (const row of findings.rows) {
      const list = byCall.get(row.call_id) ?? [];
      list.push({ kind: row.kind, severity: row.severity, turn: row.turn, startSec: row.start_sec, quote: row.quote });
      byCall.set(row.call_id, list);
    }
    await setCallJsonColumn(db, dialect, 'worst_findings', ids.map((id) => ({ id, value: worstFindingsOf(byCall.get(id) ?? []) })));
  }
}
