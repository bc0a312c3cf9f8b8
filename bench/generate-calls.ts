// Fills a database with synthetic calls, with their turns, search text and current evaluations, for the
// list and API benchmarks. The calls go through the repositories, one transaction per batch of multi-row
// inserts. Indexes the load never reads and the report rollup triggers are set aside during the load
// and put back from their own definitions at the end (bulk-load.ts); `--keep-indexes` loads with them.
//   npx tsx bench/generate-calls.ts --url sqlite:.okk/bench-100k.sqlite --calls 100000
//   npx tsx bench/generate-calls.ts --url postgres://postgres@127.0.0.1:5432/okk_bench --schema calls_1m --calls 1000000
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { sql } from 'kysely';

import { openDatabase } from '../src/data/index.ts';
import { restore, setAside } from './bulk-load.ts';
import { SyntheticCallGenerator } from './synthetic-calls.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'sqlite:.okk/bench.sqlite' },
    schema: { type: 'string' },
    calls: { type: 'string', default: '100000' },
    // Resumes a load that stopped: calls before this number are taken as written (the generator is seeded).
    'resume-at': { type: 'string', default: '0' },
    batch: { type: 'string', default: '2000' },
    'keep-indexes': { type: 'boolean', default: false },
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

// One connection: batches run one after another, and the session setting below holds for all of them.
const database = await openDatabase(values.url, { timeZone: 'Europe/Moscow', poolSize: 1, ...(values.schema === undefined ? {} : { schema: values.schema }) });
if (!database.dialect.isSqlite) {
  // A crash of the server may lose the last batches, never consistency; the load can be run again.
  await sql`set synchronous_commit = off`.execute(database.db);
}
const started = performance.now();
let lastReport = started;
const setAsideObjects = values['keep-indexes'] ? null : await setAside(database);
try {
  const resumeAt = Number(values['resume-at']);
  for (let first = resumeAt; first < total; first += batchSize) {
    const calls = generator.batch(first, Math.min(batchSize, total - first));
    await database.transaction(async (repositories) => {
      await repositories.calls.saveTranscripts(calls.map(({ transcript, searchText }) => ({ transcript, searchText })));
      await repositories.evaluations.saveEvaluations(calls.map((call) => call.evaluation));
    });
    const now = performance.now();
    if (now - lastReport > 10_000) {
      lastReport = now;
      const done = first + calls.length;
      console.log(`${done} calls, ${((done - resumeAt) / ((now - started) / 1000)).toFixed(0)} calls/s`);
    }
  }
  console.log(`${total} calls written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  if (setAsideObjects !== null) {
    const rebuildStarted = performance.now();
    await restore(database, setAsideObjects);
    console.log(`${setAsideObjects.indexes.length} indexes rebuilt and ${setAsideObjects.triggers.length} triggers restored in ${((performance.now() - rebuildStarted) / 1000).toFixed(1)} s`);
  }
}
try {
  await database.optimize();
} finally {
  await database.close();
}
const seconds = (performance.now() - started) / 1000;
console.log(`${total} calls in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} calls/s) into ${values.url}${values.schema === undefined ? '' : ` schema ${values.schema}`}`);
