import { sql } from 'kysely';
import type { Expression, RawBuilder, SqlBool } from 'kysely';

import type { Turn } from '../core/model/transcript.ts';
import type { Morphology } from '../core/text/morphology.ts';
import { tokenize } from '../core/text/tokenize.ts';
import type { DataContext } from './data-context.ts';
import { chunkRows } from './data-context.ts';
import { readBool } from './sql-dialect.ts';

/** Turns with these flags are recognition garbage; indexing them would make loops match every search. */
const UNSEARCHABLE_FLAGS = new Set<string>(['repetition_loop', 'silence_text']);

/**
 * Builds a call's search text: the lemma of every word of every turn, folded, in order. Stored in the
 * full-text index, it lets a search for «перезвонить» find «перезвоню».
 */
export function buildSearchText(turns: readonly Pick<Turn, 'text' | 'flags'>[], morphology: Morphology): string {
  const lemmas: string[] = [];
  for (const turn of turns) {
    if (turn.flags.some((flag) => UNSEARCHABLE_FLAGS.has(flag))) {
      continue;
    }
    for (const token of tokenize(turn.text)) {
      const analysis = morphology.analyze(token.norm);
      lemmas.push(analysis.lemma, ...(analysis.otherLemmas ?? []), ...(analysis.names ?? []));
    }
  }
  return lemmas.join(' ');
}

/**
 * One word of a search: its lemma, or the lemmas any of which matches when the word has other likely
 * readings («замер»: «замер» or «замереть») or reads as a person's name («марии»: «мария» or «марь»).
 * A lemma guessed by the word's ending gives way to the name («игоря»: only «игорь»).
 */
export type SearchWord = string | readonly string[];

/** Builds the words of a search query, each once, for `CallFilter.searchLemmas`. */
export function buildSearchLemmas(query: string, morphology: Morphology): SearchWord[] {
  const words = new Map<string, SearchWord>();
  for (const token of tokenize(query)) {
    const { lemma, otherLemmas = [], names = [], guessed = false } = morphology.analyze(token.norm);
    const readings = guessed && names.length > 0 ? names : [...new Set([...names, lemma, ...otherLemmas])];
    // The word as typed reads first where it is one of its own lemmas: «замер или замереть».
    const lemmas = [...readings.filter((reading) => reading === token.norm), ...readings.filter((reading) => reading !== token.norm)].filter((candidate) => !OWNER_TOKEN.test(candidate));
    const [only] = lemmas;
    if (only !== undefined) {
      words.set(lemmas.join(' '), lemmas.length === 1 ? only : lemmas);
    }
  }
  return [...words.values()];
}

/** How a search word reads to a user: «интернет», «мария или марь». */
export function searchWordLabel(word: SearchWord): string {
  return typeof word === 'string' ? word : word.join(' или ');
}

/** The terms of a search: every word, and with owners, calls of any of those managers and any of those teams. */
export interface SearchTerms {
  lemmas: readonly SearchWord[];
  /** Set only when every stored document holds its owner tokens (`search_index_state`). */
  owners?: { managerIds?: readonly number[] | undefined; teamIds?: readonly number[] | undefined } | undefined;
}

/**
 * The way `buildSearchText` writes documents: 1 wrote lemmas only, 2 adds other likely lemmas and the
 * readings of words as people's names. A store whose documents are older is rebuilt by the `rebuild-search-index` job.
 */
export const SEARCH_LEMMAS_VERSION = 2;

/** True when every stored call's search document holds its owner tokens, so searches may use them. */
export async function ownerTokensReady(context: DataContext): Promise<boolean> {
  const row = await context.db.selectFrom('search_index_state').select('owner_tokens').where('id', '=', 1).executeTakeFirst();
  return row !== undefined && readBool(row.owner_tokens) === true;
}

/** Owner token groups of a search: one group per list of managers or teams, any token of a group matching. */
function ownerGroups(terms: SearchTerms): string[][] {
  const groups: string[][] = [];
  const { managerIds = [], teamIds = [] } = terms.owners ?? {};
  if (managerIds.length > 0) groups.push(managerIds.map((id) => `${MANAGER_TOKEN}${id}`));
  if (teamIds.length > 0) groups.push(teamIds.map((id) => `${TEAM_TOKEN}${id}`));
  return groups;
}

export interface SearchRow {
  callId: string;
  seq: number;
  lemmas: string;
  /** The call's manager and team, written as owner tokens. */
  managerId: number | null;
  teamId: number | null;
}

/**
 * The owner tokens of a call's search document: `00m` and the manager id, `00t` and the team id (the
 * prefixes are fixed by migration 0506). Both full-text engines read such a token as one word, and no
 * search query holds one (`buildSearchLemmas` drops them), so a search within a manager or team adds
 * the token to the query and the index intersects it with the words.
 */
