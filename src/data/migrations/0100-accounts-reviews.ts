import { sql } from 'kysely';
import type { Expression, Kysely, Migration } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';
import { columnTypes, oneOf } from './column-types.ts';

const ROLES = ['admin', 'head_of_sales', 'qa_reviewer', 'manager'];
const TARGETS = ['criterion', 'finding'];
const CRITERION_RESULTS = ['passed', 'failed', 'not_applicable'];
const SEVERITIES = ['critical', 'major', 'minor'];
const DISPUTE_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn'];

/**
 * Users with their roles and links to managers and teams, login sessions, failed login attempts for
 * rate limiting, reviewers' changes to evaluations with their history, and managers' disputes.
 */
export function accountsReviewsMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createUsers(db, dialect);
      await createSessions(db, dialect);
      await createReviews(db, dialect);
      await createDisputes(db, dialect);
      await createReportIndexes(db, dialect);
    },
  };
}

async function createUsers(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  await type
    .addIdentity(db.schema.createTable('users').ifNotExists(), 'id')
    .addColumn('login', 'text', (column) => column.notNull())
    // Folded login (lower case, «ё» → «е»): one user per key, and sign-in ignores case.
    .addColumn('login_key', 'text', (column) => column.notNull().unique())
    .addColumn('email', 'text')
    .addColumn('email_key', 'text', (column) => column.unique())
    .addColumn('display_name', 'text', (column) => column.notNull())
    .addColumn('role', 'text', (column) => column.notNull().check(oneOf('role', ROLES)))
    .addColumn('manager_id', 'integer', (column) => column.references('managers.id').onDelete('set null'))
    .addColumn('time_zone', 'text')
    .addColumn('disabled', type.bool, (column) => column.notNull())
    .addColumn('password_hash', 'text', (column) => column.notNull())
    .addColumn('password_changed_at', type.timestamp, (column) => column.notNull())
    .addColumn('last_login_at', type.timestamp)
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .addColumn('updated_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('users_manager').ifNotExists().on('users').column('manager_id').execute();

  await db.schema
    .createTable('user_teams')
    .ifNotExists()
    .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (column) => column.notNull().references('teams.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_teams_pkey', ['user_id', 'team_id'])
    .execute();
}

async function createSessions(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  await type
    .addIdentity(db.schema.createTable('sessions').ifNotExists(), 'id')
    // SHA-256 of the cookie's token: a copy of the table does not let anyone sign in.
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('user_id', 'integer', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (column) => column.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('ip', 'text')
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .addColumn('last_seen_at', type.timestamp, (column) => column.notNull())
    .addColumn('expires_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').ifNotExists().on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires').ifNotExists().on('sessions').column('expires_at').execute();

  await type
    .addIdentity(db.schema.createTable('login_failures').ifNotExists(), 'id')
    // `login:<folded login>` or `ip:<address>`.
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('failed_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('login_failures_key').ifNotExists().on('login_failures').columns(['key', 'failed_at']).execute();
  await db.schema.createIndex('login_failures_time').ifNotExists().on('login_failures').column('failed_at').execute();
}

async function createReviews(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);

  // The reviewer's decision in force for one criterion or finding of a call. It is kept apart from the
  // evaluations, so a re-evaluation replaces the engine's verdicts and the decisions are applied again.
  await type
    .addIdentity(db.schema.createTable('review_overrides').ifNotExists(), 'id')
    .addColumn('call_id', 'text', (column) => column.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('target', 'text', (column) => column.notNull().check(oneOf('target', TARGETS)))
    // A criterion id, or a finding key `kind@turn`.
    .addColumn('target_key', 'text', (column) => column.notNull())
    .addColumn('criterion_result', 'text', (column) => column.check(oneOf('criterion_result', CRITERION_RESULTS)))
    .addColumn('finding_action', 'text', (column) => column.check(oneOf('finding_action', ['keep', 'remove'])))
    .addColumn('finding_severity', 'text', (column) => column.check(oneOf('finding_severity', SEVERITIES)))
    // The finding as the reviewer kept or added it, so it survives a re-evaluation that no longer finds it.
    .addColumn('finding', type.json)
    .addColumn('added', type.bool, (column) => column.notNull())
    .addColumn('comment', 'text', (column) => column.notNull())
    .addColumn('source', 'text', (column) => column.notNull().check(oneOf('source', ['review', 'dispute'])))
    .addColumn('dispute_id', 'integer')
    .addColumn('author_id', 'integer', (column) => column.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text')
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .addColumn('updated_at', type.timestamp, (column) => column.notNull())
    .addUniqueConstraint('review_overrides_target', ['call_id', 'target', 'target_key'])
    .execute();

  await type
    .addIdentity(db.schema.createTable('review_events').ifNotExists(), 'id')
    .addColumn('call_id', 'text', (column) => column.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('target', 'text', (column) => column.check(oneOf('target', TARGETS)))
    .addColumn('target_key', 'text')
    .addColumn('from_value', type.json)
    .addColumn('to_value', type.json)
    .addColumn('comment', 'text')
    .addColumn('score_before', type.real)
    .addColumn('score_after', type.real)
    .addColumn('dispute_id', 'integer')
    .addColumn('actor_id', 'integer', (column) => column.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text')
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('review_events_call').ifNotExists().on('review_events').columns(['call_id', 'id']).execute();
}

async function createDisputes(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  await type
    .addIdentity(db.schema.createTable('disputes').ifNotExists(), 'id')
    .addColumn('call_id', 'text', (column) => column.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('target', 'text', (column) => column.notNull().check(oneOf('target', TARGETS)))
    .addColumn('target_key', 'text', (column) => column.notNull())
    .addColumn('requested_result', 'text', (column) => column.check(oneOf('requested_result', CRITERION_RESULTS)))
    .addColumn('comment', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull().check(oneOf('status', DISPUTE_STATUSES)))
    .addColumn('opened_by', 'integer', (column) => column.references('users.id').onDelete('set null'))
    .addColumn('opened_by_name', 'text')
    .addColumn('resolution_comment', 'text')
    .addColumn('resolved_by', 'integer', (column) => column.references('users.id').onDelete('set null'))
    .addColumn('resolved_by_name', 'text')
    .addColumn('resolved_at', type.timestamp)
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .addColumn('updated_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('disputes_call').ifNotExists().on('disputes').columns(['call_id', 'id']).execute();
  await db.schema.createIndex('disputes_status').ifNotExists().on('disputes').columns(['status', 'id']).execute();
  // One open dispute per verdict: a second one waits until the first is decided.
  await db.schema
    .createIndex('disputes_one_open')
    .ifNotExists()
    .on('disputes')
    .columns(['call_id', 'target', 'target_key'])
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();
}

/**
 * Indexes for the report pages. Weekly trends and comparisons read the score of every call in a date
 * range, so the range indexes carry the score (and the manager and team) and the table itself is not
 * read. The findings index by call and severity finds a day's critical findings without reading them all.
 */
async function createReportIndexes(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const nullable = (column: string) => (dialect.isSqlite ? sql.ref(column) : sql`${sql.ref(column)} nulls first`);
  const indexes: [string, string, Expression<unknown>[]][] = [
    ['calls_report_range', 'calls', [nullable('started_at'), sql.ref('team_id'), sql.ref('manager_id'), sql.ref('score'), sql.ref('evaluated_at')]],
    ['calls_report_manager', 'calls', [sql.ref('manager_id'), nullable('started_at'), sql.ref('score'), sql.ref('evaluated_at')]],
    ['calls_report_team', 'calls', [sql.ref('team_id'), nullable('started_at'), sql.ref('manager_id'), sql.ref('score'), sql.ref('evaluated_at')]],
    ['findings_call_kind', 'findings', [sql.ref('call_id'), sql.ref('kind'), sql.ref('severity')]],
  ];
  for (const [name, table, columns] of indexes) {
    await sql`create index if not exists ${sql.id(name)} on ${sql.table(table)} (${sql.join(columns)})`.execute(db);
  }
}
