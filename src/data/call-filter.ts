import { sql } from 'kysely';
import type { SelectQueryBuilder } from 'kysely';

import type { CriterionId } from '../core/model/checklist.ts';
import type { Direction } from '../core/model/transcript.ts';
import type { FindingKind } from '../core/model/evaluation.ts';
import { AppError } from '../lib/app-error.ts';
import { reversedPeriodMessage } from '../lib/period-message.ts';
import { countSearchMatches, countSearchMatchesWithin, searchCondition } from './call-search.ts';
import type { SearchTerms, SearchWord } from './call-search.ts';
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
  /** Words from `buildSearchLemmas`; a call matches when its text contains every one (any of a word's lemmas). */
  searchLemmas?: readonly SearchWord[];
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

/**
 * The same limit when a manager or team filter leaves the calls: the ids of their calls come from an
 * index alone (`calls_manager_started_id`, `calls_team_started_id`), so each check costs about 1 µs on SQLite.
 */
const PROBE_OWNER_COUNT_MAX_CALLS = 50_000;

/**
 * A text filter is counted by `lookup` when the other filters (for example one manager) leave at most
 * this many calls. On SQLite the count reads the full-text matches in row order and checks each against
 * the set of those calls, and stops at the count limit. On PostgreSQL it counts as `collect`. Reading
 * the `calls` row of each full-text match instead made a count within one manager take 2 s on SQLite at
 * 1,000,000 synthetic calls, for a word in two thirds of them (bench/data-list.ts). Checking each call
 * against the full-text index cost about 0.1 ms a call for a query of three words.
 */
const LOOKUP_TEXT_MAX_CALLS = 50_000;

/**
 * After a `lookup` count, a page walks the sort index and checks each call against the full-text index
 * when at least this share of the walked calls match, so a page needs at most about 20 checks a row.
 */
const PROBE_TEXT_MIN_SHARE = 0.05;

/**
 * How a query applies finding, criterion and text filters. `collect` finds all matching calls first.
 * `probe` checks call by call as it walks an index of `calls`. `lookup` walks the index of the other
 * filters and checks each call against the whole set of text matches (on PostgreSQL, as `collect`).
 * Its count on SQLite is `countSearchMatchesWithin`.
 */
export type FilterStrategy = 'collect' | 'probe' | 'lookup';

export type CallsQuery = SelectQueryBuilder<DatabaseSchema, 'calls', object>;

export interface CallCount {
  /** Matching calls, or `maxTotal` when more match. */
  total: number;
  /** True when more than `maxTotal` calls match. */
  capped: boolean;
  pageStrategy: FilterStrategy;
}

/**
 * Counts the calls that match the filter, and picks how the page query should apply it. With
 * `maxTotal`, counting stops after `maxTotal + 1` matches, so its cost no longer grows with the number
 * of matching calls.
 */
export async function countCalls(context: DataContext, filter: CallFilter, maxTotal?: number): Promise<CallCount> {
  const { strategy: counting, narrowedCalls } = await countStrategy(context, filter);
  const limit = maxTotal === undefined ? undefined : maxTotal + 1;
  let matches = await countMatchRows(context, filter, limit);
  if (matches === null && counting === 'lookup' && context.dialect.isSqlite) {
    // The full-text matches drive the count and are checked against the calls the other filters leave.
    const others: CallFilter = { ...filter, searchLemmas: [] };
    const within = applyFilter(context, context.db.selectFrom('calls'), others, 'probe').select('calls.seq');
    matches = await countSearchMatchesWithin(context, searchTerms(context, filter), within, limit);
  }
  if (matches === null) {
    const matching = applyFilter(context, context.db.selectFrom('calls'), filter, counting);
    const counted =
      maxTotal === undefined
        ? await matching.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()
        : await context.db
            .selectFrom(matching.select(sql.lit(1).as('one')).limit(maxTotal + 1).as('matching'))
            .select((eb) => eb.fn.countAll().as('total'))
            .executeTakeFirstOrThrow();
    matches = readNumber(counted.total) ?? 0;
  }
  const capped = maxTotal !== undefined && matches > maxTotal;
  const total = capped ? maxTotal : matches;

  if (counting === 'lookup') {
    return { total, capped, pageStrategy: total >= PROBE_TEXT_MIN_SHARE * narrowedCalls ? 'probe' : 'lookup' };
  }
  // Few matches among many calls are found faster by collecting, unless the other filters already
  // leave few calls to check. A capped count means many matches.
  const collectMax = (filter.searchLemmas?.length ?? 0) > 0 ? COLLECT_MAX_TEXT_MATCHES : COLLECT_MAX_MATCHES;
  return { total, capped, pageStrategy: counting === 'collect' && !capped && total <= collectMax ? 'collect' : 'probe' };
}

/**
 * Counts, up to `limit`, the calls of a filter whose only condition is finding kinds, failed criteria or
 * text, from that table alone; returns null for any other filter. Each row of those tables belongs to a
 * stored call (by foreign key, and SQLite's full-text index by the call repository), so the count skips
 * `calls`. PostgreSQL otherwise merged the findings with every call's key: at 100,000 calls it took
 * 164 ms against a few for the findings alone.
 */
