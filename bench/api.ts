// Times the HTTP API as the web UI calls it: the calls list with its filters (as a reviewer and as a
// manager), the call page and the head-of-sales report, on a database filled by generate-calls.ts.
// Requests go over loopback HTTP to the real app (sessions, role checks, validation, JSON, the request
// log) one at a time, as one browser sends them; `--transport app` calls `app.request()` instead.
// Each case sends warm-up requests first, then times `--requests` requests with varied parameters,
// and prints p50, p95 and max of the wall time, and the median processor time of this process per
// request, which shows the work done when other programs share the processors.
//   npx tsx bench/api.ts --url sqlite:/tmp/okk-bench/calls-100k.sqlite
//   npx tsx bench/api.ts --url postgres://postgres@127.0.0.1:5432/okk_bench --schema calls_100k --json /tmp/api.json
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';

import { openDatabase } from '../src/data/index.ts';
import type { Database } from '../src/data/index.ts';
import { buildApp } from '../src/server/app.ts';
import type { ApiApp } from '../src/server/app-env.ts';
import { startServer } from '../src/server/serve.ts';
import { createServerServices } from '../src/server/server-services.ts';
import type { ServerServices } from '../src/server/server-context.ts';
import { SYSTEM_VIEWER } from '../src/services/accounts/access.ts';
import type { RoleId } from '../src/services/accounts/roles.ts';
import { loadMorphology } from '../src/text/az-morphology.ts';
import { buildCases } from './api-cases.ts';
import type { BenchCase, BenchRequest, BenchSetup, BenchUser } from './api-cases.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'sqlite:.okk/bench.sqlite' },
    schema: { type: 'string' },
    'time-zone': { type: 'string', default: 'Europe/Moscow' },
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '10' },
    transport: { type: 'string', default: 'http' },
    only: { type: 'string' },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
  },
});

/** Password of the benchmark's users, which it creates in the benchmark database on the first run. */
const BENCH_PASSWORD = 'бенчмарк-пароль-2026';
/** Cheap password hashing: sign-in is not timed, and the hash cost changes nothing that is. */
const BENCH_SCRYPT = { cost: 2 ** 10, blockSize: 8, parallelization: 1 };
/** Managers signed in as themselves, from the busiest down to quiet ones. */
const MANAGER_USERS = 10;
const CALL_SAMPLE = 500;

type Send = (request: BenchRequest & { body?: unknown }) => Promise<Response>;

interface CaseResult {
  group: string;
  name: string;
  requests: number;
  failures: number;
  firstFailure: string | null;
  p50: number;
  p95: number;
  max: number;
  /** Median processor time of this process per request (server and client; not PostgreSQL's own). */
  cpuP50: number;
  meanBytes: number;
}

const timeZone = values['time-zone'];
const requests = Number(values.requests);
const warmup = Number(values.warmup);
const database = await openDatabase(values.url, { timeZone, ...(values.schema === undefined ? {} : { schema: values.schema }) });
try {
  await run(database);
} finally {
  await database.close();
}

async function run(db: Database): Promise<void> {
  const newest = (await db.calls.listCalls({}, { field: 'startedAt', direction: 'desc' }, { limit: 1, withTotal: false })).items[0]?.startedAt;
  if (newest == null) {
    throw new Error('the database has no calls: fill it with bench/generate-calls.ts first');
  }
  // The clock is set just after the newest call, so "today" and "the last 30 days" contain calls.
  const now = new Date(Date.parse(newest) + 60_000);
  const morphology = await loadMorphology();
  // The server logs every request at info, as `okk serve` does; the lines go to /dev/null.
  const logger = pino({ name: 'okk-server', level: 'info' }, pino.destination('/dev/null'));
  const services = createServerServices({ database: db, logger, timeZone, morphology: () => Promise.resolve(morphology), now: () => now, scrypt: BENCH_SCRYPT });
  const app = buildApp({ context: { database: db, services, logger, cookies: { secure: 'never', trustProxy: false }, timeZone }, webDist: null });

  const server = values.transport === 'app' ? null : await startServer(app, { host: '127.0.0.1', port: 0, logger });
  const send: Send = server === null ? (request) => sendToApp(app, request) : (request) => sendOverHttp(server.url, request);
  try {
    const setup = await prepare(db, services, send, now);
    const total = (await db.calls.listCalls({}, undefined, { limit: 1 })).total ?? 0;
    const target = `${values.url}${values.schema === undefined ? '' : ` schema ${values.schema}`}`;
    console.log(`${total} calls in ${target}; transport ${server === null ? 'app.request()' : 'loopback HTTP'}; ${warmup} warm-up and ${requests} timed requests per case`);
    console.log(`machine: ${cpus().length} processors, ${cpus()[0]?.model ?? 'unknown'}; Node ${process.version}; load average ${formatLoad()}`);

    // The first report after an import rebuilds the rollup days the import changed.
    const rollupStarted = performance.now();
    await checked(send, { user: setup.reviewer, path: '/api/v1/reports/trends?weeks=2' });
    console.log(`rollup brought up to date once: ${(performance.now() - rollupStarted).toFixed(0)} ms`);

    const only = values.only?.split(',').map((part) => part.trim()) ?? [];
    const cases = buildCases(setup, Number(values.seed)).filter((item) => only.length === 0 || only.some((part) => item.name.includes(part)));
    const results: CaseResult[] = [];
    console.log(`${'case'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'cpu ms'.padStart(8)} ${'KB'.padStart(6)}  load`);
    for (const benchCase of cases) {
      const result = await measure(send, benchCase);
      results.push(result);
      const failed = result.failures === 0 ? '' : `  ${result.failures} failed, first: ${result.firstFailure ?? ''}`;
      console.log(
        `${result.name.padEnd(34)} ${result.p50.toFixed(1).padStart(8)} ${result.p95.toFixed(1).padStart(8)} ${result.max.toFixed(1).padStart(8)} ${result.cpuP50.toFixed(1).padStart(8)} ${(result.meanBytes / 1024).toFixed(1).padStart(6)}  ${formatLoad()}${failed}`,
      );
    }
    if (values.json !== undefined) {
      const summary = { target, calls: total, transport: values.transport, requests, warmup, processors: cpus().length, cpu: cpus()[0]?.model ?? null, node: process.version, finishedAt: new Date().toISOString(), loadAverage: loadavg(), results };
      await writeFile(values.json, `${JSON.stringify(summary, null, 2)}\n`);
    }
  } finally {
    await server?.close(1000);
  }
}

