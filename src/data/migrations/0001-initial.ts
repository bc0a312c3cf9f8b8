import { sql } from 'kysely';
import type { Expression, Kysely, Migration } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';
import { columnTypes, oneOf } from './column-types.ts';

const DIRECTIONS = ['inbound', 'outbound'];
const ROLES = ['manager', 'client', 'unknown'];
const ROLE_METHODS = ['labels', 'channel', 'content', 'manual'];
const CRITERION_RESULTS = ['passed', 'failed', 'not_applicable'];
const SEVERITIES = ['critical', 'major', 'minor'];
const PROMISE_ACTIONS = ['callback', 'send', 'visit', 'transfer', 'other'];
const PROMISE_STATUSES = ['open', 'kept', 'broken', 'cancelled'];

/**
 * Teams, managers, calls with their turns and full-text search, checklist versions, evaluations with
 * their history, and the criteria, findings and promises of each call's current evaluation.
 */
export function initialMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createPeople(db, dialect);
      await createCalls(db, dialect);
      await createTurns(db, dialect);
      await createCallSearch(db, dialect);
      await createChecklists(db, dialect);
      await createEvaluations(db, dialect);
      await createEvaluationDetails(db, dialect);
    },
  };
}

async function createPeople(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);

  await type
    .addIdentity(db.schema.createTable('teams').ifNotExists(), 'id')
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('name_key', 'text', (column) => column.notNull().unique())
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .execute();

  await type
    .addIdentity(db.schema.createTable('managers').ifNotExists(), 'id')
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('name_key', 'text', (column) => column.notNull().unique())
    .addColumn('team_id', 'integer', (column) => column.references('teams.id').onDelete('set null'))
    .addColumn('supervisor', 'text')
    .addColumn('position', 'text')
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .addColumn('updated_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('managers_team').ifNotExists().on('managers').column('team_id').execute();
}

async function createCalls(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);

  // SQLite keys the full-text table by an integer row id, so `seq` is the rowid alias there; on
  // PostgreSQL the string id stays the primary key and `seq` is a unique identity column.
  let table = db.schema.createTable('calls').ifNotExists();
  table = dialect.isSqlite
    ? type.addIdentity(table, 'seq').addColumn('id', 'text', (column) => column.notNull().unique())
    : table
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('seq', 'integer', (column) => column.notNull().unique().generatedAlwaysAsIdentity());

  await table
    .addColumn('external_id', 'text')
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('started_at', type.timestamp)
    .addColumn('started_at_source', 'text')
    .addColumn('duration_sec', type.real)
    .addColumn('direction', 'text', (column) => column.check(oneOf('direction', DIRECTIONS)))
    .addColumn('manager_id', 'integer', (column) => column.references('managers.id').onDelete('set null'))
    .addColumn('manager_key', 'text')
    .addColumn('team_id', 'integer', (column) => column.references('teams.id').onDelete('set null'))
    .addColumn('client_name', 'text')
    .addColumn('client_phone', 'text')
    .addColumn('transcript_format', 'text', (column) => column.notNull())
    .addColumn('role_method', 'text', (column) => column.notNull().check(oneOf('role_method', ROLE_METHODS)))
    .addColumn('role_confidence', type.real)
    .addColumn('import_warnings', type.json, (column) => column.notNull())
    .addColumn('signal', type.json)
    .addColumn('turn_count', 'integer', (column) => column.notNull())
    .addColumn('audio_path', 'text')
    .addColumn('audio_duration_sec', type.real)
    .addColumn('audio_channels', 'integer')
    .addColumn('score', type.real)
    .addColumn('finding_count', 'integer')
    .addColumn('transcript_complete', type.bool)
    .addColumn('no_speech', type.bool)
    .addColumn('evaluated_at', type.timestamp)
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .addColumn('updated_at', type.timestamp, (column) => column.notNull())
    .execute();

  // Every list sort ends with `seq` as the tie-breaker, and nulls sort as the smallest value on both
  // databases (SQLite's own order), so the PostgreSQL indexes put nulls first to match.
  const nullable = (column: string) => (dialect.isSqlite ? sql.ref(column) : sql`${sql.ref(column)} nulls first`);
  const indexes: [string, Expression<unknown>[]][] = [
    ['calls_started_at', [nullable('started_at'), sql.ref('seq')]],
    ['calls_manager_started_at', [sql.ref('manager_id'), nullable('started_at'), sql.ref('seq')]],
    ['calls_team_started_at', [sql.ref('team_id'), nullable('started_at'), sql.ref('seq')]],
    ['calls_direction_started_at', [sql.ref('direction'), nullable('started_at'), sql.ref('seq')]],
    ['calls_score', [nullable('score'), sql.ref('seq')]],
    ['calls_duration', [nullable('duration_sec'), sql.ref('seq')]],
    ['calls_manager_key', [nullable('manager_key'), sql.ref('seq')]],
    ['calls_external_id', [sql.ref('external_id')]],
    ['calls_client_phone', [sql.ref('client_phone')]],
  ];
  for (const [name, columns] of indexes) {
    await sql`create index if not exists ${sql.id(name)} on calls (${sql.join(columns)})`.execute(db);
  }
}

