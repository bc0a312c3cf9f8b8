import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';

/**
 * Adds the call id to the indexes of each manager's and each team's calls by start time. A calls list
 * filtered by a manager and a finding kind or failed criterion checks the manager's calls one by one by
 * id, and the index now gives the ids without reading the calls. On SQLite at 1,000,000 synthetic calls
 * (bench/generate-calls.ts), counting the findings of a manager with 33,000 calls took 23 ms of processor
 * time this way against 280 ms. The new indexes keep the order of the ones they replace, which list
 * pages walk; a separate (manager_id, id) index drew SQLite's planner away from that order.
 */
export function callOwnerIdIndexesMigration(dialect: SqlDialect): Migration {
  const startedAt = dialect.isSqlite ? sql`started_at` : sql`started_at nulls first`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`create index if not exists calls_manager_started_id on calls (manager_id, ${startedAt}, seq, id)`.execute(db);
      await sql`drop index if exists calls_manager_started_at`.execute(db);
      await sql`create index if not exists calls_team_started_id on calls (team_id, ${startedAt}, seq, id)`.execute(db);
      await sql`drop index if exists calls_team_started_at`.execute(db);
    },
  };
}
