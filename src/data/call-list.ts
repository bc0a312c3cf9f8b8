import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';

import type { CriterionId } from '../core/model/checklist.ts';
import type { Direction } from '../core/model/transcript.ts';
import type { FindingKind } from '../core/model/evaluation.ts';
import { AppError } from '../lib/app-error.ts';
import { searchCondition } from './call-search.ts';
import type { DataContext } from './data-context.ts';
import type { DatabaseSchema } from './schema.ts';
import { readBool, readNumber, readOptionalTimestamp } from './sql-dialect.ts';
import { toInstant } from './time.ts';

export interface CallFilter {
  /** Calls that started at or after this ISO date or time; a bare date is midnight in the database's zone. */
  startedFrom?: string;
  /** Calls that started before this ISO date or time (exclusive). */
  startedTo?: string;
  /** Calls of any of these managers; an empty list does not filter. */
  managerIds?: readonly number[];
  teamIds?: readonly number[];
  direction?: Direction;
  /** Inclusive bounds of the current evaluation's score; calls without a score never match. */
  scoreMin?: number;
  scoreMax?: number;
  /** Calls whose current evaluation has a finding of any of these kinds. */
  findingKinds?: readonly FindingKind[];
  /** Calls whose current evaluation failed any of these criteria. */
  failedCriteria?: readonly CriterionId[];
  /** Lemmas from `buildSearchLemmas`; a call matches when its text contains every one. */
  searchLemmas?: readonly string[];
}

export type CallSortField = 'startedAt' | 'score' | 'duration' | 'manager';

/** Sorting of the list. Missing values (no score, no start time) sort as the smallest. */
export interface CallSort {
  field: CallSortField;
  direction: 'asc' | 'desc';
}

/**
 * One page: either `cursor` (the previous page's `nextCursor`; fast at any depth) or `offset`.
 * `withTotal: false` skips counting the matching calls.
 */
export interface PageRequest {
  limit?: number;
  cursor?: string;
  offset?: number;
  withTotal?: boolean;
}

export interface CallSummary {
  id: string;
  externalId: string | null;
  source: string;
  startedAt: string | null;
  durationSec: number | null;
  direction: Direction | null;
  manager: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  client: { name: string | null; phone: string | null } | null;
  turnCount: number;
  score: number | null;
  findingCount: number | null;
  noSpeech: boolean | null;
  transcriptComplete: boolean | null;
  evaluatedAt: string | null;
}

export interface CallPage {
  items: CallSummary[];
  /** Calls matching the filter, or null when `withTotal` was false. */
  total: number | null;
  /** Cursor of the next page, or null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;

/**
 * Up to this many matches, a page with a finding, criterion or text filter collects the matching calls
 * and sorts them. With more, it walks the sort index and checks each call, which stops after one page.
 * On SQLite at 100,000 calls, collecting 19,000 matches took 37 ms and walking took 0.3 ms, but walking
 * for a rare match reads the whole index.
 */
const COLLECT_MAX_MATCHES = 2000;

/**
 * The same limit with a text filter. Checking one call against the full-text index costs far more than
 * checking its findings (about 40 µs against 1 µs on SQLite), so collecting wins for longer lists.
 */
const COLLECT_MAX_TEXT_MATCHES = 20_000;

/**
 * A count with a finding, criterion or text filter checks call by call when the other filters leave at
 * most this many calls. On SQLite at 1,000,000 calls, one team over 30 days with a finding took 386 ms
 * by collecting the 90,000 calls with the finding.
 */
const PROBE_COUNT_MAX_CALLS = 20_000;

export type FilterStrategy = 'collect' | 'probe';
export const MAX_PAGE_SIZE = 500;

const SORT_COLUMNS = {
  startedAt: 'calls.started_at',
  score: 'calls.score',
  duration: 'calls.duration_sec',
  manager: 'calls.manager_key',
} as const;

type SortValue = string | number | null;
type CallsQuery = SelectQueryBuilder<DatabaseSchema, 'calls', object>;

interface Cursor {
  value: SortValue;
  seq: number;
}

export async function callPage(context: DataContext, filter: CallFilter, sort: CallSort, page: PageRequest): Promise<CallPage> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new AppError('BAD_REQUEST', `Размер страницы ${limit} вне допустимого диапазона: укажите от 1 до ${MAX_PAGE_SIZE}.`);
  }
  if (page.offset !== undefined && (!Number.isInteger(page.offset) || page.offset < 0)) {
    throw new AppError('BAD_REQUEST', `Смещение ${page.offset} недопустимо: укажите целое число от 0.`);
  }
  if (page.offset !== undefined && page.cursor !== undefined) {
    throw new AppError('BAD_REQUEST', 'Укажите либо курсор страницы, либо смещение, но не оба сразу.');
  }

  const cursor = page.cursor === undefined ? undefined : decodeCursor(page.cursor, sort);

  let total: number | null = null;
  let strategy: FilterStrategy = 'probe';
  if (page.withTotal ?? true) {
    const counting = await countStrategy(context, filter);
    const counted = await applyFilter(context, context.db.selectFrom('calls'), filter, counting)
      .select((eb) => eb.fn.countAll().as('total'))
      .executeTakeFirstOrThrow();
    total = readNumber(counted.total) ?? 0;
    // Few matches among many calls are found faster by collecting, unless the other filters already
    // leave few calls to check.
    const collectMax = (filter.searchLemmas?.length ?? 0) > 0 ? COLLECT_MAX_TEXT_MATCHES : COLLECT_MAX_MATCHES;
    strategy = counting === 'collect' && total <= collectMax ? 'collect' : 'probe';
  }

  const filtered = applyFilter(context, context.db.selectFrom('calls'), filter, strategy);
  const rows = await fetchRows(filtered, sort, cursor, limit + 1, page.offset ?? 0);

  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(sort, { value: sortValue(last, sort), seq: last.seq }) : null;
  return { items: items.map(toSummary), total, nextCursor };
}

