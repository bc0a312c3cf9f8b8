import { sql } from 'kysely';

import type { Turn } from '../core/model/transcript.ts';
import { ownerTokensReady, SEARCH_LEMMAS_VERSION, writeSearchRows } from './call-search.ts';
import type { DataContext } from './data-context.ts';
import { inTransaction } from './data-context.ts';
import { readBool, readJson, readNumber } from './sql-dialect.ts';

/** Builds a call's search text from its turns (`buildSearchText` with the morphology). */
export type SearchTextBuilder = (turns: readonly Pick<Turn, 'text' | 'flags'>[]) => string;

/**
 * The state of the full-text index and its rebuild. Migration 0506 marks a SQLite store that already
 * contains calls as lacking owner tokens, and migration 0507 marks a store with calls as written by an
 * older `buildSearchText`; the `rebuild-search-index` job writes every call's document again from its
 * turns, in `seq` order, and then marks the index current.
 */
export class SearchIndexRepository {
  constructor(private readonly context: DataContext) {}

  /** True when every stored call's search document holds its manager and team tokens. */
  ownerTokensReady(): Promise<boolean> {
    return ownerTokensReady(this.context);
  }

  /** True when every stored document contains its owner tokens and was written by this `buildSearchText`. */
  async isCurrent(): Promise<boolean> {
    const row = await this.context.db.selectFrom('search_index_state').select(['owner_tokens', 'lemmas_version']).where('id', '=', 1).executeTakeFirst();
    return row !== undefined && readBool(row.owner_tokens) === true && (readNumber(row.lemmas_version) ?? 0) >= SEARCH_LEMMAS_VERSION;
  }

  /** Stored calls after `afterSeq`: what a rebuild from there still has to write. */
  async countCallsAfter(afterSeq: number): Promise<number> {
    const row = await this.context.db
      .selectFrom('calls')
      .where('seq', '>', afterSeq)
      .select((eb) => eb.fn.countAll().as('total'))
      .executeTakeFirstOrThrow();
    return readNumber(row.total) ?? 0;
  }

  /**
   * Writes the search documents of the next `limit` calls after `afterSeq` again, from their stored
   * turns, with owner tokens. Returns the last `seq` written, or null when no call is left.
   */
  rebuildAfter(afterSeq: number, limit: number, searchText: SearchTextBuilder): Promise<{ lastSeq: number | null; calls: number }> {
    return inTransaction(this.context.db, async (trx) => {
      const calls = await trx
        .selectFrom('calls')
        .where('seq', '>', afterSeq)
        .select(['id', 'seq', 'manager_id', 'team_id'])
        .orderBy('seq')
        .limit(limit)
        .execute();
      const last = calls.at(-1);
      if (last === undefined) {
        return { lastSeq: null, calls: 0 };
      }
      const turns = await trx
        .selectFrom('turns')
        .where(
          'call_id',
          'in',
          calls.map((call) => call.id),
        )
        .select(['call_id', 'idx', 'text', 'flags'])
        .orderBy('call_id')
        .orderBy('idx')
        .execute();
      const turnsByCall = new Map<string, Pick<Turn, 'text' | 'flags'>[]>();
      for (const turn of turns) {
        const list = turnsByCall.get(turn.call_id) ?? [];
        list.push({ text: turn.text, flags: readJson(turn.flags) as Turn['flags'] });
        turnsByCall.set(turn.call_id, list);
      }
      await writeSearchRows(
        { ...this.context, db: trx },
        calls.map((call) => ({ callId: call.id, seq: call.seq, lemmas: searchText(turnsByCall.get(call.id) ?? []), managerId: call.manager_id, teamId: call.team_id })),
      );
      return { lastSeq: last.seq, calls: calls.length };
    });
  }

  /**
   * Compacts the full-text index after every document was written again. On 100,000 synthetic calls a
   * search for two common words took 12 ms before and 2-5 ms after on SQLite (FTS5 `optimize`, 1 s), and
   * 40 ms before and 10 ms after `vacuum analyze` on PostgreSQL (warm cache, bench/rebuild-search.ts).
   */
  async compact(): Promise<void> {
    if (this.context.dialect.isSqlite) {
      await sql`insert into call_search (call_search) values ('optimize')`.execute(this.context.db);
      return;
    }
    await sql`vacuum (analyze) call_search`.execute(this.context.db);
  }

  /** Records that every stored document was written again: searches use owner tokens from now on. */
  async markCurrent(): Promise<void> {
    await this.context.db
      .updateTable('search_index_state')
      .set({ owner_tokens: this.context.dialect.bool(true), lemmas_version: SEARCH_LEMMAS_VERSION })
      .where('id', '=', 1)
      .execute();
  }
}
