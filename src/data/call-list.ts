import type { ExpressionBuilder } from 'kysely';

import type { Direction } from '../core/model/transcript.ts';
import { AppError } from '../lib/app-error.ts';
import { applyFilter, checkPeriod, countCalls } from './call-filter.ts';
import { ownerTokensReady } from './call-search.ts';
import type { CallFilter, CallsQuery, FilterStrategy } from './call-filter.ts';
import type { DataContext } from './data-context.ts';
import type { DatabaseSchema } from './schema.ts';
import { readBool, readJson, readOptionalTimestamp } from './sql-dialect.ts';
import type { FailedCriterionBrief } from './failed-criteria.ts';
import type { FindingBrief } from './worst-findings.ts';

export type { CallFilter } from './call-filter.ts';

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
  /**
   * Count at most this many matching calls: when more match, `total` is this number and `totalCapped`
   * is true. Without it the count is exact, however many calls match.
   */
  maxTotal?: number;
}

export interface CallSummary {
  id: string;
  externalId: string | null;
  source: string;
  /** The call's start as a UTC instant. */
  startedAt: string | null;
  /** The call's start as the source gave it: ISO 8601 with an offset, a local time or a bare date. */
  startedAtSource: string | null;
  durationSec: number | null;
  direction: Direction | null;
  manager: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  client: { name: string | null; phone: string | null } | null;
  turnCount: number;
  score: number | null;
  findingCount: number | null;
  /** The current evaluation's worst findings (`WORST_FINDINGS_PER_CALL`), or null when not evaluated. */
  worstFindings: FindingBrief[] | null;
  /** The current evaluation's failed criteria (`FAILED_CRITERIA_PER_CALL`, critical first), or null when not evaluated. */
  failedCriteria: FailedCriterionBrief[] | null;
  noSpeech: boolean | null;
  transcriptComplete: boolean | null;
  evaluatedAt: string | null;
}

export interface CallPage {
  items: CallSummary[];
  /** Calls matching the filter, or null when `withTotal` was false. */
  total: number | null;
  /** True when more than `maxTotal` calls match, so `total` is only a lower bound. */
  totalCapped: boolean;
  /** Cursor of the next page, or null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;

export const MAX_PAGE_SIZE = 500;

const SORT_COLUMNS = {
  startedAt: 'calls.started_at',
  score: 'calls.score',
  duration: 'calls.duration_sec',
  manager: 'calls.manager_key',
} as const;

type SortValue = string | number | null;

interface Cursor {
  value: SortValue;
  seq: number;
}

export async function callPage(baseContext: DataContext, filter: CallFilter, sort: CallSort, page: PageRequest): Promise<CallPage> {
  checkPeriod(filter, baseContext.timeZone);
  const owned = (filter.searchLemmas?.length ?? 0) > 0 && ((filter.managerIds?.length ?? 0) > 0 || (filter.teamIds?.length ?? 0) > 0);
  const context = owned && (await ownerTokensReady(baseContext)) ? { ...baseContext, searchOwners: true } : baseContext;
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new AppError('INVALID_INPUT', `Размер страницы ${limit} вне допустимого диапазона: укажите от 1 до ${MAX_PAGE_SIZE}.`);
  }
  if (page.offset !== undefined && (!Number.isInteger(page.offset) || page.offset < 0)) {
    throw new AppError('INVALID_INPUT', `Смещение ${page.offset} недопустимо: укажите целое число от 0.`);
  }
  if (page.offset !== undefined && page.cursor !== undefined) {
    throw new AppError('INVALID_INPUT', 'Укажите либо курсор страницы, либо смещение, но не оба сразу.');
  }

  const cursor = page.cursor === undefined ? undefined : decodeCursor(page.cursor, sort);

  if (page.maxTotal !== undefined && (!Number.isInteger(page.maxTotal) || page.maxTotal < 1)) {
    throw new AppError('INVALID_INPUT', `Предел подсчёта ${page.maxTotal} недопустим: укажите целое число от 1.`);
  }

  let total: number | null = null;
  let totalCapped = false;
  let strategy: FilterStrategy = 'probe';
  if (page.withTotal ?? true) {
    ({ total, capped: totalCapped, pageStrategy: strategy } = await countCalls(context, filter, page.maxTotal));
  }

  const filtered = applyFilter(context, context.db.selectFrom('calls'), filter, strategy, sort.field === 'score');
  const rows = await fetchRows(filtered, sort, cursor, limit + 1, page.offset ?? 0);

  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(sort, { value: sortValue(last, sort), seq: last.seq }) : null;
  return { items: items.map(toSummary), total, totalCapped, nextCursor };
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
      'calls.started_at_source',
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
      'calls.worst_findings',
      'calls.failed_criteria',
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
  throw new AppError('INVALID_INPUT', 'Курсор страницы недействителен или получен для другой сортировки: начните список с первой страницы.');
}

function toSummary(row: PageRow): CallSummary {
  return {
    id: row.id,
    externalId: row.external_id,
    source: row.source,
    startedAt: readOptionalTimestamp(row.started_at),
    startedAtSource: row.started_at_source,
    durationSec: row.duration_sec,
    direction: row.direction as Direction | null,
    manager: row.manager_id === null || row.manager_name === null ? null : { id: row.manager_id, name: row.manager_name },
    team: row.team_id === null || row.team_name === null ? null : { id: row.team_id, name: row.team_name },
    client: row.client_name === null && row.client_phone === null ? null : { name: row.client_name, phone: row.client_phone },
    turnCount: row.turn_count,
    score: row.score,
    findingCount: row.finding_count,
    worstFindings: row.worst_findings === null ? null : (readJson(row.worst_findings) as FindingBrief[]),
    failedCriteria: row.failed_criteria === null ? null : (readJson(row.failed_criteria) as FailedCriterionBrief[]),
    noSpeech: readBool(row.no_speech),
    transcriptComplete: readBool(row.transcript_complete),
    evaluatedAt: readOptionalTimestamp(row.evaluated_at),
  };
}