async function countMatchRows(context: DataContext, filter: CallFilter, limit: number | undefined): Promise<number | null> {
  // With owner tokens, the full-text index answers a text search within managers and teams alone.
  const carried = context.searchOwners === true && (filter.searchLemmas?.length ?? 0) > 0 ? new Set(['managerIds', 'teamIds']) : new Set<string>();
  const conditions = Object.entries(filter).filter(([name, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0) && !carried.has(name));
  const [condition] = conditions;
  if (conditions.length !== 1 || condition === undefined) {
    return null;
  }
  const { findingKinds = [], failedCriteria = [] } = filter;
  const limited = <Query extends { limit(count: number): Query }>(query: Query) => (limit === undefined ? query : query.limit(limit));
  let rows;
  switch (condition[0]) {
    case 'searchLemmas':
      return countSearchMatches(context, searchTerms(context, filter), limit);
    case 'findingKinds':
      rows = limited(context.db.selectFrom('findings').select('findings.call_id').distinct().where('findings.kind', 'in', findingKinds));
      break;
    case 'failedCriteria':
      rows = limited(
        context.db
          .selectFrom('evaluation_criteria')
          .select('evaluation_criteria.call_id')
          .distinct()
          .where('evaluation_criteria.criterion_id', 'in', failedCriteria)
          .where('evaluation_criteria.result', '=', 'failed'),
      );
      break;
    default:
      return null;
  }
  const counted = await context.db
    .selectFrom(rows.as('matches'))
    .select((eb) => eb.fn.countAll().as('total'))
    .executeTakeFirstOrThrow();
  return readNumber(counted.total) ?? 0;
}

/**
 * Picks how to count: by checking the calls left by the other filters when few are left, else by
 * collecting. A text filter is then looked up in the set of its matches, because checking a call
 * against the full-text index costs far more than checking its findings. Returns the calls the other
 * filters leave, when counted (up to the limit), else 0.
 */
async function countStrategy(context: DataContext, filter: CallFilter): Promise<{ strategy: FilterStrategy; narrowedCalls: number }> {
  const { findingKinds = [], failedCriteria = [], searchLemmas = [], ...callFilter } = filter;
  const narrowed =
    callFilter.startedFrom !== undefined ||
    callFilter.startedTo !== undefined ||
    (callFilter.managerIds?.length ?? 0) > 0 ||
    (callFilter.teamIds?.length ?? 0) > 0;
  if (findingKinds.length + failedCriteria.length + searchLemmas.length === 0 || !narrowed) {
    return { strategy: 'collect', narrowedCalls: 0 };
  }
  const text = searchLemmas.length > 0;
  const byOwner = (callFilter.managerIds?.length ?? 0) > 0 || (callFilter.teamIds?.length ?? 0) > 0;
  let walkMax = PROBE_COUNT_MAX_CALLS;
  if (text) {
    walkMax = LOOKUP_TEXT_MAX_CALLS;
  } else if (byOwner) {
    walkMax = PROBE_OWNER_COUNT_MAX_CALLS;
  }
  // Counting stops past the limit, so a wide date range does not count all its calls.
  const counted = await context.db
    .selectFrom(applyFilter(context, context.db.selectFrom('calls'), callFilter).select(sql.lit(1).as('one')).limit(walkMax + 1).as('narrowed'))
    .select((eb) => eb.fn.countAll().as('total'))
    .executeTakeFirstOrThrow();
  const narrowedCalls = readNumber(counted.total) ?? 0;
  if (narrowedCalls > walkMax) {
    return { strategy: 'collect', narrowedCalls };
  }
  return { strategy: text ? 'lookup' : 'probe', narrowedCalls };
}

/**
 * Adds the filter's conditions to a query on `calls`. `strategy` is how subquery filters are written;
 * unless it is `collect` and when the page is not sorted by score, SQLite also checks the score range
 * call by call.
 */
export function applyFilter(context: DataContext, query: CallsQuery, filter: CallFilter, strategy: FilterStrategy = 'collect', sortedByScore = false): CallsQuery {
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
  // SQLite has no statistics on how many calls a score range holds, and reads every call in the range
  // through the score index and sorts them, even when a wide range fills a page from the first calls of
  // the sort index: 220 ms against 10 ms for 22,000 of 100,000 synthetic calls (bench/generate-calls.ts).
  // A unary plus keeps it off the score index. PostgreSQL chooses by its statistics.
  const score = strategy !== 'collect' && !sortedByScore && context.dialect.isSqlite ? sql<number>`+calls.score` : sql.ref<number>('calls.score');
  if (filter.scoreMin !== undefined) {
    result = result.where(score, '>=', filter.scoreMin);
  }
  if (filter.scoreMax !== undefined) {
    result = result.where(score, '<=', filter.scoreMax);
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
  if ((filter.searchLemmas?.length ?? 0) > 0) {
    result = result.where(searchCondition(context, searchTerms(context, filter), strategy));
  }
  return result;
}

/** The filter's search, with its managers and teams as owner tokens when the context allows them. */
function searchTerms(context: DataContext, filter: CallFilter): SearchTerms {
  const lemmas = filter.searchLemmas ?? [];
  return context.searchOwners === true ? { lemmas, owners: { managerIds: filter.managerIds, teamIds: filter.teamIds } } : { lemmas };
}

/** Rejects a filter whose period ends before it starts, with the message the reports give. */
export function checkPeriod(filter: CallFilter, timeZone: string): void {
  if (filter.startedFrom === undefined || filter.startedTo === undefined) {
    return;
  }
  if (filterInstant(filter.startedFrom, timeZone) >= filterInstant(filter.startedTo, timeZone)) {
    throw new AppError('INVALID_INPUT', reversedPeriodMessage(filter.startedFrom, filter.startedTo));
  }
}

function filterInstant(value: string, timeZone: string): string {
  const instant = toInstant(value, timeZone);
  if (instant === null) {
    throw new AppError('INVALID_INPUT', `Дата «${value}» не распознана: укажите дату в формате ГГГГ-ММ-ДД или время ISO 8601.`);
  }
  return instant;
}
