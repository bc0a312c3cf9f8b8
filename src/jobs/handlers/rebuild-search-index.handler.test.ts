import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Morphology } from '../../core/text/morphology.ts';
import { buildSearchLemmas, buildSearchText } from '../../data/index.ts';
import type { CallFilter, Database } from '../../data/index.ts';
import { writeSearchRows } from '../../data/call-search.ts';
import { loadRealCalls } from '../../data/testing/test-calls.ts';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../../data/testing/test-databases.ts';
import { createLogger } from '../../lib/logger.ts';
import { loadMorphology } from '../../text/az-morphology.ts';
import type { JobContext, JobProgress } from '../job-queue.ts';
import { createJobTestEnv, FAST_QUEUE_SETTINGS, waitUntil } from '../testing/job-test-env.ts';
import { startJobWorker } from '../job-worker.ts';
import type { JobWorker } from '../job-worker.ts';
import { rebuildSearchIndexHandler } from './rebuild-search-index.handler.ts';

/** A context for running the rebuild handler in the test, its progress passed to `onProgress`. */
function rebuildJob(onProgress: (update: JobProgress) => void = () => undefined): JobContext<'rebuild-search-index'> {
  return {
    id: 'job-1',
    name: 'rebuild-search-index',
    payload: {},
    attempt: 1,
    maxAttempts: 3,
    signal: new AbortController().signal,
    logger: createLogger({ level: 'silent' }),
    reportProgress: (update) => {
      onProgress(update);
      return Promise.resolve();
    },
  };
}