/**
 * Picks how to count: by checking the calls left by the other filters when few are left, else by
 * collecting. Text filters always collect, because checking call by call against the full-text index
 * is slow.
 */
async function countStrategy(context: DataContext, filter: CallFilter): Promise<FilterStrategy> {
  const { findingKinds = [], failedCriteria = [], searchLemmas = [], ...callFilter } = filter;
  const narrowed =
    callFilter.startedFrom !== undefined ||
    callFilter.startedTo !== undefined ||
    (callFilter.managerIds?.length ?? 0) > 0 ||
    (callFilter.teamIds?.length ?? 0) > 0;
  if (findingKinds.length + failedCriteria.length === 0 || searchLemmas.length > 0 || !narrowed) {
    return 'collect';
  }
  const counted = await applyFilter(context, context.db.selectFrom('calls'), callFilter)
    .select((eb) => eb.fn.countAll().as('total'))
    .executeTakeFirstOrThrow();
  return (readNumber(counted.total) ?? 0) <= PROBE_COUNT_MAX_CALLS ? 'probe' : 'collect';
}

/** Adds the filter's conditions to a query on `calls`; `strategy` is how subquery filters are written. */
export function applyFilter(context: DataContext, query: CallsQuery, filter: CallFilter, strategy: FilterStrategy = 'collect'): CallsQuery {
  let result = query;
  if (filter.startedFrom !== undefined) {
    result = result.where('calls.started_at', '>=', filterInstant(filter.startedFrom, context.timeZone));
  }
  if (filter.startedTo !== undefined) {
    result = result.where('calls.started_at', '<', filterInstant(filter.startedTo, context.timeZone));
  }
  if (filter.managerIds !== undefined && filter.managerIds.length > 0) {
    result = result.where('calls.manager_id', 'in', filter.managerIds);
  }
  if (filter.teamIds !== undefined && filter.teamIds.length > 0) {
    result = result.where('calls.team_id', 'in', filter.teamIds);
  }
  if (filter.direction !== undefined) {
    result = result.where('calls.direction', '=', filter.direction);
  }
  if (filter.scoreMin !== undefined) {
    result = result.where('calls.score', '>=', filter.scoreMin);
  }
  if (filter.scoreMax !== undefined) {
    result = result.where('calls.score', '<=', filter.scoreMax);
  }
  const kinds = filter.findingKinds ?? [];
  if (kinds.length > 0) {
    result = result.where((eb) => {
      const findings = eb.selectFrom('findings').select('findings.call_id').where('findings.kind', 'in', kinds);
      return strategy === 'collect' ? eb('calls.id', 'in', findings) : eb.exists(findings.whereRef('findings.call_id', '=', 'calls.id'));
    });
  }
  const criteria = filter.failedCriteria ?? [];
  if (criteria.length > 0) {
    result = result.where((eb) => {
      const failed = eb
        .selectFrom('evaluation_criteria')
        .select('evaluation_criteria.call_id')
        .where('evaluation_criteria.criterion_id', 'in', criteria)
        .where('evaluation_criteria.result', '=', 'failed');
      return strategy === 'collect' ? eb('calls.id', 'in', failed) : eb.exists(failed.whereRef('evaluation_criteria.call_id', '=', 'calls.id'));
    });
  }
  const lemmas = filter.searchLemmas ?? [];
  if (lemmas.length > 0) {
    result = result.where(searchCondition(context, lemmas, strategy));
  }
  return result;
}

function filterInstant(value: string, timeZone: string): string {
  const instant = toInstant(value, timeZone);
  if (instant === null) {
    throw new AppError('BAD_REQUEST', `Дата «${value}» не распознана: укажите дату в формате ГГГГ-ММ-ДД или время ISO 8601.`);
  }
  return instant;
}

