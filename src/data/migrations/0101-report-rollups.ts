import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';
import { columnTypes } from './column-types.ts';

/** Columns of `calls` whose change moves a call in the report rollups. */
const ROLLUP_COLUMNS = ['started_at', 'manager_id', 'team_id', 'score', 'finding_count', 'evaluated_at'];

/**
 * Daily rollups for the report pages: per local day, manager and team, the calls with their scores, the
 * calls with each finding kind and the calls by criterion result. Triggers on `calls` mark the UTC date
 * of every changed call in `report_dirty_days`; the report repository rebuilds those days before it
 * reads, so the rollups follow every write path (analysis, re-evaluation, reviews, deletes).
 */
export function reportRollupsMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createRollupTables(db, dialect);
      await (dialect.isSqlite ? createSqliteTriggers(db) : createPostgresTriggers(db));
    },
  };
}

async function createRollupTables(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  // A call without a manager or team is counted under key 0, so the keys can be part of the primary key.
  const group = (table: ReturnType<Kysely<unknown>['schema']['createTable']>) =>
    table
      .addColumn('day', 'text', (column) => column.notNull())
      .addColumn('manager_key', 'integer', (column) => column.notNull())
      .addColumn('team_key', 'integer', (column) => column.notNull());

  await group(db.schema.createTable('report_days').ifNotExists())
    .addColumn('calls', 'integer', (column) => column.notNull())
    .addColumn('evaluated', 'integer', (column) => column.notNull())
    .addColumn('scored', 'integer', (column) => column.notNull())
    .addColumn('score_sum', type.real, (column) => column.notNull())
    .addPrimaryKeyConstraint('report_days_pkey', ['day', 'manager_key', 'team_key'])
    .execute();

  await group(db.schema.createTable('report_day_findings').ifNotExists())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('calls', 'integer', (column) => column.notNull())
    .addColumn('scored', 'integer', (column) => column.notNull())
    .addColumn('score_sum', type.real, (column) => column.notNull())
    .addPrimaryKeyConstraint('report_day_findings_pkey', ['day', 'manager_key', 'team_key', 'kind'])
    .execute();

  await group(db.schema.createTable('report_day_criteria').ifNotExists())
    .addColumn('criterion_id', 'text', (column) => column.notNull())
    .addColumn('result', 'text', (column) => column.notNull())
    .addColumn('calls', 'integer', (column) => column.notNull())
    .addColumn('scored', 'integer', (column) => column.notNull())
    .addColumn('score_sum', type.real, (column) => column.notNull())
    .addPrimaryKeyConstraint('report_day_criteria_pkey', ['day', 'manager_key', 'team_key', 'criterion_id', 'result'])
    .execute();

  for (const table of ['report_days', 'report_day_findings', 'report_day_criteria']) {
    await sql`create index if not exists ${sql.id(`${table}_team`)} on ${sql.table(table)} (team_key, day)`.execute(db);
    await sql`create index if not exists ${sql.id(`${table}_manager`)} on ${sql.table(table)} (manager_key, day)`.execute(db);
  }

  await db.schema.createTable('report_dirty_days').ifNotExists().addColumn('day', 'text', (column) => column.primaryKey()).execute();
  await db.schema
    .createTable('report_state')
    .ifNotExists()
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('value', 'text', (column) => column.notNull())
    .execute();
}

// SQLite stores `calls.started_at` as ISO text in UTC (`2026-12-04T08:02:00.000Z`), so its first ten
// characters are the UTC date. The trigger checks for the date itself instead of `insert or ignore`:
// SQLite applies the conflict handling of the statement that fired the trigger, and under the upsert
// that saves a call again, a date already marked failed with a unique violation.
async function createSqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const mark = (row: 'new' | 'old') =>
    sql.raw(
      `insert into report_dirty_days (day) select substr(${row}.started_at, 1, 10) where ${row}.started_at is not null ` +
        `and not exists (select 1 from report_dirty_days where day = substr(${row}.started_at, 1, 10));`,
    );
  await sql`create trigger if not exists calls_report_insert after insert on calls begin ${mark('new')} end`.execute(db);
  await sql`create trigger if not exists calls_report_delete after delete on calls begin ${mark('old')} end`.execute(db);
  await sql`create trigger if not exists calls_report_update after update of ${sql.raw(ROLLUP_COLUMNS.join(', '))} on calls
    begin ${mark('old')} ${mark('new')} end`.execute(db);
}

async function createPostgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`create or replace function okk_mark_report_day() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and old.started_at is not null then
        insert into report_dirty_days (day) values (to_char(old.started_at at time zone 'UTC', 'YYYY-MM-DD')) on conflict do nothing;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.started_at is not null then
        insert into report_dirty_days (day) values (to_char(new.started_at at time zone 'UTC', 'YYYY-MM-DD')) on conflict do nothing;
      end if;
      return null;
    end $$`.execute(db);
  await sql`drop trigger if exists calls_report_dirty on calls`.execute(db);
  await sql`create trigger calls_report_dirty after insert or delete or update of ${sql.raw(ROLLUP_COLUMNS.join(', '))} on calls
    for each row execute function okk_mark_report_day()`.execute(db);
}
