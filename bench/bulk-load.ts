// Sets indexes and the report rollup triggers aside while generate-calls.ts fills a database, and puts
// back exactly what was there: each index from its own stored definition, each trigger as it was. What the
// benchmarks then measure is the schema the migrations built.
import { sql } from 'kysely';

import type { Database } from '../src/data/index.ts';

/** Tables the generator writes many rows to. */
const LOADED_TABLES = ['calls', 'turns', 'call_search', 'evaluations', 'evaluation_criteria', 'findings', 'promises'];

/** Triggers on `calls` that mark the report days a write changed; the load marks every day it wrote at the end instead. */
const ROLLUP_TRIGGER_PREFIX = 'calls_report';

interface SchemaObject {
  name: string;
  /** The `CREATE` statement that rebuilds it. */
  definition: string;
}

export interface SetAside {
  indexes: SchemaObject[];
  triggers: SchemaObject[];
}

/**
 * Drops the indexes the load never reads (not unique, not led by `call_id`, which the save path looks calls'
 * rows up by) and switches off the rollup triggers. Returns what `restore` needs.
 */
export async function setAside(database: Database): Promise<SetAside> {
  const indexes = await deferrableIndexes(database);
  for (const index of indexes) {
    await sql`drop index ${sql.id(index.name)}`.execute(database.db);
  }
  const triggers = await rollupTriggers(database);
  for (const trigger of triggers) {
    await (database.dialect.isSqlite
      ? sql`drop trigger ${sql.id(trigger.name)}`.execute(database.db)
      : sql`alter table calls disable trigger ${sql.id(trigger.name)}`.execute(database.db));
  }
  return { indexes, triggers };
}

/**
 * Builds the indexes again from their definitions, switches the triggers back on and marks every day
 * that has calls for the rollup, as the triggers would have done row by row.
 */
export async function restore(database: Database, setAsideObjects: SetAside): Promise<void> {
  for (const index of setAsideObjects.indexes) {
    await sql.raw(index.definition).execute(database.db);
  }
  for (const trigger of setAsideObjects.triggers) {
    await (database.dialect.isSqlite
      ? sql.raw(trigger.definition).execute(database.db)
      : sql`alter table calls enable trigger ${sql.id(trigger.name)}`.execute(database.db));
  }
  const utcDay = database.dialect.isSqlite ? sql`substr(started_at, 1, 10)` : sql`to_char(started_at at time zone 'UTC', 'YYYY-MM-DD')`;
  await sql`insert into report_dirty_days (day) select distinct ${utcDay} from calls where started_at is not null
    on conflict (day) do nothing`.execute(database.db);
  const missing = await missingIndexes(database, setAsideObjects.indexes);
  if (missing.length > 0) {
    throw new Error(`indexes not rebuilt after the load: ${missing.join(', ')}`);
  }
}

async function deferrableIndexes(database: Database): Promise<SchemaObject[]> {
  if (database.dialect.isSqlite) {
    const rows = await sql<{ name: string; definition: string; unique_index: number; first_column: string | null }>`
      select m.name, m.sql as definition, l."unique" as unique_index,
        (select i.name from pragma_index_info(m.name) i where i.seqno = 0) as first_column
      from sqlite_master m join pragma_index_list(m.tbl_name) l on l.name = m.name
      where m.type = 'index' and m.sql is not null and m.tbl_name in (${sql.join(LOADED_TABLES)})`.execute(database.db);
    return rows.rows.filter((row) => row.unique_index === 0 && row.first_column !== 'call_id').map(({ name, definition }) => ({ name, definition }));
  }
  const rows = await sql<{ name: string; definition: string; first_column: string | null }>`
    select i.relname as name, pg_get_indexdef(i.oid) as definition, a.attname as first_column
    from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
    where t.relnamespace = current_schema()::regnamespace and t.relname in (${sql.join(LOADED_TABLES)})
      and not x.indisunique and not x.indisprimary`.execute(database.db);
  return rows.rows.filter((row) => row.first_column !== 'call_id').map(({ name, definition }) => ({ name, definition }));
}

async function rollupTriggers(database: Database): Promise<SchemaObject[]> {
  const prefix = `${ROLLUP_TRIGGER_PREFIX}%`;
  if (database.dialect.isSqlite) {
    const rows = await sql<SchemaObject>`select name, sql as definition from sqlite_master
      where type = 'trigger' and tbl_name = 'calls' and name like ${prefix}`.execute(database.db);
    return rows.rows;
  }
  const rows = await sql<SchemaObject>`select tgname as name, pg_get_triggerdef(oid) as definition from pg_trigger
    where tgrelid = 'calls'::regclass and not tgisinternal and tgname like ${prefix}`.execute(database.db);
  return rows.rows;
}

async function missingIndexes(database: Database, expected: readonly SchemaObject[]): Promise<string[]> {
  const names = expected.map((index) => index.name);
  if (names.length === 0) {
    return [];
  }
  const present = database.dialect.isSqlite
    ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name in (${sql.join(names)})`.execute(database.db)
    : await sql<{ name: string }>`select relname as name from pg_class
        where relnamespace = current_schema()::regnamespace and relname in (${sql.join(names)})`.execute(database.db);
  const found = new Set(present.rows.map((row) => row.name));
  return names.filter((name) => !found.has(name));
}
