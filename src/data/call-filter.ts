import type { SelectQueryBuilder } from 'kysely';

import type { CriterionId } from '../core/model/checklist.ts';
import type { Direction } from '../core/model/transcript.ts';
import type { FindingKind } from '../core/model/evaluation.ts';
import { AppError } from '../lib/app-error.ts';
import { searchCondition } from './call-search.ts';
import type { DataContext } from './data-context.ts';
import type { DatabaseSchema } from './schema.ts';
import { readNumber } from './sql-dialect.ts';
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

export type CallsQuery = SelectQueryBuilder<DatabaseSchema, 'calls', object>;

/** Counts the calls that match the filter, and picks how the page query should apply it. */
export async function countCalls(context: DataContext, filter: CallFilter): Promise<{ total: number; pageStrategy: FilterStrategy }> {
  const counting = await countStrategy(context, filter);
  const counted = await applyFilter(context, context.db.selectFrom('calls'), filter, counting)
    .select((eb) => eb.fn.countAll().as('total'))
    .executeTakeFirstOrThrow();
  const total = readNumber(counted.total) ?? 0;

  // Few matches among many calls are found faster by collecting, unless the other filters already
  // leave few calls to check.
  const collectMax = (filter.searchLemmas?.length ?? 0) > 0 ? COLLECT_MAX_TEXT_MATCHES : COLLECT_MAX_MATCHES;
  return { total, pageStrategy: counting === 'collect' && total <= collectMax ? 'collect' : 'probe' };
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
