// The requests `bench/api.ts` times: what the calls page, the call page, the head-of-sales report and the
// manager page send, each case with parameters drawn from a seeded random source, so two runs of one
// case send the same requests.
import { CRITERION_IDS } from '../src/core/model/checklist.ts';
import { FINDING_KINDS } from '../src/core/model/evaluation.ts';
import { SeededRandom } from './synthetic-calls.ts';

/** A signed-in user of the benchmark: the cookie their browser sends. */
export interface BenchUser {
  login: string;
  cookie: string;
}

export interface BenchSetup {
  /** The local date of the newest call (`YYYY-MM-DD` in the installation's zone), "today" for reports. */
  today: string;
  timeZone: string;
  reviewer: BenchUser;
  /** A head of sales for each team, by team id. */
  heads: Map<number, BenchUser>;
  /** Manager users, by manager id, from the busiest manager to quiet ones. */
  managers: Map<number, BenchUser>;
  /** Ids of calls spread over the whole store. */
  callIds: readonly string[];
}

export type CaseGroup = 'calls list' | 'call page' | 'report';

export interface BenchRequest {
  user: BenchUser;
  /** Path and query under the server's address, e.g. `/api/v1/calls?limit=50`. */
  path: string;
}

export interface BenchCase {
  group: CaseGroup;
  name: string;
  /** Draws the next request of the case. */
  next(): BenchRequest;
}

/**
 * Search queries as users type them, in various word forms. Every word is in the synthetic vocabulary, so
 * each one matches half or more of the calls: the worst case for a full-text count.
 */
const SEARCH_QUERIES = [
  'перезвоню',
  'тариф',
  'скидку',
  'договора',
  'роутер',
  'жалоба',
  'оплатить',
  'отключить',
  'мастера',
  'претензию',
  'тариф скидка',
  'перезвоню завтра',
  'жалоба оператор',
  'подключение интернета',
  'мастер выезд завтра',
  'расторгнуть договор претензия',
];

const SORTS = ['startedAt', 'score', 'duration', 'manager'] as const;
const LIMITS = [25, 50, 100] as const;
const REPORT_PRESET_DAYS = [7, 30, 90] as const;

type Query = Record<string, string | number | readonly (string | number)[] | undefined>;