async function createTurns(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  await db.schema
    .createTable('turns')
    .ifNotExists()
    .addColumn('call_id', 'text', (column) => column.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('idx', 'integer', (column) => column.notNull())
    .addColumn('role', 'text', (column) => column.notNull().check(oneOf('role', ROLES)))
    .addColumn('channel', 'integer')
    .addColumn('speaker', 'text')
    .addColumn('start_sec', type.real)
    .addColumn('end_sec', type.real)
    .addColumn('text', 'text', (column) => column.notNull())
    .addColumn('confidence', type.real)
    .addColumn('flags', type.json, (column) => column.notNull())
    .addColumn('overlaps_turn', 'integer')
    .addColumn('words', type.json)
    .addPrimaryKeyConstraint('turns_pkey', ['call_id', 'idx'])
    .execute();
}

/**
 * The lemmas of every turn, for Russian search by word form: FTS5 on SQLite (contentless, keyed by
 * `calls.seq`), a `tsvector` with a GIN index on PostgreSQL. The text is already lemmatized and folded,
 * so neither database applies its own stemming or case folding.
 */
async function createCallSearch(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  if (dialect.isSqlite) {
    // remove_diacritics 0: the default 1 would also strip the breve from «й» and merge it with «и».
    await sql`create virtual table if not exists call_search using fts5(
      lemmas, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
    )`.execute(db);
    return;
  }
  await db.schema
    .createTable('call_search')
    .ifNotExists()
    .addColumn('call_id', 'text', (column) => column.primaryKey().references('calls.id').onDelete('cascade'))
    .addColumn('document', sql`tsvector`, (column) => column.notNull())
    .execute();
  await sql`create index if not exists call_search_document on call_search using gin (document)`.execute(db);
}

async function createChecklists(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  await db.schema
    .createTable('checklists')
    .ifNotExists()
    .addColumn('id', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('definition', type.json, (column) => column.notNull())
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .addPrimaryKeyConstraint('checklists_pkey', ['id', 'version'])
    .execute();
}

async function createEvaluations(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);

  // The checklist is not a foreign key: `okk analyze` evaluates with checklists read from files that
  // need not be stored.
  await type
    .addIdentity(db.schema.createTable('evaluations').ifNotExists(), 'id')
    .addColumn('call_id', 'text', (column) => column.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('checklist_id', 'text', (column) => column.notNull())
    .addColumn('checklist_version', 'integer', (column) => column.notNull())
    .addColumn('score', type.real)
    .addColumn('result', type.json, (column) => column.notNull())
    .addColumn('is_current', type.bool, (column) => column.notNull())
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('evaluations_call').ifNotExists().on('evaluations').columns(['call_id', 'id']).execute();
  await db.schema
    .createIndex('evaluations_checklist')
    .ifNotExists()
    .on('evaluations')
    .columns(['checklist_id', 'checklist_version'])
    .execute();
  await db.schema
    .createIndex('evaluations_one_current')
    .ifNotExists()
    .on('evaluations')
    .column('call_id')
    .unique()
    .where(sql.ref('is_current'), '=', type.true)
    .execute();
}

async function createEvaluationDetails(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  const callColumn = 'call_id';
  const evaluationColumn = 'evaluation_id';

  await db.schema
    .createTable('evaluation_criteria')
    .ifNotExists()
    .addColumn(callColumn, 'text', (column) => column.notNull().references('calls.id').onDelete('cascade'))
    .addColumn(evaluationColumn, 'integer', (column) => column.notNull().references('evaluations.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (column) => column.notNull())
    .addColumn('result', 'text', (column) => column.notNull().check(oneOf('result', CRITERION_RESULTS)))
    .addColumn('weight', type.real, (column) => column.notNull())
    .addColumn('critical', type.bool, (column) => column.notNull())
    .addPrimaryKeyConstraint('evaluation_criteria_pkey', ['call_id', 'criterion_id'])
    .execute();
  await db.schema
    .createIndex('evaluation_criteria_result')
    .ifNotExists()
    .on('evaluation_criteria')
    .columns(['criterion_id', 'result', 'call_id'])
    .execute();

  await type
    .addIdentity(db.schema.createTable('findings').ifNotExists(), 'id')
    .addColumn(callColumn, 'text', (column) => column.notNull().references('calls.id').onDelete('cascade'))
    .addColumn(evaluationColumn, 'integer', (column) => column.notNull().references('evaluations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('severity', 'text', (column) => column.notNull().check(oneOf('severity', SEVERITIES)))
    .addColumn('turn', 'integer', (column) => column.notNull())
    .addColumn('start_sec', type.real)
    .addColumn('quote', 'text', (column) => column.notNull())
    .addColumn('explanation', 'text', (column) => column.notNull())
    .addColumn('recommendation', 'text', (column) => column.notNull())
    .addColumn('evidence', type.json, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('findings_kind').ifNotExists().on('findings').columns(['kind', 'call_id']).execute();
  await db.schema.createIndex('findings_call').ifNotExists().on('findings').columns(['call_id', 'position']).execute();

  await type
    .addIdentity(db.schema.createTable('promises').ifNotExists(), 'id')
    .addColumn(callColumn, 'text', (column) => column.notNull().references('calls.id').onDelete('cascade'))
    .addColumn(evaluationColumn, 'integer', (column) => column.notNull().references('evaluations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('turn', 'integer', (column) => column.notNull())
    .addColumn('start_sec', type.real)
    .addColumn('action', 'text', (column) => column.notNull().check(oneOf('action', PROMISE_ACTIONS)))
    .addColumn('due_text', 'text')
    .addColumn('due_at', type.timestamp)
    .addColumn('quote', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull().check(oneOf('status', PROMISE_STATUSES)))
    .addColumn('status_changed_at', type.timestamp)
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('promises_call').ifNotExists().on('promises').columns(['call_id', 'position']).execute();
  await db.schema.createIndex('promises_due').ifNotExists().on('promises').columns(['status', 'due_at']).execute();
}
