// Times the report and list services behind the API (manager page, causes, comparison, trends, problem
// calls, the calls list as a head of sales) on a database filled by generate-calls.ts, and prints p50
// and p95 per query. The clock is set to the last generated day, so "today" and "last 30 days" hold calls.
//   npx tsx bench/api-reports.ts --url sqlite:.okk/bench-100k.sqlite
//   npx tsx bench/api-reports.ts --url postgres://postgres@127.0.0.1:5432/test --schema okk_bench
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { openDatabase } from '../src/data/index.ts';
import { createLogger } from '../src/lib/logger.ts';
import type { Viewer } from '../src/services/accounts/access.ts';
import { createServerServices } from '../src/server/server-services.ts';
import { loadMorphology } from '../src/text/az-morphology.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'sqlite:.okk/bench.sqlite' },
    schema: { type: 'string' },
    runs: { type: 'string', default: '30' },
  },
});

const database = await openDatabase(values.url, { timeZone: 'Europe/Moscow', ...(values.schema === undefined ? {} : { schema: values.schema }) });
const runs = Number(values.runs);

try {
  const newest = (await database.calls.listCalls({}, { field: 'startedAt', direction: 'desc' }, { limit: 1, withTotal: false })).items[0]?.startedAt;
  const [manager] = await database.managers.listManagers();
  const [team] = await database.managers.listTeams();
  if (newest == null || manager === undefined || team === undefined) {
    throw new Error('the database has no calls: fill it with bench/generate-calls.ts first');
  }
  // Late in the last generated day, so the day's calls are all in.
  const now = new Date(Date.parse(newest) + 60_000);
  const morphology = await loadMorphology();
  const services = createServerServices({ database, logger: createLogger({ level: 'silent' }), timeZone: 'Europe/Moscow', morphology: () => Promise.resolve(morphology), now: () => now });
  const reviewer: Viewer = { userId: null, displayName: 'bench', role: 'qa_reviewer', managerId: null, teamIds: [], timeZone: null };
  const head: Viewer = { ...reviewer, role: 'head_of_sales', teamIds: [team.id] };
  const own: Viewer = { ...reviewer, role: 'manager', managerId: manager.id };
  const total = (await database.calls.listCalls({}, undefined, { limit: 1 })).total ?? 0;

  const queries: { name: string; run: () => Promise<unknown> }[] = [
    { name: 'manager page, 8 weeks', run: () => services.coaching.coaching(own, manager.id, { weeks: 8 }) },
    { name: 'causes, 30 days, all teams', run: () => services.salesReport.causes(reviewer, {}) },
    { name: 'causes, 30 days, one team', run: () => services.salesReport.causes(head, {}) },
    { name: 'comparison, 30 days, all teams', run: () => services.salesReport.comparison(reviewer, {}) },
    { name: 'trends, 12 weeks, all teams', run: () => services.salesReport.trends(reviewer, { weeks: 12 }) },
    { name: 'trends, 12 weeks, one team', run: () => services.salesReport.trends(head, { weeks: 12 }) },
    { name: 'problem calls today, all teams', run: () => services.salesReport.problemCalls(reviewer, { threshold: 60, limit: 100 }) },
    { name: 'calls list, head of sales', run: () => services.calls.listCalls(head, { sort: 'startedAt', order: 'desc', limit: 50, withTotal: true }) },
    { name: 'calls list, manager, search', run: () => services.calls.listCalls(own, { q: 'перезвоню завтра', sort: 'startedAt', order: 'desc', limit: 50, withTotal: true }) },
  ];

  console.log(`${total} calls in ${values.url}${values.schema === undefined ? '' : ` schema ${values.schema}`}; ${runs} runs each after one warm-up`);
  // The first report after an import rebuilds the rollup days the import changed.
  const rebuildStarted = performance.now();
  await services.salesReport.trends(reviewer, { weeks: 2 });
  console.log(`${'rollup brought up to date'.padEnd(34)} ${(performance.now() - rebuildStarted).toFixed(0).padStart(7)} ms once`);
  for (const query of queries) {
    await query.run();
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await query.run();
      times.push(performance.now() - started);
    }
    times.sort((left, right) => left - right);
    const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? 0;
    console.log(`${query.name.padEnd(34)} p50 ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms`);
  }
} finally {
  await database.close();
}
