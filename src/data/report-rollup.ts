import { sql } from 'kysely';
import type { Kysely, RawBuilder, SqlBool } from 'kysely';

import type { FindingKind } from '../core/model/evaluation.ts';
import type { DataContext } from './data-context.ts';
import type { DatabaseSchema } from './schema.ts';
import { readNumber } from './sql-dialect.ts';
import { toInstant } from './time.ts';

/** Local dates `[from, to)` in the database's time zone, both `YYYY-MM-DD`. */
export interface DaySpan {
  from: string;
  to: string;
}

/** Managers and teams a rollup query covers; an absent list covers all. */
export interface RollupScope {
  managerIds?: readonly number[];
  teamIds?: readonly number[];
}

/** Sums of the calls of one manager and team pair; key 0 stands for calls without one. */
export interface OwnerSums {
  managerKey: number;
  teamKey: number;
  sums: RollupSums;
}

/** Calls of one manager and team pair with a finding kind. */
export interface OwnerFindingCount {
  managerKey: number;
  teamKey: number;
  kind: FindingKind;
  calls: number;
}

export interface RollupSums {
  calls: number;
  evaluated: number;
  scored: number;
  scoreSum: number;
}

/** Local days rebuilt in one transaction. */
const DAYS_PER_BATCH = 31;

/**
 * Daily report rollups: the calls of each local day, manager and team, with findings and criterion
 * results. Triggers on `calls` mark changed UTC dates, and `refresh` rebuilds the local days they touch,
 * so any query after a refresh sees every committed write. A 30-day report then sums a few thousand
 * rollup rows instead of joining every call of the period with its findings.
 */
export class ReportRollup {
  constructor(private readonly context: DataContext) {}

  /** Rebuilds the days marked changed. A change of the database's time zone rebuilds every day. */
  async refresh(): Promise<void> {
    await this.checkTimeZone();
    for (;;) {
      const marked = await this.context.db.selectFrom('report_dirty_days').select('day').orderBy('day').limit(DAYS_PER_BATCH).execute();
      if (marked.length === 0) {
        return;
      }
      await this.context.db.transaction().execute(async (trx) => {
        await this.lockRefresh(trx);
        const utcDays = marked.map((row) => row.day);
        await trx.deleteFrom('report_dirty_days').where('day', 'in', utcDays).execute();
        for (const day of localDaysOf(utcDays, this.context.timeZone)) {
          await this.rebuildDay(trx, day);
        }
      });
    }
  }

  /** Sums of calls per span, in the order given. */
  async totals(scope: RollupScope, spans: readonly DaySpan[]): Promise<RollupSums[]> {
    // Grouped by day and put in spans here: grouping by a computed span made SQLite sort every row.
    const rows = await this.context.db
      .selectFrom('report_days')
      .where(inScope(scope, spans))
      .select((eb) => ['day', eb.fn.sum<number>('calls').as('calls'), eb.fn.sum<number>('evaluated').as('evaluated'), eb.fn.sum<number>('scored').as('scored'), eb.fn.sum<number>('score_sum').as('score_sum')])
      .groupBy('day')
      .execute();
    const result = spans.map(() => ({ calls: 0, evaluated: 0, scored: 0, scoreSum: 0 }));
    for (const row of rows) {
      const sums = result[spanIndexOf(spans, row.day)];
      if (sums !== undefined) {
        sums.calls += readNumber(row.calls) ?? 0;
        sums.evaluated += readNumber(row.evaluated) ?? 0;
        sums.scored += readNumber(row.scored) ?? 0;
        sums.scoreSum += readNumber(row.score_sum) ?? 0;
      }
    }
    return result;
  }

