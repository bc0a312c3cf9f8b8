import { sql } from 'kysely';
import type { Kysely } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';

/** A call id and the JSON value its column gets. */
export interface CallJsonValue {
  id: string;
  value: unknown;
}

/**
 * Sets one JSON column of many calls in a single statement (`update … from (values …)`), which both
 * SQLite 3.33+ and PostgreSQL accept; a backfill over a million calls would otherwise send a million
 * updates. The rows of one call go in one batch; a batch of 500 stays far below SQLite's bound-parameter limit.
 */
export async function setCallJsonColumn(db: Kysely<unknown>, dialect: SqlDialect, column: string, rows: readonly CallJsonValue[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const values = sql.join(rows.map((row) => sql`(${row.id}, ${dialect.json(row.value)})`));
  // VALUES columns are named column1, column2… in both databases; pg binds text, so jsonb needs a cast.
  const value = dialect.isSqlite ? sql`v.column2` : sql`cast(v.column2 as jsonb)`;
  await sql`update calls set ${sql.ref(column)} = ${value} from (values ${values}) as v where calls.id = v.column1`.execute(db);
}