async function measure(send: Send, benchCase: BenchCase): Promise<CaseResult> {
  for (let index = 0; index < warmup; index++) {
    await send(benchCase.next()).then((response) => response.arrayBuffer());
  }
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let bytes = 0;
  for (let index = 0; index < requests; index++) {
    const request = benchCase.next();
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const response = await send(request);
    const body = await response.text();
    times.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    bytes += Buffer.byteLength(body);
    if (response.status !== 200) {
      failures += 1;
      firstFailure ??= `${response.status} ${request.path}: ${body.slice(0, 200)}`;
    }
  }
  times.sort((left, right) => left - right);
  cpuTimes.sort((left, right) => left - right);
  return {
    group: benchCase.group,
    name: benchCase.name,
    requests,
    failures,
    firstFailure,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    max: times.at(-1) ?? 0,
    cpuP50: percentile(cpuTimes, 0.5),
    meanBytes: bytes / Math.max(1, requests),
  };
}

/** Nearest-rank percentile of sorted times. */
function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

/** Signs in the benchmark's users (creating them on the first run) and picks the calls to open. */
async function prepare(db: Database, services: ServerServices, send: Send, now: Date): Promise<BenchSetup> {
  const teams = await db.managers.listTeams();
  const reviewer = await signIn(services, send, { login: 'bench.reviewer', role: 'qa_reviewer' });
  const heads = new Map<number, BenchUser>();
  for (const team of teams) {
    heads.set(team.id, await signIn(services, send, { login: `bench.head.${team.id}`, role: 'head_of_sales', teamIds: [team.id] }));
  }
  const managers = new Map<number, BenchUser>();
  for (const managerId of await managersByCalls(db)) {
    managers.set(managerId, await signIn(services, send, { login: `bench.manager.${managerId}`, role: 'manager', managerId }));
  }
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return { today, timeZone, reviewer, heads, managers, callIds: await sampleCalls(db) };
}

/** Managers at evenly spaced ranks by their number of calls, the busiest first. */
async function managersByCalls(db: Database): Promise<number[]> {
  const rows = await db.db
    .selectFrom('calls')
    .where('manager_id', 'is not', null)
    .select((eb) => ['manager_id', eb.fn.countAll().as('calls')])
    .groupBy('manager_id')
    .orderBy('calls', 'desc')
    .execute();
  const ids = rows.map((row) => row.manager_id).filter((id): id is number => id !== null);
  const step = Math.max(1, (ids.length - 1) / (MANAGER_USERS - 1));
  return [...new Set(Array.from({ length: Math.min(MANAGER_USERS, ids.length) }, (_, index) => ids[Math.round(index * step)] ?? 0))];
}

/** Ids of calls spread evenly over the store's sequence numbers. */
async function sampleCalls(db: Database): Promise<string[]> {
  const bounds = await db.db.selectFrom('calls').select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')]).executeTakeFirstOrThrow();
  const first = bounds.first;
  const last = bounds.last;
  const seqs = Array.from({ length: CALL_SAMPLE }, (_, index) => Math.round(first + ((last - first) * (index + 0.5)) / CALL_SAMPLE));
  const rows = await db.db.selectFrom('calls').select('id').where('seq', 'in', seqs).execute();
  return rows.map((row) => row.id);
}

async function signIn(services: ServerServices, send: Send, user: { login: string; role: RoleId; managerId?: number; teamIds?: number[] }): Promise<BenchUser> {
  if ((await services.accounts.listUsers(SYSTEM_VIEWER)).every((account) => account.login !== user.login)) {
    await services.accounts.createUser(SYSTEM_VIEWER, { ...user, displayName: user.login, password: BENCH_PASSWORD });
  }
  const response = await send({ user: { login: user.login, cookie: '' }, path: '/api/v1/session/login', body: { login: user.login, password: BENCH_PASSWORD } });
  if (response.status !== 200) {
    throw new Error(`the benchmark user ${user.login} could not sign in: ${response.status} ${await response.text()}`);
  }
  await response.arrayBuffer();
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { login: user.login, cookie };
}

async function checked(send: Send, request: BenchRequest): Promise<void> {
  const response = await send(request);
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`${request.path} returned ${response.status}: ${body.slice(0, 300)}`);
  }
}

function requestInit(request: BenchRequest & { body?: unknown }): RequestInit {
  if (request.body === undefined) {
    return { headers: { cookie: request.user.cookie } };
  }
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body) };
}

function sendOverHttp(base: string, request: BenchRequest & { body?: unknown }): Promise<Response> {
  return fetch(`${base}${request.path}`, requestInit(request));
}

async function sendToApp(app: ApiApp, request: BenchRequest & { body?: unknown }): Promise<Response> {
  return app.request(request.path, requestInit(request));
}

function formatLoad(): string {
  return loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
}
