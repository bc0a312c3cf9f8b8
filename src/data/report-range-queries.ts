import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

import type { Evaluation, FindingKind } from '../core/model/evaluation.ts';
import { interruptedClientTurn } from '../core/transcript/interrupted-turn.ts';
import type { TurnOutline } from '../core/transcript/interrupted-turn.ts';
import { applyFilter } from './call-filter.ts';
import type { CallFilter, CallsQuery } from './call-filter.ts';
import type { DataContext } from './data-context.ts';
import { chunkRows } from './data-context.ts';
import type { OwnerFindingCount, OwnerSums, RollupScope, RollupSums } from './report-rollup.ts';
import { readJson, readNumber } from './sql-dialect.ts';

// Report aggregates read straight from the calls, for periods the daily rollup cannot answer (bounds
// that are not whole days in the database's time zone), and the queries that need single calls:
// example fragments and a day's problem calls.

export interface TimeSpan {
  start: string;
  end: string;
}

export interface FindingExample {
  callId: string;
  /** The call's start as the source gave it (`CallInfo.startedAt`), as the call page shows it. */
  callStartedAt: string | null;
  score: number | null;
  manager: { id: number; name: string } | null;
  kind: FindingKind;
  turn: number;
  startSec: number | null;
  quote: string;
  explanation: string;
  /** For an interruption, the client words the manager cut, so the fragment reads as the exchange it was. */
  interruptedClient: { turn: number; quote: string } | null;
}

export interface ProblemCall {
  id: string;
  /** The call's start as the source gave it (`CallInfo.startedAt`), as the call page shows it. */
  startedAt: string | null;
  durationSec: number | null;
  manager: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  score: number | null;
  criticalFindings: { kind: FindingKind; turn: number; quote: string }[];
}

interface SumsRow {
  calls: string | number | bigint;
  evaluated?: string | number | bigint;
  scored: string | number | bigint;
  score_sum: string | number | bigint | null;
}

/** Sums of calls per range, in the order given. */
export async function totalsInRanges(context: DataContext, scope: RollupScope, ranges: readonly TimeSpan[]): Promise<RollupSums[]> {
  const query = callsIn(context, scope, { start: ranges[0]?.start ?? '', end: ranges.at(-1)?.end ?? '' });
  const rows =
    query === null
      ? []
      : await query
          .select((eb) => [
            bucketOf(ranges).as('bucket'),
            eb.fn.countAll().as('calls'),
            eb.fn.count('calls.evaluated_at').as('evaluated'),
            eb.fn.count('calls.score').as('scored'),
            eb.fn.sum('calls.score').as('score_sum'),
          ])
          .groupBy('bucket')
          .execute();
  const byBucket = new Map(rows.map((row) => [readNumber(row.bucket), row]));
  return ranges.map((_range, index) => {
    const row = byBucket.get(index);
    return row === undefined ? { calls: 0, evaluated: 0, scored: 0, scoreSum: 0 } : sumsOf(row);
  });
}

/** Calls with each finding kind in the range, with their scores; a call counts once per kind. */
export async function findingRowsInRange(context: DataContext, scope: RollupScope, range: TimeSpan): Promise<Map<FindingKind, RollupSums>> {
  const query = callsIn(context, scope, range);
  if (query === null) {
    return new Map();
  }
  const kinds = query.innerJoin('findings', 'findings.call_id', 'calls.id').select(['calls.id', 'calls.score', 'findings.kind']).distinct().as('kinds');
  const rows = await context.db
    .selectFrom(kinds)
    .select((eb) => ['kinds.kind', eb.fn.countAll().as('calls'), eb.fn.count('kinds.score').as('scored'), eb.fn.sum('kinds.score').as('score_sum')])
    .groupBy('kinds.kind')
    .execute();
  return new Map(rows.map((row) => [row.kind as FindingKind, sumsOf(row)]));
}

/** Calls by criterion and result (`passed`, `failed`) in the range. */
export async function criterionRowsInRange(context: DataContext, scope: RollupScope, range: TimeSpan): Promise<{ criterionId: string; result: string; sums: RollupSums }[]> {
  const query = callsIn(context, scope, range);
  if (query === null) {
    return [];
  }
  const rows = await query
    .innerJoin('evaluation_criteria', 'evaluation_criteria.call_id', 'calls.id')
    .where('evaluation_criteria.result', 'in', ['passed', 'failed'])
    .select((eb) => [
      'evaluation_criteria.criterion_id',
      'evaluation_criteria.result',
      eb.fn.countAll().as('calls'),
      eb.fn.count('calls.score').as('scored'),
      eb.fn.sum('calls.score').as('score_sum'),
    ])
    .groupBy(['evaluation_criteria.criterion_id', 'evaluation_criteria.result'])
    .execute();
  return rows.map((row) => ({ criterionId: row.criterion_id, result: row.result, sums: sumsOf(row) }));
}

