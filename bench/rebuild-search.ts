// Times the `rebuild-search-index` job on a filled store (bench/generate-calls.ts), as after an upgrade
// that changes how search documents are written: marks the index as written by lemmas version 1, runs
// the job's handler in this process and prints calls per second and processor time.
//   npx tsx bench/rebuild-search.ts --url sqlite:.okk/bench-100k.sqlite
//   npx tsx bench/rebuild-search.ts --url postgres://postgres@127.0.0.1:5432/okk_bench --schema calls_100k
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { openDatabase } from '../src/data/index.ts';
import { rebuildSearchIndexHandler } from '../src/jobs/handlers/rebuild-search-index.handler.ts';
import type { JobContext } from '../src/jobs/job-queue.ts';
import { createLogger } from '../src/lib/logger.ts';
import { loadMorphology } from '../src/text/az-morphology.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'sqlite:.okk/bench.sqlite' },
    schema: { type: 'string' },
  },
});

const database = await openDatabase(values.url, { timeZone: 'Europe/Moscow', ...(values.schema === undefined ? {} : { schema: values.schema }) });
try {
  await database.db.updateTable('search_index_state').set({ lemmas_version: 1 }).where('id', '=', 1).execute();
  const morphology = await loadMorphology();
  let lastReport = performance.now();
  const job: JobContext<'rebuild-search-index'> = {
    id: 'bench',
    name: 'rebuild-search-index',
    payload: {},
    attempt: 1,
    maxAttempts: 1,
    signal: new AbortController().signal,
    logger: createLogger({ level: 'warn' }),
    reportProgress: (progress) => {
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        console.log(`${progress.done} of ${progress.total ?? 0} calls`);
      }
      return Promise.resolve();
    },
  };
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const { rebuilt } = await rebuildSearchIndexHandler(database, () => Promise.resolve(morphology))(job);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  console.log(
    `${rebuilt} calls rebuilt in ${seconds.toFixed(1)} s (${(rebuilt / seconds).toFixed(0)} calls/s, ` +
      `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of processor time in this process) in ${values.url}${values.schema === undefined ? '' : ` schema ${values.schema}`}`,
  );
} finally {
  await database.close();
}