/** Builds every case over the users and calls of `setup`; `seed` fixes the parameters drawn. */
export function buildCases(setup: BenchSetup, seed: number): BenchCase[] {
  const cases: BenchCase[] = [];
  const add = (group: CaseGroup, name: string, draw: (random: SeededRandom) => BenchRequest) => {
    const random = new SeededRandom(seed * 1000 + cases.length + 1);
    cases.push({ group, name, next: () => draw(random) });
  };
  const teamIds = [...setup.heads.keys()];
  const managerIds = [...setup.managers.keys()];
  const userOf = (id: number, users: Map<number, BenchUser>) => users.get(id) ?? setup.reviewer;

  add('calls list', 'list, no filter', (random) => list(setup.reviewer, sortAndLimit(random)));
  add('calls list', 'list, team + 30 days', (random) => {
    const end = shiftDays(setup.today, 1 - random.int(300));
    return list(setup.reviewer, { teamId: random.pick(teamIds), from: shiftDays(end, -30), to: end });
  });
  add('calls list', 'list, finding kind', (random) => list(setup.reviewer, { findingKind: random.pick(FINDING_KINDS) }));
  add('calls list', 'list, failed criterion', (random) => list(setup.reviewer, { failedCriterion: random.pick(CRITERION_IDS) }));
  add('calls list', 'list, score range', (random) => list(setup.reviewer, scoreRange(random)));
  add('calls list', 'list, text search', (random) => list(setup.reviewer, { q: random.pick(SEARCH_QUERIES) }));

  const asManager = (random: SeededRandom) => userOf(random.pick(managerIds), setup.managers);
  add('calls list', 'manager list, no filter', (random) => list(asManager(random), sortAndLimit(random)));
  add('calls list', 'manager list, 30 days', (random) => {
    const end = shiftDays(setup.today, 1 - random.int(300));
    return list(asManager(random), { from: shiftDays(end, -30), to: end });
  });
  add('calls list', 'manager list, finding kind', (random) => list(asManager(random), { findingKind: random.pick(FINDING_KINDS) }));
  add('calls list', 'manager list, failed criterion', (random) => list(asManager(random), { failedCriterion: random.pick(CRITERION_IDS) }));
  add('calls list', 'manager list, score range', (random) => list(asManager(random), scoreRange(random)));
  add('calls list', 'manager list, text search', (random) => list(asManager(random), { q: random.pick(SEARCH_QUERIES) }));

  add('call page', 'call, detail', (random) => ({ user: setup.reviewer, path: `/api/v1/calls/${encodeURIComponent(random.pick(setup.callIds))}` }));
  add('call page', 'call, review', (random) => ({ user: setup.reviewer, path: `/api/v1/calls/${encodeURIComponent(random.pick(setup.callIds))}/review` }));

  const period = (random: SeededRandom) => reportPeriod(random, setup.today);
  const asHead = (random: SeededRandom) => userOf(random.pick(teamIds), setup.heads);
  const zone = { timeZone: setup.timeZone };
  add('report', 'causes, all teams', (random) => report(setup.reviewer, 'causes', { ...period(random), ...zone }));
  add('report', 'causes, one team', (random) => report(asHead(random), 'causes', { ...period(random), ...zone }));
  add('report', 'comparison, all teams', (random) => report(setup.reviewer, 'comparison', { ...period(random), ...zone }));
  add('report', 'comparison, one team', (random) => report(asHead(random), 'comparison', { ...period(random), ...zone }));
  add('report', 'trends, all teams', (random) => report(setup.reviewer, 'trends', { weeks: random.pick([8, 12, 12, 26]), ...zone }));
  add('report', 'trends, one team', (random) => report(asHead(random), 'trends', { weeks: random.pick([8, 12, 12, 26]), ...zone }));
  add('report', 'problem calls, all teams', (random) => report(setup.reviewer, 'problem-calls', { date: shiftDays(setup.today, -random.int(60)), ...zone }));
  add('report', 'problem calls, one team', (random) => report(asHead(random), 'problem-calls', { date: shiftDays(setup.today, -random.int(60)), ...zone }));
  add('report', 'manager page', (random) => {
    const managerId = random.pick(managerIds);
    return { user: userOf(managerId, setup.managers), path: withQuery(`/api/v1/managers/${managerId}/coaching`, { weeks: random.pick([4, 8, 8, 12]), ...zone }) };
  });
  return cases;
}

function list(user: BenchUser, query: Query): BenchRequest {
  return { user, path: withQuery('/api/v1/calls', query) };
}

function report(user: BenchUser, name: string, query: Query): BenchRequest {
  return { user, path: withQuery(`/api/v1/reports/${name}`, query) };
}

/** The newest calls first most of the time, as the page opens, and now and then another sort. */
function sortAndLimit(random: SeededRandom): Query {
  const sort = random.next() < 0.6 ? 'startedAt' : random.pick(SORTS);
  return { sort, order: random.next() < 0.75 ? 'desc' : 'asc', limit: random.pick(LIMITS) };
}

function scoreRange(random: SeededRandom): Query {
  const scoreMin = 5 * random.int(17);
  return { scoreMin, scoreMax: Math.min(100, scoreMin + 10 + 5 * random.int(7)) };
}

/** A preset of the report page (the last 7, 30 or 90 days) or, one time in four, whole days picked by hand. */
function reportPeriod(random: SeededRandom, today: string): Query {
  if (random.next() < 0.75) {
    const days = random.pick(REPORT_PRESET_DAYS);
    return { from: shiftDays(today, 1 - days), to: shiftDays(today, 1) };
  }
  const to = shiftDays(today, 1 - random.int(270));
  return { from: shiftDays(to, -(7 + random.int(84))), to };
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, String(item));
    }
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** Adds days to a `YYYY-MM-DD` date. */
export function shiftDays(date: string, days: number): string {
  const shifted = new Date(`${date}T00:00:00.000Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}
