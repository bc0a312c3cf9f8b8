import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';
import { columnTypes } from './column-types.ts';

/**
 * Puts each call's manager and team into its full-text document as owner tokens (`ownerTokens` in
 * call-search.ts), so a text search within one manager or team is answered by the full-text index alone.
 * `search_index_state.owner_tokens` says whether every stored call has them; searches use them only then.
 *
 * PostgreSQL adds the tokens to each stored document here. SQLite's index keeps no text, so its
 * documents must be built again from the turns with the morphology, which a migration does not have:
 * a store that already holds calls is marked unready, and the `rebuild-search-index` job rebuilds it.
 */
export function searchOwnerTokensMigration(dialect: SqlDialect): Migration {
  const types = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('search_index_state')
        .addColumn('id', 'integer', (column) => column.primaryKey())
        .addColumn('owner_tokens', types.bool, (column) => column.notNull())
        .execute();
      let ready = true;
      if (dialect.isSqlite) {
        const stored = await sql<{ one: number }>`select 1 as one from call_search limit 1`.execute(db);
        ready = stored.rows.length === 0;
      } else {
        // The index is built again after the update: updated in place, it searched 3 to 5 times slower at
        // 1,000,000 synthetic calls (a word and a manager token: 39-65 ms against 12-13 ms).
        await sql`drop index if exists call_search_document`.execute(db);
        await sql`update call_search set document = call_search.document || to_tsvector('simple',
            coalesce('00m' || calls.manager_id, '') || ' ' || coalesce('00t' || calls.team_id, ''))
          from calls where calls.id = call_search.call_id`.execute(db);
        await sql`create index call_search_document on call_search using gin (document)`.execute(db);
      }
      await sql`insert into search_index_state (id, owner_tokens) values (1, ${ready ? types.true : types.false})`.execute(db);
    },
  };
}