  /** Calls with each finding kind per span, with their scores. */
  async findingSums(scope: RollupScope, spans: readonly DaySpan[]): Promise<Map<FindingKind, RollupSums>[]> {
    const rows = await this.context.db
      .selectFrom('report_day_findings')
      .where(inScope(scope, spans))
      .select((eb) => ['day', 'kind', eb.fn.sum<number>('calls').as('calls'), eb.fn.sum<number>('scored').as('scored'), eb.fn.sum<number>('score_sum').as('score_sum')])
      .groupBy(['day', 'kind'])
      .execute();
    const result = spans.map(() => new Map<FindingKind, RollupSums>());
    for (const row of rows) {
      const byKind = result[spanIndexOf(spans, row.day)];
      if (byKind === undefined) {
        continue;
      }
      const sums = byKind.get(row.kind as FindingKind) ?? { calls: 0, evaluated: 0, scored: 0, scoreSum: 0 };
      const calls = readNumber(row.calls) ?? 0;
      sums.calls += calls;
      sums.evaluated += calls;
      sums.scored += readNumber(row.scored) ?? 0;
      sums.scoreSum += readNumber(row.score_sum) ?? 0;
      byKind.set(row.kind as FindingKind, sums);
    }
    return result;
  }

  /** Calls by criterion and result (`passed`, `failed`) over the span. */
  async criterionSums(scope: RollupScope, span: DaySpan): Promise<{ criterionId: string; result: string; sums: RollupSums }[]> {
    const rows = await this.context.db.selectFrom('report_day_criteria').where(inScope(scope, [span]))
      .where('result', 'in', ['passed', 'failed'])
      .select((eb) => ['criterion_id', 'result', eb.fn.sum<number>('calls').as('calls'), eb.fn.sum<number>('scored').as('scored'), eb.fn.sum<number>('score_sum').as('score_sum')])
      .groupBy(['criterion_id', 'result'])
      .execute();
    return rows.map((row) => {
      const calls = readNumber(row.calls) ?? 0;
      return { criterionId: row.criterion_id, result: row.result, sums: { calls, evaluated: calls, scored: readNumber(row.scored) ?? 0, scoreSum: readNumber(row.score_sum) ?? 0 } };
    });
  }

  /** Sums per manager and team pair over the span (key 0 for calls without one). */
  async ownerTotals(scope: RollupScope, span: DaySpan): Promise<OwnerSums[]> {
    const rows = await this.context.db.selectFrom('report_days').where(inScope(scope, [span]))
      .select((eb) => [
        'manager_key',
        'team_key',
        eb.fn.sum<number>('calls').as('calls'),
        eb.fn.sum<number>('evaluated').as('evaluated'),
        eb.fn.sum<number>('scored').as('scored'),
        eb.fn.sum<number>('score_sum').as('score_sum'),
      ])
      .groupBy(['manager_key', 'team_key'])
      .execute();
    return rows.map((row) => ({
      managerKey: row.manager_key,
      teamKey: row.team_key,
      sums: { calls: readNumber(row.calls) ?? 0, evaluated: readNumber(row.evaluated) ?? 0, scored: readNumber(row.scored) ?? 0, scoreSum: readNumber(row.score_sum) ?? 0 },
    }));
  }

  /** Calls with each finding kind per manager and team pair over the span. */
  async ownerFindings(scope: RollupScope, span: DaySpan): Promise<OwnerFindingCount[]> {
    const rows = await this.context.db.selectFrom('report_day_findings').where(inScope(scope, [span]))
      .select((eb) => ['manager_key', 'team_key', 'kind', eb.fn.sum<number>('calls').as('calls')])
      .groupBy(['manager_key', 'team_key', 'kind'])
      .execute();
    return rows.map((row) => ({ managerKey: row.manager_key, teamKey: row.team_key, kind: row.kind as FindingKind, calls: readNumber(row.calls) ?? 0 }));
  }

