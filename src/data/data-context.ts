import type { Kysely } from 'kysely';

import type { DatabaseSchema } from './schema.ts';
import type { SqlDialect } from './sql-dialect.ts';

/** Repository context: the query builder (or an open transaction), the dialect and the time zone. */
export interface DataContext {
  db: Kysely<DatabaseSchema>;
  dialect: SqlDialect;
  /** IANA zone for call times given without an offset (a bare date is midnight there). */
  timeZone: string;
  /**
   * Set by a caller that has checked `ownerTokensReady`: text conditions then carry the manager and team
   * filters as owner tokens, so the full-text index narrows to those calls itself.
   */
  searchOwners?: boolean;
}

/** Runs `work` in the caller's transaction when there is one, else in a new transaction. */
export function inTransaction<T>(db: Kysely<DatabaseSchema>, work: (trx: Kysely<DatabaseSchema>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Splits rows for multi-row inserts. SQLite allows 32,766 bound parameters per statement and PostgreSQL
 * 65,535, so batches stay under 30,000 values on both.
 */
export function chunkRows<T>(rows: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(30_000 / columnsPerRow));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    chunks.push(rows.slice(start, start + size));
  }
  return chunks;
}

/** Returns the current time as ISO text, which both databases store as given. */
export function nowIso(): string {
  return new Date().toISOString();
}
