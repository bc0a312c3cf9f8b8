// Fills a database with synthetic calls, with their turns, search text and current evaluations, for the
// list and API benchmarks. One transaction per batch of multi-row inserts.
//   npx tsx bench/generate-calls.ts --url sqlite:.okk/bench-100k.sqlite --calls 100000
//   npx tsx bench/generate-calls.ts --url postgres://postgres@127.0.0.1:5432/test --schema okk_bench --calls 100000
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { openDatabase } from '../src/data/index.ts';
import { SyntheticCallGenerator } from './synthetic-calls.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'sqlite:.okk/bench.sqlite' },
    schema: { type: 'string' },
    calls: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '1000' },
    turns: { type: 'string', default: '6' },
    managers: { type: 'string', default: '150' },
    seed: { type: 'string', default: '1' },
    'end-date': { type: 'string', default: '2026-06-30' },
  },
});

const total = Number(values.calls);
const batchSize = Number(values.batch);
const generator = new SyntheticCallGenerator({
  seed: Number(values.seed),
  managers: Number(values.managers),
  turnsPerCall: Number(values.turns),
  endDate: values['end-date'],
});

const database = await openDatabase(values.url, { timeZone: 'Europe/Moscow', ...(values.schema === undefined ? {} : { schema: values.schema }) });
const started = performance.now();
let lastReport = started;
try {
  for (let first = 0; first < total; first += batchSize) {
    const calls = generator.batch(first, Math.min(batchSize, total - first));
    await database.transaction(async (repositories) => {
      await repositories.calls.saveTranscripts(calls.map(({ transcript, searchText }) => ({ transcript, searchText })));
      await repositories.evaluations.saveEvaluations(calls.map((call) => call.evaluation));
    });
    const now = performance.now();
    if (now - lastReport > 10_000) {
      lastReport = now;
      const done = first + calls.length;
      console.log(`${done} calls, ${(done / ((now - started) / 1000)).toFixed(0)} calls/s`);
    }
  }
  await database.optimize();
} finally {
  await database.close();
}
const seconds = (performance.now() - started) / 1000;
console.log(`${total} calls in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} calls/s) into ${values.url}${values.schema === undefined ? '' : ` schema ${values.schema}`}`);