/** Sums per manager and team pair in the range (key 0 for calls without one). */
export async function ownerTotalsInRange(context: DataContext, scope: RollupScope, range: TimeSpan): Promise<OwnerSums[]> {
  const query = callsIn(context, scope, range);
  if (query === null) {
    return [];
  }
  const rows = await query
    .select((eb) => [
      MANAGER_KEY.as('manager_key'),
      TEAM_KEY.as('team_key'),
      eb.fn.countAll().as('calls'),
      eb.fn.count('calls.evaluated_at').as('evaluated'),
      eb.fn.count('calls.score').as('scored'),
      eb.fn.sum('calls.score').as('score_sum'),
    ])
    // By the expressions: `calls.manager_key` is a column (the folded name), which a bare name would group by.
    .groupBy([MANAGER_KEY, TEAM_KEY])
    .execute();
  return rows.map((row) => ({ managerKey: readNumber(row.manager_key) ?? 0, teamKey: readNumber(row.team_key) ?? 0, sums: sumsOf(row) }));
}

/** Calls with each finding kind per manager and team pair in the range. */
export async function ownerFindingsInRange(context: DataContext, scope: RollupScope, range: TimeSpan): Promise<OwnerFindingCount[]> {
  const query = callsIn(context, scope, range);
  if (query === null) {
    return [];
  }
  const kinds = query
    .innerJoin('findings', 'findings.call_id', 'calls.id')
    .select([MANAGER_KEY.as('manager_key'), TEAM_KEY.as('team_key'), 'calls.id', 'findings.kind'])
    .distinct()
    .as('kinds');
  const rows = await context.db
    .selectFrom(kinds)
    .select((eb) => ['kinds.manager_key', 'kinds.team_key', 'kinds.kind', eb.fn.countAll().as('calls')])
    .groupBy(['kinds.manager_key', 'kinds.team_key', 'kinds.kind'])
    .execute();
  return rows.map((row) => ({ managerKey: readNumber(row.manager_key) ?? 0, teamKey: readNumber(row.team_key) ?? 0, kind: row.kind as FindingKind, calls: readNumber(row.calls) ?? 0 }));
}

/** Calls read per step when walking back from the newest call for example findings. */
const EXAMPLE_WALK_BATCH = 500;
/** Steps of the walk before the kinds still missing examples are looked up one by one. */
const EXAMPLE_WALK_STEPS = 4;

/**
 * Lists the latest findings of each kind in the range, up to `perKind` of each, the newest call first.
 * It walks back from the newest call a batch at a time and reads the batch's findings, which fills the
 * common kinds within the first few hundred calls. Kinds still short after a few batches are rare, so
 * each is then looked up through the findings' kind index.
 */
export async function findingExamples(context: DataContext, scope: RollupScope, range: TimeSpan, kinds: readonly FindingKind[], perKind: number): Promise<FindingExample[]> {
  const found = new Map<FindingKind, FindingExample[]>(kinds.map((kind) => [kind, []]));
  const missing = (): FindingKind[] => kinds.filter((kind) => (found.get(kind)?.length ?? 0) < perKind);
  let cursor: WalkCursor | null = null;
  let exhausted = false;
  for (let step = 0; step < EXAMPLE_WALK_STEPS && missing().length > 0 && !exhausted; step++) {
    const batch = await newestCalls(context, scope, range, cursor, EXAMPLE_WALK_BATCH);
    exhausted = batch.length < EXAMPLE_WALK_BATCH;
    const last = batch.at(-1);
    if (last === undefined) {
      break;
    }
    cursor = { startedAt: last.started_at, seq: last.seq };
    for (const example of await exampleRows(context, batch.map((call) => call.id), missing())) {
      const list = found.get(example.kind);
      if (list !== undefined && list.length < perKind) {
        list.push(example);
      }
    }
  }
  if (!exhausted) {
    for (const kind of missing()) {
      found.set(kind, await latestOfKind(context, scope, range, kind, perKind));
    }
  }
  return withInterruptedClients(context, kinds.flatMap((kind) => found.get(kind) ?? []));
}

