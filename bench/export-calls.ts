// Times a calls export (XLSX or CSV) of every call in a database filled by generate-calls.ts and prints
// the rows, the seconds, the file size and the peak memory of this process. Run one format per process,
// so each peak is its own.
//   npx tsx bench/export-calls.ts --url sqlite:.okk/bench-100k.sqlite --format xlsx --out /tmp/calls.xlsx
//   npx tsx bench/export-calls.ts --url sqlite:.okk/bench-100k.sqlite --format csv --out /tmp/calls.csv
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { openDatabase } from '../src/data/index.ts';
import { SYSTEM_VIEWER } from '../src/services/accounts/access.ts';
import { CallQueryService } from '../src/services/calls/call-query.service.ts';
import { CallExportService } from '../src/services/exports/call-export.service.ts';
import type { CallExportFormat } from '../src/services/exports/call-export.service.ts';
import { loadMorphology } from '../src/text/az-morphology.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'sqlite:.okk/bench.sqlite' },
    schema: { type: 'string' },
    format: { type: 'string', default: 'xlsx' },
    encoding: { type: 'string', default: 'utf-8' },
    out: { type: 'string', default: '/tmp/okk-export-bench.out' },
    'public-url': { type: 'string' },
    /** Export only calls from this date, to compare the peaks of smaller exports. */
    from: { type: 'string' },
  },
});

const format: CallExportFormat = values.format === 'csv' ? { kind: 'csv', encoding: values.encoding === 'cp1251' ? 'cp1251' : 'utf-8' } : { kind: 'xlsx' };
const database = await openDatabase(values.url, { timeZone: 'Europe/Moscow', migrate: false, ...(values.schema === undefined ? {} : { schema: values.schema }) });
const calls = new CallQueryService({ database, morphology: loadMorphology });
const exports = new CallExportService({ calls, timeZone: 'Europe/Moscow', publicUrl: values['public-url'] ?? null, maxRows: 10_000_000 });

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};
sample();
const baseRss = peakRss;
const sampler = setInterval(sample, 20);

try {
  const started = performance.now();
  const prepared = await exports.prepare(SYSTEM_VIEWER, { sort: 'startedAt', order: 'desc', ...(values.from === undefined ? {} : { from: values.from }) });
  const rows = await prepared.write(format, createWriteStream(values.out));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sample();
  const size = (await stat(values.out)).size;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(
    `${values.format}${format.kind === 'csv' ? ` ${format.encoding}` : ''}: ${rows} rows (counted ${prepared.total}) in ${seconds.toFixed(1)} s (${(rows / seconds).toFixed(0)} rows/s), ` +
      `file ${mb(size)} MB, peak RSS ${mb(peakRss)} MB (${mb(baseRss)} MB at start), peak heap ${mb(peakHeap)} MB`,
  );
} finally {
  clearInterval(sampler);
  await database.close();
}