  private async rebuildDay(trx: Kysely<DatabaseSchema>, day: string): Promise<void> {
    const start = toInstant(day, this.context.timeZone);
    const end = toInstant(nextDate(day), this.context.timeZone);
    if (start === null || end === null) {
      return;
    }
    for (const table of ['report_days', 'report_day_findings', 'report_day_criteria'] as const) {
      await trx.deleteFrom(table).where('day', '=', day).execute();
    }
    const inDay = sql`c.started_at >= ${start} and c.started_at < ${end}`;
    await sql`insert into report_days (day, manager_key, team_key, calls, evaluated, scored, score_sum)
      select ${day}, coalesce(c.manager_id, 0), coalesce(c.team_id, 0), count(*), count(c.evaluated_at), count(c.score), coalesce(sum(c.score), 0)
      from calls c where ${inDay}
      group by coalesce(c.manager_id, 0), coalesce(c.team_id, 0)`.execute(trx);
    // A call with two findings of one kind counts once for that kind.
    await sql`insert into report_day_findings (day, manager_key, team_key, kind, calls, scored, score_sum)
      select ${day}, k.manager_key, k.team_key, k.kind, count(*), count(k.score), coalesce(sum(k.score), 0)
      from (select distinct c.id, coalesce(c.manager_id, 0) as manager_key, coalesce(c.team_id, 0) as team_key, c.score, f.kind
            from calls c join findings f on f.call_id = c.id where ${inDay}) k
      group by k.manager_key, k.team_key, k.kind`.execute(trx);
    await sql`insert into report_day_criteria (day, manager_key, team_key, criterion_id, result, calls, scored, score_sum)
      select ${day}, coalesce(c.manager_id, 0), coalesce(c.team_id, 0), e.criterion_id, e.result, count(*), count(c.score), coalesce(sum(c.score), 0)
      from calls c join evaluation_criteria e on e.call_id = c.id where ${inDay}
      group by coalesce(c.manager_id, 0), coalesce(c.team_id, 0), e.criterion_id, e.result`.execute(trx);
  }

  /** Starts over when the rollup was built in another time zone (or never): every day is marked. */
  private async checkTimeZone(): Promise<void> {
    const { db, dialect, timeZone } = this.context;
    const stored = await db.selectFrom('report_state').select('value').where('key', '=', 'timeZone').executeTakeFirst();
    if (stored?.value === timeZone) {
      return;
    }
    await db.transaction().execute(async (trx) => {
      await this.lockRefresh(trx);
      for (const table of ['report_days', 'report_day_findings', 'report_day_criteria'] as const) {
        await trx.deleteFrom(table).execute();
      }
      const utcDay = dialect.isSqlite ? sql`substr(started_at, 1, 10)` : sql`to_char(started_at at time zone 'UTC', 'YYYY-MM-DD')`;
      await sql`insert into report_dirty_days (day) select distinct ${utcDay} from calls where started_at is not null
        on conflict (day) do nothing`.execute(trx);
      await trx
        .insertInto('report_state')
        .values({ key: 'timeZone', value: timeZone })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: timeZone }))
        .execute();
    });
  }

  /** Serialises refreshes on PostgreSQL; SQLite runs one write transaction at a time anyway. */
  private async lockRefresh(trx: Kysely<DatabaseSchema>): Promise<void> {
    if (!this.context.dialect.isSqlite) {
      await sql`select pg_advisory_xact_lock(hashtext('okk_report_rollup'))`.execute(trx);
    }
  }
}

/** Rollup rows of the scope's managers and teams within the spans as a whole; an empty list matches none. */
function inScope(scope: RollupScope, spans: readonly DaySpan[]): RawBuilder<SqlBool> {
  const conditions = [sql`day >= ${spans[0]?.from ?? ''}`, sql`day < ${spans.at(-1)?.to ?? ''}`];
  if (scope.managerIds !== undefined) {
    conditions.push(scope.managerIds.length === 0 ? sql`1 = 0` : sql`manager_key in (${sql.join(scope.managerIds)})`);
  }
  if (scope.teamIds !== undefined) {
    conditions.push(scope.teamIds.length === 0 ? sql`1 = 0` : sql`team_key in (${sql.join(scope.teamIds)})`);
  }
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

/** Finds the span a rollup day falls in; the spans are consecutive and sorted. Returns -1 for none. */
function spanIndexOf(spans: readonly DaySpan[], day: string): number {
  return spans.findIndex((span) => day >= span.from && day < span.to);
}

/** Local dates in `timeZone` that share some instant with the given UTC dates. */
export function localDaysOf(utcDays: readonly string[], timeZone: string): string[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days = new Set<string>();
  for (const day of utcDays) {
    const start = Date.parse(`${day}T00:00:00.000Z`);
    if (Number.isNaN(start)) {
      continue;
    }
    days.add(format.format(start));
    days.add(format.format(start + 86_400_000 - 1));
  }
  return [...days].sort();
}

export function nextDate(day: string): string {
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