/**
 * Keyset pagination over (sort column, seq). Rows with a value and rows without one are fetched as two
 * ranges, so each range is a plain row-value comparison that both databases serve from an index.
 */
async function fetchRows(query: CallsQuery, sort: CallSort, cursor: Cursor | undefined, limit: number, offset: number) {
  const column = SORT_COLUMNS[sort.field];
  const descending = sort.direction === 'desc';
  const valued = (eb: ExpressionBuilder<DatabaseSchema, 'calls'>) => eb(column, 'is not', null);
  const missing = (eb: ExpressionBuilder<DatabaseSchema, 'calls'>) => eb(column, 'is', null);

  if (cursor === undefined) {
    return selectPage(query, sort, limit, offset);
  }
  if (cursor.value === null) {
    const nulls = await selectPage(query.where(missing).where('calls.seq', descending ? '<' : '>', cursor.seq), sort, limit, 0);
    if (descending || nulls.length >= limit) {
      return nulls;
    }
    return [...nulls, ...(await selectPage(query.where(valued), sort, limit - nulls.length, 0))];
  }

  const after = query.where((eb) => eb(eb.refTuple(column, 'calls.seq'), descending ? '<' : '>', eb.tuple(cursor.value, cursor.seq)));
  const rows = await selectPage(after, sort, limit, 0);
  if (!descending || rows.length >= limit) {
    return rows;
  }
  return [...rows, ...(await selectPage(query.where(missing), sort, limit - rows.length, 0))];
}

function selectPage(query: CallsQuery, sort: CallSort, limit: number, offset: number) {
  const column = SORT_COLUMNS[sort.field];
  let ordered = query
    .leftJoin('managers', 'managers.id', 'calls.manager_id')
    .leftJoin('teams', 'teams.id', 'calls.team_id')
    .select([
      'calls.seq',
      'calls.id',
      'calls.external_id',
      'calls.source',
      'calls.started_at',
      'calls.duration_sec',
      'calls.direction',
      'calls.manager_id',
      'calls.manager_key',
      'managers.name as manager_name',
      'calls.team_id',
      'teams.name as team_name',
      'calls.client_name',
      'calls.client_phone',
      'calls.turn_count',
      'calls.score',
      'calls.finding_count',
      'calls.no_speech',
      'calls.transcript_complete',
      'calls.evaluated_at',
    ]);
  // Nulls sort as the smallest value, which is SQLite's own order and must be stated for PostgreSQL.
  ordered =
    sort.direction === 'desc'
      ? ordered.orderBy(column, (order) => order.desc().nullsLast()).orderBy('calls.seq', 'desc')
      : ordered.orderBy(column, (order) => order.asc().nullsFirst()).orderBy('calls.seq', 'asc');
  return ordered.limit(limit).offset(offset).execute();
}

type PageRow = Awaited<ReturnType<typeof selectPage>>[number];

function sortValue(row: PageRow, sort: CallSort): SortValue {
  switch (sort.field) {
    case 'startedAt':
      return readOptionalTimestamp(row.started_at);
    case 'score':
      return row.score;
    case 'duration':
      return row.duration_sec;
    case 'manager':
      return row.manager_key;
  }
}

function encodeCursor(sort: CallSort, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([sort.field, sort.direction, cursor.value, cursor.seq])).toString('base64url');
}

function decodeCursor(text: string, sort: CallSort): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 4 &&
    parsed[0] === sort.field &&
    parsed[1] === sort.direction &&
    (parsed[2] === null || typeof parsed[2] === 'string' || typeof parsed[2] === 'number') &&
    Number.isInteger(parsed[3])
  ) {
    return { value: parsed[2] as SortValue, seq: parsed[3] as number };
  }
  throw new AppError('BAD_REQUEST', 'Курсор страницы недействителен или получен для другой сортировки: начните список с первой страницы.');
}

function toSummary(row: PageRow): CallSummary {
  return {
    id: row.id,
    externalId: row.external_id,
    source: row.source,
    startedAt: readOptionalTimestamp(row.started_at),
    durationSec: row.duration_sec,
    direction: row.direction as Direction | null,
    manager: row.manager_id === null || row.manager_name === null ? null : { id: row.manager_id, name: row.manager_name },
    team: row.team_id === null || row.team_name === null ? null : { id: row.team_id, name: row.team_name },
    client: row.client_name === null && row.client_phone === null ? null : { name: row.client_name, phone: row.client_phone },
    turnCount: row.turn_count,
    score: row.score,
    findingCount: row.finding_count,
    noSpeech: readBool(row.no_speech),
    transcriptComplete: readBool(row.transcript_complete),
    evaluatedAt: readOptionalTimestamp(row.evaluated_at),
  };
}