/** Fills `interruptedClient` of the interruption examples from the turns before each cut. */
async function withInterruptedClients(context: DataContext, examples: FindingExample[]): Promise<FindingExample[]> {
  const cuts = examples.filter((example) => example.kind === 'interruption');
  if (cuts.length === 0) {
    return examples;
  }
  const rows = await context.db
    .selectFrom('turns')
    .where((eb) => eb.or(cuts.map((cut) => eb.and([eb('turns.call_id', '=', cut.callId), eb('turns.idx', '<=', cut.turn)]))))
    .select(['turns.call_id', 'turns.idx', 'turns.role', 'turns.text', 'turns.overlaps_turn'])
    .execute();
  const turnsByCall = new Map<string, TurnOutline[]>();
  for (const row of rows) {
    const turns = turnsByCall.get(row.call_id) ?? [];
    turns[row.idx] = { role: row.role as TurnOutline['role'], text: row.text, overlapsTurn: row.overlaps_turn };
    turnsByCall.set(row.call_id, turns);
  }
  for (const cut of cuts) {
    const client = interruptedClientTurn(turnsByCall.get(cut.callId) ?? [], cut.turn);
    cut.interruptedClient = client === null ? null : { turn: client.index, quote: client.text };
  }
  return examples;
}

interface WalkCursor {
  startedAt: string | Date | null;
  seq: number;
}

/** Reads the next calls of the walk back in time, after `cursor`, the newest first. */
async function newestCalls(context: DataContext, scope: RollupScope, range: TimeSpan, cursor: WalkCursor | null, limit: number) {
  let query = callsIn(context, scope, range);
  if (query === null) {
    return [];
  }
  if (cursor !== null) {
    const { startedAt, seq } = cursor;
    query = query.where((eb) => eb(eb.refTuple('calls.started_at', 'calls.seq'), '<', eb.tuple(startedAt as string, seq)));
  }
  return query.select(['calls.id', 'calls.seq', 'calls.started_at']).orderBy('calls.started_at', (order) => order.desc().nullsLast()).orderBy('calls.seq', 'desc').limit(limit).execute();
}

/** Reads the latest findings of one rare kind in the range, found through the calls that have it. */
async function latestOfKind(context: DataContext, scope: RollupScope, range: TimeSpan, kind: FindingKind, limit: number): Promise<FindingExample[]> {
  const query = callsIn(context, scope, range);
  if (query === null) {
    return [];
  }
  const calls = await query
    .where((eb) => eb.exists(eb.selectFrom('findings').select('findings.call_id').whereRef('findings.call_id', '=', 'calls.id').where('findings.kind', '=', kind)))
    .select('calls.id')
    .orderBy('calls.started_at', (order) => order.desc().nullsLast())
    .orderBy('calls.seq', 'desc')
    .limit(limit)
    .execute();
  return (await exampleRows(context, calls.map((call) => call.id), [kind])).slice(0, limit);
}

/** Findings of the given kinds on the given calls, in the order of the calls, then of the findings. */
async function exampleRows(context: DataContext, callIds: readonly string[], kinds: readonly FindingKind[]): Promise<FindingExample[]> {
  if (callIds.length === 0 || kinds.length === 0) {
    return [];
  }
  const rows = await context.db
    .selectFrom('findings')
    .innerJoin('calls', 'calls.id', 'findings.call_id')
    .leftJoin('managers', 'managers.id', 'calls.manager_id')
    .where('findings.call_id', 'in', callIds)
    .where('findings.kind', 'in', kinds)
    .select([
      'calls.id as call_id',
      'calls.started_at_source',
      'calls.score',
      'calls.manager_id',
      'managers.name as manager_name',
      'findings.kind',
      'findings.turn',
      'findings.start_sec',
      'findings.quote',
      'findings.explanation',
      'findings.position',
    ])
    .execute();
  const order = new Map(callIds.map((id, index) => [id, index]));
  rows.sort((left, right) => (order.get(left.call_id) ?? 0) - (order.get(right.call_id) ?? 0) || left.position - right.position);
  return rows.map((row) => ({
    callId: row.call_id,
    callStartedAt: row.started_at_source,
    score: row.score,
    manager: row.manager_id === null || row.manager_name === null ? null : { id: row.manager_id, name: row.manager_name },
    kind: row.kind as FindingKind,
    turn: row.turn,
    startSec: row.start_sec,
    quote: row.quote,
    explanation: row.explanation,
    interruptedClient: null,
  }));
}

/**
 * Lists the latest calls in the range that failed the criterion, with the engine's evaluation of each,
 * up to `limit`. The verdict's evidence comes from the evaluation, because the criteria rows lack it.
 */