describe.each(DATABASE_KINDS)('search owner tokens on %s', (kind) => {
  let morphology: Morphology;
  let test: TestDatabase | undefined;

  beforeAll(async () => {
    morphology = await loadMorphology();
  });
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  /** Puts the stored calls' search documents back as stores before migration 0506 wrote them, and runs the migration. */
  async function storeWithoutOwnerTokens(database: Database) {
    const transcripts = loadRealCalls();
    const calls = await database.db.selectFrom('calls').select(['id', 'seq']).execute();
    const texts = new Map(transcripts.map((transcript) => [transcript.call.id, buildSearchText(transcript.turns, morphology)]));
    await writeSearchRows(
      { db: database.db, dialect: database.dialect, timeZone: database.timeZone },
      calls.map((call) => ({ callId: call.id, seq: call.seq, lemmas: texts.get(call.id) ?? '', managerId: null, teamId: null })),
    );
    await sql`drop table search_index_state`.execute(database.db);
    await sql`delete from kysely_migration where name in (${'0506_search_owner_tokens'}, ${'0507_search_name_readings'})`.execute(database.db);
    await database.migrateToLatest();
  }

  /** Writes the stored calls' documents as before migration 0507, without the readings of names, and runs it. */
  async function storeWithoutNameReadings(database: Database) {
    const lemmasOnly: Morphology = { analyze: (word) => ({ ...morphology.analyze(word), names: [] }) };
    const transcripts = new Map(loadRealCalls().map((transcript) => [transcript.call.id, transcript]));
    const calls = await database.db.selectFrom('calls').select(['id', 'seq', 'manager_id', 'team_id']).execute();
    await writeSearchRows(
      { db: database.db, dialect: database.dialect, timeZone: database.timeZone },
      calls.map((call) => ({ callId: call.id, seq: call.seq, lemmas: buildSearchText(transcripts.get(call.id)?.turns ?? [], lemmasOnly), managerId: call.manager_id, teamId: call.team_id })),
    );
    await sql`alter table search_index_state drop column lemmas_version`.execute(database.db);
    await sql`delete from kysely_migration where name = ${'0507_search_name_readings'}`.execute(database.db);
    await database.migrateToLatest();
  }

  /** The busiest manager and team of the stored calls and the totals of a search within each. */
  async function searchTotals(database: Database) {
    const busiest = await database.db
      .selectFrom('calls')
      .select((eb) => ['manager_id', 'team_id', eb.fn.countAll().as('calls')])
      .groupBy(['manager_id', 'team_id'])
      .orderBy('calls', 'desc')
      .executeTakeFirstOrThrow();
    const searchLemmas = buildSearchLemmas('интернет', morphology);
    const count = async (filter: CallFilter) => (await database.calls.listCalls(filter, undefined, { limit: 5 })).total ?? -1;
    return {
      managerId: busiest.manager_id ?? 0,
      teamId: busiest.team_id ?? 0,
      manager: await count({ searchLemmas, managerIds: [busiest.manager_id ?? 0] }),
      team: await count({ searchLemmas, teamIds: [busiest.team_id ?? 0] }),
      teamInbound: await count({ searchLemmas, teamIds: [busiest.team_id ?? 0], direction: 'inbound' }),
      all: await count({ searchLemmas }),
    };
  }

  /** Calls whose search document holds the token, read from the full-text index alone. */
  async function callsWithToken(database: Database, token: string): Promise<number> {
    const query = database.dialect.isSqlite
      ? sql<{ total: number }>`select count(*) as total from call_search where call_search match ${`"${token}"`}`
      : sql<{ total: string }>`select count(*) as total from call_search where document @@ to_tsquery('simple', ${token})`;
    return Number((await query.execute(database.db)).rows[0]?.total ?? 0);
  }

  it('writes owner tokens with each call', async () => {
    test = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    const { database } = test;
    const transcripts = loadRealCalls();
    await database.calls.saveTranscripts(transcripts.map((transcript) => ({ transcript, searchText: buildSearchText(transcript.turns, morphology) })));

    expect(await database.searchIndex.ownerTokensReady()).toBe(true);
    const totals = await searchTotals(database);
    const managerCalls = await database.db.selectFrom('calls').where('manager_id', '=', totals.managerId).select('id').execute();
    expect(await callsWithToken(database, `00m${totals.managerId}`)).toBe(managerCalls.length);
    expect(totals.manager).toBeGreaterThan(0);
    expect(totals.manager).toBeLessThan(totals.all);
    expect(totals.team).toBeGreaterThanOrEqual(totals.manager);
    // A query that looks like an owner token searches for nothing of it.
    expect(buildSearchLemmas(`интернет 00m${totals.managerId}`, morphology)).toEqual(buildSearchLemmas('интернет', morphology));
  });

  it('rebuilds an older store, same results', async () => {
    test = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    const { database } = test;
    const reference = await (async () => {
      const transcripts = loadRealCalls();
      await database.calls.saveTranscripts(transcripts.map((transcript) => ({ transcript, searchText: buildSearchText(transcript.turns, morphology) })));
      return searchTotals(database);
    })();
    await storeWithoutOwnerTokens(database);
    if (database.dialect.isSqlite) {
      // SQLite cannot add the tokens without the text: the store waits for the job and searches as before.
      expect(await database.searchIndex.ownerTokensReady()).toBe(false);
      expect(await callsWithToken(database, `00m${reference.managerId}`)).toBe(0);
      expect(await searchTotals(database)).toEqual(reference);

      const progress: JobProgress[] = [];
      const job = rebuildJob((update) => {
        progress.push(update);
      });
      const handler = rebuildSearchIndexHandler(database, () => Promise.resolve(morphology));
      expect(await handler(job)).toEqual({ rebuilt: 66 });
      expect(progress.at(-1)).toMatchObject({ done: 66, total: 66 });
      expect(progress.at(-1)?.message).toBe('Поисковый индекс обновлён для 66 звонков из 66');
      expect(await handler(job)).toEqual({ rebuilt: 0 });
    }

    expect(await database.searchIndex.ownerTokensReady()).toBe(true);
    const managerCalls = await database.db.selectFrom('calls').where('manager_id', '=', reference.managerId).select('id').execute();
    expect(await callsWithToken(database, `00m${reference.managerId}`)).toBe(managerCalls.length);
    expect(await searchTotals(database)).toEqual(reference);
  });

  it('rebuilds a store without name readings', async () => {
    test = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    const { database } = test;
    const transcripts = loadRealCalls();
    await database.calls.saveTranscripts(transcripts.map((transcript) => ({ transcript, searchText: buildSearchText(transcript.turns, morphology) })));
    const nameSearch = async () => (await database.calls.listCalls({ searchLemmas: buildSearchLemmas('Ирины', morphology) }, undefined, { limit: 100 })).total;
    const current = await nameSearch();
    expect(await database.searchIndex.isCurrent()).toBe(true);

    await storeWithoutNameReadings(database);
    expect(await database.searchIndex.isCurrent()).toBe(false);
    // The old documents hold no form of «Ирина» as a lemma of its own, so the search misses those calls.
    expect(await nameSearch()).toBeLessThan(current ?? 0);

    expect(await rebuildSearchIndexHandler(database, () => Promise.resolve(morphology))(rebuildJob())).toEqual({ rebuilt: 66 });
    expect(await database.searchIndex.isCurrent()).toBe(true);
    expect(await nameSearch()).toBe(current);
  });

  it.runIf(kind === 'sqlite')('runs when a worker starts', async () => {
    const env = await createJobTestEnv(kind);
    let worker: JobWorker | undefined;
    try {
      const transcripts = loadRealCalls();
      await env.database.calls.saveTranscripts(transcripts.map((transcript) => ({ transcript, searchText: buildSearchText(transcript.turns, morphology) })));
      await storeWithoutOwnerTokens(env.database);
      expect(await env.database.searchIndex.ownerTokensReady()).toBe(false);

      worker = await startJobWorker(env.database, env.config, env.logger, { queue: await env.openQueue(FAST_QUEUE_SETTINGS), names: ['rebuild-search-index'] });

      await waitUntil(() => env.database.searchIndex.isCurrent(), 'the search index rebuild');
      const totals = await searchTotals(env.database);
      expect(await callsWithToken(env.database, `00t${totals.teamId}`)).toBeGreaterThanOrEqual(totals.team);
    } finally {
      await worker?.stop();
      await env.cleanup();
    }
  });
});
