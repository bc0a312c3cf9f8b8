import { sql } from 'kysely';
import type { Expression, SqlBool } from 'kysely';

import type { Turn } from '../core/model/transcript.ts';
import type { Morphology } from '../core/text/morphology.ts';
import { tokenize } from '../core/text/tokenize.ts';
import type { DataContext } from './data-context.ts';
import { chunkRows } from './data-context.ts';

/** Turns with these flags are recognition garbage; indexing them would make loops match every search. */
const UNSEARCHABLE_FLAGS = new Set<string>(['repetition_loop', 'silence_text']);

/**
 * Builds a call's search text: the lemma of every word of every turn, folded, in order. Stored in the
 * full-text index, it lets a search for «перезвонить» find «перезвоню».
 */
export function buildSearchText(turns: readonly Turn[], morphology: Morphology): string {
  const lemmas: string[] = [];
  for (const turn of turns) {
    if (turn.flags.some((flag) => UNSEARCHABLE_FLAGS.has(flag))) {
      continue;
    }
    for (const token of tokenize(turn.text)) {
      lemmas.push(morphology.analyze(token.norm).lemma);
    }
  }
  return lemmas.join(' ');
}

/** Builds the lemmas of a search query, each once, for `CallFilter.searchLemmas`. */
export function buildSearchLemmas(query: string, morphology: Morphology): string[] {
  return [...new Set(tokenize(query).map((token) => morphology.analyze(token.norm).lemma))];
}

export interface SearchRow {
  callId: string;
  seq: number;
  lemmas: string;
}

/** Replaces the search text of the given calls. */
export async function writeSearchRows(context: DataContext, rows: readonly SearchRow[]): Promise<void> {
  const { db, dialect } = context;
  for (const chunk of chunkRows(rows, 2)) {
    if (dialect.isSqlite) {
      const seqs = chunk.map((row) => row.seq);
      await sql`delete from call_search where rowid in (${sql.join(seqs)})`.execute(db);
      const values = chunk.map((row) => sql`(${row.seq}, ${row.lemmas})`);
      await sql`insert into call_search (rowid, lemmas) values ${sql.join(values)}`.execute(db);
    } else {
      const values = chunk.map((row) => sql`(${row.callId}, to_tsvector('simple', ${row.lemmas}))`);
      await sql`insert into call_search (call_id, document) values ${sql.join(values)}
        on conflict (call_id) do update set document = excluded.document`.execute(db);
    }
  }
}

/** Removes the search text of deleted calls; PostgreSQL removes it by cascade. */
export async function deleteSearchRows(context: DataContext, seqs: readonly number[]): Promise<void> {
  if (context.dialect.isSqlite && seqs.length > 0) {
    await sql`delete from call_search where rowid in (${sql.join(seqs)})`.execute(context.db);
  }
}

/**
 * Counts the calls whose text contains every lemma, up to `limit`, from the full-text index alone. The
 * index has one row per stored call: the call repository writes it with the call and deletes it with
 * the call on SQLite, and PostgreSQL deletes it by cascade.
 */
export async function countSearchMatches(context: DataContext, lemmas: readonly string[], limit?: number): Promise<number> {
  const { db, dialect } = context;
  const matches = dialect.isSqlite
    ? sql`select rowid from call_search where call_search match ${ftsQuery(lemmas)}`
    : sql`select call_id from call_search where document @@ plainto_tsquery('simple', ${lemmas.join(' ')})`;
  const limited = limit === undefined ? matches : sql`${matches} limit ${limit}`;
  const counted = await sql<{ total: string | number | bigint }>`select count(*) as total from (${limited}) as matches`.execute(db);
  return Number(counted.rows[0]?.total ?? 0);
}

/**
 * Counts, up to `limit`, the calls whose text contains every lemma among the calls whose `seq` `within`
 * selects (for example one manager's); SQLite only. The full-text matches are read in row order and each
 * is checked against that set, so the count stops after `limit` matches and never builds the set of all
 * matches. On 1,000,000 synthetic calls (bench/generate-calls.ts), a word was in two thirds of them and
 * a manager had 33,000 calls. Counting up to 10,001 of that manager's calls with the word took 56 ms of
 * processor time this way. Looking each of the manager's calls up in the set of all matches (the
 * `lookup` condition of `searchCondition`) took 157 ms. The unary plus keeps SQLite from handing the
 * set to the full-text index as row ids to look up one at a time, which took 0.4 s for one word.
 */
export async function countSearchMatchesWithin(context: DataContext, lemmas: readonly string[], within: Expression<unknown>, limit: number | undefined): Promise<number> {
  const matches = sql`select rowid from call_search where call_search match ${ftsQuery(lemmas)} and +call_search.rowid in ${within}`;
  const limited = limit === undefined ? matches : sql`${matches} limit ${limit}`;
  const counted = await sql<{ total: string | number | bigint }>`select count(*) as total from (${limited}) as matches`.execute(context.db);
  return Number(counted.rows[0]?.total ?? 0);
}

/** An FTS5 query with each lemma as a string, so no lemma is read as an operator (AND, NOT, NEAR) or column name. */
function ftsQuery(lemmas: readonly string[]): string {
  return lemmas.map((lemma) => `"${lemma.replaceAll('"', '""')}"`).join(' ');
}

/**
 * Builds a condition on `calls` that holds when the call's text contains every lemma. `collect` finds
 * all matching calls first, which is fast to count. `probe` checks call by call, which is fast for one
 * page of a long list. `lookup` checks each call the other conditions leave against the set of all
 * matches; a unary plus keeps SQLite from driving the query from that set.
 */
export function searchCondition(context: DataContext, lemmas: readonly string[], strategy: 'collect' | 'probe' | 'lookup'): Expression<SqlBool> {
  if (context.dialect.isSqlite) {
    const query = ftsQuery(lemmas);
    switch (strategy) {
      case 'collect':
        return sql<SqlBool>`calls.seq in (select rowid from call_search where call_search match ${query})`;
      case 'lookup':
        return sql<SqlBool>`+calls.seq in (select rowid from call_search where call_search match ${query})`;
      case 'probe':
        return sql<SqlBool>`exists (select 1 from call_search where call_search match ${query} and rowid = calls.seq)`;
    }
  }
  const query = sql`plainto_tsquery('simple', ${lemmas.join(' ')})`;
  return strategy === 'probe'
    ? sql<SqlBool>`exists (select 1 from call_search where call_search.call_id = calls.id and document @@ ${query})`
    : sql<SqlBool>`calls.id in (select call_id from call_search where document @@ ${query})`;
}