export function ownerTokens(managerId: number | null, teamId: number | null): string {
  return [managerId === null ? '' : `${MANAGER_TOKEN}${managerId}`, teamId === null ? '' : `${TEAM_TOKEN}${teamId}`].join(' ').trim();
}

const MANAGER_TOKEN = '00m';
const TEAM_TOKEN = '00t';
const OWNER_TOKEN = /^00[mt]\d+$/u;

/** Replaces the search text of the given calls. */
export async function writeSearchRows(context: DataContext, rows: readonly SearchRow[]): Promise<void> {
  const { db, dialect } = context;
  for (const chunk of chunkRows(rows, 2)) {
    const documents = chunk.map((row) => ({ ...row, text: `${row.lemmas} ${ownerTokens(row.managerId, row.teamId)}` }));
    if (dialect.isSqlite) {
      const seqs = chunk.map((row) => row.seq);
      await sql`delete from call_search where rowid in (${sql.join(seqs)})`.execute(db);
      const values = documents.map((row) => sql`(${row.seq}, ${row.text})`);
      await sql`insert into call_search (rowid, lemmas) values ${sql.join(values)}`.execute(db);
    } else {
      const values = documents.map((row) => sql`(${row.callId}, to_tsvector('simple', ${row.text}))`);
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
export async function countSearchMatches(context: DataContext, terms: SearchTerms, limit?: number): Promise<number> {
  const { db, dialect } = context;
  const matches = dialect.isSqlite
    ? sql`select rowid from call_search where call_search match ${ftsQuery(terms)}`
    : sql`select call_id from call_search where document @@ ${tsQuery(terms)}`;
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
export async function countSearchMatchesWithin(context: DataContext, terms: SearchTerms, within: Expression<unknown>, limit: number | undefined): Promise<number> {
  const matches = sql`select rowid from call_search where call_search match ${ftsQuery(terms)} and +call_search.rowid in ${within}`;
  const limited = limit === undefined ? matches : sql`${matches} limit ${limit}`;
  const counted = await sql<{ total: string | number | bigint }>`select count(*) as total from (${limited}) as matches`.execute(context.db);
  return Number(counted.rows[0]?.total ?? 0);
}

/**
 * An FTS5 query with each lemma as a string, so no lemma is read as an operator (AND, NOT, NEAR) or
 * column name, and each owner group as `("00m1" OR "00m2")`.
 */
function ftsQuery(terms: SearchTerms): string {
  const quote = (token: string) => `"${token.replaceAll('"', '""')}"`;
  const anyOf = (group: readonly string[]) => `(${group.map(quote).join(' OR ')})`;
  const words = terms.lemmas.map((word) => (typeof word === 'string' ? quote(word) : anyOf(word)));
  // FTS5 takes no implicit AND before a parenthesis, so every part is joined by an explicit one.
  return [...words, ...ownerGroups(terms).map(anyOf)].join(' AND ');
}

/** A PostgreSQL tsquery: every word (any of its lemmas), and any owner token of each group. */
function tsQuery(terms: SearchTerms): RawBuilder<unknown> {
  const plain = terms.lemmas.filter((word): word is string => typeof word === 'string');
  const parts = plain.length > 0 ? [sql`plainto_tsquery('simple', ${plain.join(' ')})`] : [];
  for (const word of terms.lemmas) {
    if (typeof word !== 'string') {
      parts.push(sql`(${sql.join(word.map((lemma) => sql`plainto_tsquery('simple', ${lemma})`), sql` || `)})`);
    }
  }
  parts.push(...ownerGroups(terms).map((group) => sql`to_tsquery('simple', ${group.join(' | ')})`));
  // In parentheses: `@@` binds tighter than `&&`.
  return sql`(${sql.join(parts, sql` && `)})`;
}

/**
 * Builds a condition on `calls` that holds when the call's text contains every lemma. `collect` finds
 * all matching calls first, which is fast to count. `probe` checks call by call, which is fast for one
 * page of a long list. `lookup` checks each call the other conditions leave against the set of all
 * matches; a unary plus keeps SQLite from driving the query from that set.
 */
export function searchCondition(context: DataContext, terms: SearchTerms, strategy: 'collect' | 'probe' | 'lookup'): Expression<SqlBool> {
  if (context.dialect.isSqlite) {
    const query = ftsQuery(terms);
    switch (strategy) {
      case 'collect':
        return sql<SqlBool>`calls.seq in (select rowid from call_search where call_search match ${query})`;
      case 'lookup':
        return sql<SqlBool>`+calls.seq in (select rowid from call_search where call_search match ${query})`;
      case 'probe':
        return sql<SqlBool>`exists (select 1 from call_search where call_search match ${query} and rowid = calls.seq)`;
    }
  }
  const query = tsQuery(terms);
  return strategy === 'probe'
    ? sql<SqlBool>`exists (select 1 from call_search where call_search.call_id = calls.id and document @@ ${query})`
    : sql<SqlBool>`calls.id in (select call_id from call_search where document @@ ${query})`;
}
