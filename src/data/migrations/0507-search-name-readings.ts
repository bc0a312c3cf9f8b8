import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Records which way of writing the full-text documents every stored call's document follows, as
 * `search_index_state.lemmas_version`. Version 2 adds each word's other likely lemmas and its readings
 * as a person's name beside its lemma («замер» is indexed as «замереть» and «замер», «игоря» as «игоре»
 * and «игорь»), so a search for «замера» finds «замер», and one for «Игорь» finds «Игоря». Documents
 * are built from the turns with the morphology, which a migration does not have: a store that already
 * holds calls keeps version 1, and the `rebuild-search-index` job writes its documents again.
 */
export function searchNameReadingsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('search_index_state')
        .addColumn('lemmas_version', 'integer', (column) => column.notNull().defaultTo(1))
        .execute();
      const stored = await sql<{ one: number }>`select 1 as one from calls limit 1`.execute(db);
      if (stored.rows.length === 0) {
        await sql`update search_index_state set lemmas_version = 2`.execute(db);
      }
    },
  };
}