export async function failedCriterionCalls(
  context: DataContext,
  scope: RollupScope,
  range: TimeSpan,
  criterionId: string,
  limit: number,
): Promise<{ callId: string; startedAt: string | null; evaluation: Evaluation }[]> {
  const query = callsIn(context, scope, range);
  if (query === null) {
    return [];
  }
  const rows = await query
    .innerJoin('evaluation_criteria', 'evaluation_criteria.call_id', 'calls.id')
    .innerJoin('evaluations', 'evaluations.id', 'evaluation_criteria.evaluation_id')
    .where('evaluation_criteria.criterion_id', '=', criterionId)
    .where('evaluation_criteria.result', '=', 'failed')
    .select(['calls.id', 'calls.started_at_source', 'evaluations.result'])
    .orderBy('calls.started_at', (order) => order.desc().nullsLast())
    .orderBy('calls.seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ callId: row.id, startedAt: row.started_at_source, evaluation: readJson(row.result) as Evaluation }));
}

/** Lists calls of the range scoring below `threshold` or with a critical finding, the lowest score first, with their critical findings. */
export async function problemCalls(context: DataContext, scope: RollupScope, range: TimeSpan, threshold: number, limit: number): Promise<ProblemCall[]> {
  const query = callsIn(context, scope, range);
  if (query === null) {
    return [];
  }
  const rows = await query
    .leftJoin('managers', 'managers.id', 'calls.manager_id')
    .leftJoin('teams', 'teams.id', 'calls.team_id')
    .where((eb) =>
      eb.or([
        eb('calls.score', '<', threshold),
        eb.exists(eb.selectFrom('findings').select('findings.call_id').whereRef('findings.call_id', '=', 'calls.id').where('findings.severity', '=', 'critical')),
      ]),
    )
    .select(['calls.id', 'calls.started_at_source', 'calls.duration_sec', 'calls.manager_id', 'managers.name as manager_name', 'calls.team_id', 'teams.name as team_name', 'calls.score'])
    .orderBy('calls.score', (order) => order.asc().nullsLast())
    .orderBy('calls.started_at', (order) => order.desc().nullsLast())
    .orderBy('calls.seq', 'desc')
    .limit(limit)
    .execute();

  const critical = new Map<string, ProblemCall['criticalFindings']>();
  for (const chunk of chunkRows(rows.map((row) => row.id), 1)) {
    const findings = await context.db
      .selectFrom('findings')
      .select(['call_id', 'kind', 'turn', 'quote'])
      .where('call_id', 'in', chunk)
      .where('severity', '=', 'critical')
      .orderBy('call_id')
      .orderBy('position')
      .execute();
    for (const finding of findings) {
      const list = critical.get(finding.call_id) ?? [];
      list.push({ kind: finding.kind as FindingKind, turn: finding.turn, quote: finding.quote });
      critical.set(finding.call_id, list);
    }
  }
  return rows.map((row) => ({
    id: row.id,
    startedAt: row.started_at_source,
    durationSec: row.duration_sec,
    manager: row.manager_id === null || row.manager_name === null ? null : { id: row.manager_id, name: row.manager_name },
    team: row.team_id === null || row.team_name === null ? null : { id: row.team_id, name: row.team_name },
    score: row.score,
    criticalFindings: critical.get(row.id) ?? [],
  }));
}

/**
 * Selects the calls of the scope that started in the range, or returns null when the scope names an
 * empty list, because a `CallFilter` reads an empty list as "no filter" and a scope as "nothing".
 */
function callsIn(context: DataContext, scope: RollupScope, range: TimeSpan): CallsQuery | null {
  if (scope.managerIds?.length === 0 || scope.teamIds?.length === 0) {
    return null;
  }
  const filter: CallFilter = { startedFrom: range.start, startedTo: range.end };
  if (scope.managerIds !== undefined) filter.managerIds = scope.managerIds;
  if (scope.teamIds !== undefined) filter.teamIds = scope.teamIds;
  return applyFilter(context, context.db.selectFrom('calls'), filter);
}

/** Builds the index of the range a call's start falls in. The ranges are consecutive, so each arm checks only the end. */
function bucketOf(ranges: readonly TimeSpan[]): RawBuilder<number> {
  const arms = ranges.map((range, index) => sql`when calls.started_at < ${range.end} then ${sql.lit(index)}`);
  return sql<number>`case ${sql.join(arms, sql` `)} end`;
}

const MANAGER_KEY = sql<number>`coalesce(calls.manager_id, 0)`;
const TEAM_KEY = sql<number>`coalesce(calls.team_id, 0)`;

function sumsOf(row: SumsRow): RollupSums {
  const calls = readNumber(row.calls) ?? 0;
  return { calls, evaluated: row.evaluated === undefined ? calls : (readNumber(row.evaluated) ?? 0), scored: readNumber(row.scored) ?? 0, scoreSum: readNumber(row.score_sum) ?? 0 };
}
