// Times `listCalls` with the filters the calls page uses, on a database filled by generate-calls.ts,
// and prints p50 and p95 per query (first page of 50 with the total count, unless the name says so).
//   npx tsx bench/data-list.ts --url sqlite:.okk/bench-100k.sqlite
//   npx tsx bench/data-list.ts --url postgres://postgres@127.0.0.1:5432/test --schema okk_bench
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { loadMorphology } from '../src/text/az-morphology.ts';
import { buildSearchLemmas, openDatabase } from '../src/data/index.ts';
import type { CallFilter, CallSort, Database, PageRequest } from '../src/data/index.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'sqlite:.okk/bench.sqlite' },
    schema: { type: 'string' },
    runs: { type: 'string', default: '40' },
  },
});

interface Query {
  name: string;
  filter: CallFilter;
  sort?: CallSort;
  page?: PageRequest;
  /** Pages to walk by cursor before the timed one. */
  cursorPages?: number;
}

const database = await openDatabase(values.url, { timeZone: 'Europe/Moscow', migrate: false, ...(values.schema === undefined ? {} : { schema: values.schema }) });
const morphology = await loadMorphology();
const runs = Number(values.runs);

try {
  const [manager] = await database.managers.listManagers();
  const teams = await database.managers.listTeams();
  const newest = (await database.calls.listCalls({}, { field: 'startedAt', direction: 'desc' }, { limit: 1, withTotal: false })).items[0]?.startedAt;
  if (manager === undefined || newest === undefined || newest === null) {
    throw new Error('the database has no calls: fill it with bench/generate-calls.ts first');
  }
  const monthAgo = new Date(Date.parse(newest) - 30 * 86_400_000).toISOString();
  const teamIds = teams.slice(0, 1).map((team) => team.id);
  const total = (await database.calls.listCalls({}, undefined, { limit: 1 })).total ?? 0;

  const queries: Query[] = [
    { name: 'newest, no filter', filter: {} },
    { name: 'last 30 days', filter: { startedFrom: monthAgo } },
    { name: 'one manager', filter: { managerIds: [manager.id] } },
    { name: 'one team, last 30 days', filter: { teamIds, startedFrom: monthAgo } },
    { name: 'outbound', filter: { direction: 'outbound' } },
    { name: 'score 0–50, by score asc', filter: { scoreMax: 50 }, sort: { field: 'score', direction: 'asc' } },
    { name: 'finding: irritation', filter: { findingKinds: ['irritation'] } },
    { name: 'failed criterion: needs', filter: { failedCriteria: ['needs'] } },
    { name: 'text «перезвоню»', filter: { searchLemmas: buildSearchLemmas('перезвоню', morphology) } },
    { name: 'text «тариф скидка» + team', filter: { searchLemmas: buildSearchLemmas('тариф скидка', morphology), teamIds } },
    { name: 'team + finding + 30 days', filter: { teamIds, findingKinds: ['no_solution'], startedFrom: monthAgo } },
    { name: 'by duration desc', filter: {}, sort: { field: 'duration', direction: 'desc' } },
    { name: 'by manager asc', filter: {}, sort: { field: 'manager', direction: 'asc' } },
    { name: 'page 21 by cursor, no total', filter: {}, page: { withTotal: false }, cursorPages: 20 },
    { name: 'page 201 by offset, no total', filter: {}, page: { offset: 10_000, withTotal: false } },
  ];

  console.log(`${total} calls, ${values.url}${values.schema === undefined ? '' : ` schema ${values.schema}`}, ${runs} runs per query`);
  console.log(`${'query'.padEnd(32)} ${'matches'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
  for (const query of queries) {
    const { times, matches } = await measure(database, query);
    console.log(`${query.name.padEnd(32)} ${String(matches ?? '–').padStart(8)} ${percentile(times, 0.5).toFixed(1).padStart(8)} ${percentile(times, 0.95).toFixed(1).padStart(8)}`);
  }
} finally {
  await database.close();
}

async function measure(db: Database, query: Query): Promise<{ times: number[]; matches: number | null }> {
  const sort = query.sort ?? { field: 'startedAt', direction: 'desc' };
  let cursor: string | undefined;
  for (let page = 0; page < (query.cursorPages ?? 0); page += 1) {
    cursor = (await db.calls.listCalls(query.filter, sort, { withTotal: false, ...(cursor === undefined ? {} : { cursor }) })).nextCursor ?? undefined;
  }
  const page: PageRequest = { ...query.page, ...(cursor === undefined ? {} : { cursor }) };

  let matches: number | null = null;
  const times: number[] = [];
  for (let run = 0; run < runs + 3; run += 1) {
    const started = performance.now();
    const result = await db.calls.listCalls(query.filter, sort, page);
    const elapsed = performance.now() - started;
    // The first runs warm the caches and are not counted.
    if (run >= 3) {
      times.push(elapsed);
    }
    matches = result.total;
  }
  return { times, matches };
}

function percentile(times: readonly number[], share: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}
