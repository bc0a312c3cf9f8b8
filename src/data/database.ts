import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';

import { AppError } from '../lib/app-error.ts';
import { createLogger } from '../lib/logger.ts';
import type { Logger } from '../lib/logger.ts';
import { AlertRepository } from './alert.repository.ts';
import { CallRepository } from './call.repository.ts';
import { CallLogRepository } from './call-log.repository.ts';
import { ClientRepository } from './client.repository.ts';
import { ChecklistRepository } from './checklist.repository.ts';
import type { DataContext } from './data-context.ts';
import { DisputeRepository } from './dispute.repository.ts';
import type { EvaluationRepository } from './evaluation.repository.ts';
import { JobRecordRepository } from './job-record.repository.ts';
import { JobRepository } from './job.repository.ts';
import { FollowThroughRepository } from './follow-through.repository.ts';
import { IntegrationRepository } from './integration.repository.ts';
import { SearchIndexRepository } from './search-index.repository.ts';
import { ManagerRepository } from './manager.repository.ts';
import { migrateToLatest } from './migrate.ts';
import { OutcomeRepository } from './outcome.repository.ts';
import { ReportRepository } from './report.repository.ts';
import { ReviewRepository } from './review.repository.ts';
import { ReviewedEvaluationRepository } from './reviewed-evaluation.repository.ts';
import { SessionRepository } from './session.repository.ts';
import { TrendReportRepository } from './trend-report.repository.ts';
import { UploadRepository } from './upload.repository.ts';
import type { DatabaseSchema } from './schema.ts';
import { SqlDialect } from './sql-dialect.ts';
import { UserRepository } from './user.repository.ts';

export interface OpenDatabaseOptions {
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** IANA zone for call times without an offset, normally `AppConfig.timeZone` (default `UTC`). */
  timeZone?: string;
  /** PostgreSQL only: keep every table in this schema, created if missing (tests use one per run). */
  schema?: string;
  /** PostgreSQL only: most connections open at once (default 10). */
  poolSize?: number;
  logger?: Logger;
}

export interface Repositories {
  calls: CallRepository;
  evaluations: EvaluationRepository;
  checklists: ChecklistRepository;
  managers: ManagerRepository;
  reports: ReportRepository;
  users: UserRepository;
  sessions: SessionRepository;
  reviews: ReviewRepository;
  disputes: DisputeRepository;
  trends: TrendReportRepository;
  callLogs: CallLogRepository;
  clients: ClientRepository;
  outcomes: OutcomeRepository;
  followThrough: FollowThroughRepository;
  /** The SQLite job queue; PostgreSQL queues in pg-boss. */
  jobs: JobRepository;
  /** Records beside pg-boss jobs, PostgreSQL only. */
  jobRecords: JobRecordRepository;
  uploads: UploadRepository;
  alerts: AlertRepository;
  integrations: IntegrationRepository;
  searchIndex: SearchIndexRepository;
}

/** An open SQLite file or PostgreSQL pool with the repositories over it. */
export class Database implements Repositories {
  readonly calls: CallRepository;
  readonly evaluations: EvaluationRepository;
  readonly checklists: ChecklistRepository;
  readonly managers: ManagerRepository;
  readonly reports: ReportRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly reviews: ReviewRepository;
  readonly disputes: DisputeRepository;
  readonly trends: TrendReportRepository;
  readonly callLogs: CallLogRepository;
  readonly clients: ClientRepository;
  readonly outcomes: OutcomeRepository;
  readonly followThrough: FollowThroughRepository;
  readonly jobs: JobRepository;
  readonly jobRecords: JobRecordRepository;
  readonly uploads: UploadRepository;
  readonly alerts: AlertRepository;
  readonly integrations: IntegrationRepository;
  readonly searchIndex: SearchIndexRepository;

  constructor(
    readonly db: Kysely<DatabaseSchema>,
    readonly dialect: SqlDialect,
    readonly timeZone: string,
    private readonly schema: string | null,
  ) {
    this.calls = new CallRepository({ db, dialect, timeZone });
    this.evaluations = new ReviewedEvaluationRepository({ db, dialect, timeZone });
    this.checklists = new ChecklistRepository({ db, dialect, timeZone });
    this.managers = new ManagerRepository({ db, dialect, timeZone });
    this.reports = new ReportRepository({ db, dialect, timeZone });
    this.users = new UserRepository({ db, dialect, timeZone });
    this.sessions = new SessionRepository({ db, dialect, timeZone });
    this.reviews = new ReviewRepository({ db, dialect, timeZone });
    this.disputes = new DisputeRepository({ db, dialect, timeZone });
    this.trends = new TrendReportRepository({ db, dialect, timeZone });
    this.callLogs = new CallLogRepository({ db, dialect, timeZone });
    this.clients = new ClientRepository({ db, dialect, timeZone });
    this.outcomes = new OutcomeRepository({ db, dialect, timeZone });
    this.followThrough = new FollowThroughRepository({ db, dialect, timeZone });
    this.jobs = new JobRepository({ db, dialect, timeZone });
    this.jobRecords = new JobRecordRepository({ db, dialect, timeZone });
    this.uploads = new UploadRepository({ db, dialect, timeZone });
    this.alerts = new AlertRepository({ db, dialect, timeZone });
    this.integrations = new IntegrationRepository({ db, dialect, timeZone });
    this.searchIndex = new SearchIndexRepository({ db, dialect, timeZone });
  }

  /** Applies pending migrations; returns the names of those applied. */
  migrateToLatest(): Promise<string[]> {
    return migrateToLatest(this.db, this.dialect, this.schema);
  }

  /**
   * Refreshes the planner's statistics (and, on PostgreSQL, the visibility map that index-only counts
   * need) after a bulk import. PostgreSQL's autovacuum does this on its own later; until then list
   * queries at 100,000 calls ran several times slower in the list benchmark.
   */
  async optimize(): Promise<void> {
    if (this.dialect.isSqlite) {
      await sql`pragma optimize`.execute(this.db);
      return;
    }
    // Named tables only: a bare VACUUM would process every table of the database, other schemas too.
    await sql`vacuum (analyze) ${sql.join(DATA_TABLES.map((table) => sql.table(table)))}`.execute(this.db);
  }

  /** Runs `work` in one transaction: everything it saves is kept together, or nothing is when it throws. */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(createRepositories({ db: trx, dialect: this.dialect, timeZone: this.timeZone })));
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

function createRepositories(context: DataContext): Repositories {
  return {
    calls: new CallRepository(context),
    evaluations: new ReviewedEvaluationRepository(context),
    checklists: new ChecklistRepository(context),
    managers: new ManagerRepository(context),
    reports: new ReportRepository(context),
    users: new UserRepository(context),
    sessions: new SessionRepository(context),
    reviews: new ReviewRepository(context),
    disputes: new DisputeRepository(context),
    trends: new TrendReportRepository(context),
    callLogs: new CallLogRepository(context),
    clients: new ClientRepository(context),
    outcomes: new OutcomeRepository(context),
    followThrough: new FollowThroughRepository(context),
    jobs: new JobRepository(context),
    jobRecords: new JobRecordRepository(context),
    uploads: new UploadRepository(context),
    alerts: new AlertRepository(context),
    integrations: new IntegrationRepository(context),
    searchIndex: new SearchIndexRepository(context),
  };
}

const DATA_TABLES = [
  'teams', 'managers', 'calls', 'turns', 'call_search', 'checklists', 'evaluations', 'evaluation_criteria', 'findings', 'promises',
  'clients', 'call_clients', 'call_log_records', 'crm_events', 'nps_answers', 'deals', 'promise_checks', 'missed_calls',
];

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the database named by `AppConfig.databaseUrl`: `sqlite:PATH` (the folder is created; WAL and
 * foreign keys are switched on) or `postgres://…` (a connection pool). Applies pending migrations
 * unless `migrate` is false.
 */
export async function openDatabase(databaseUrl: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const timeZone = options.timeZone ?? 'UTC';
  let database: Database;
  if (databaseUrl.startsWith('sqlite:')) {
    database = new Database(openSqlite(databaseUrl.slice('sqlite:'.length)), new SqlDialect('sqlite'), timeZone, null);
  } else if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const schema = options.schema ?? null;
    if (schema !== null && !SCHEMA_NAME.test(schema)) {
      throw new AppError('CONFIG_INVALID', `Имя схемы PostgreSQL «${schema}» недопустимо: используйте строчные латинские буквы, цифры и «_».`);
    }
    const db = openPostgres(databaseUrl, schema, options.poolSize ?? 10, options.logger);
    database = new Database(db, new SqlDialect('postgres'), timeZone, schema);
    await checkPostgres(database, databaseUrl, schema);
  } else {
    throw new AppError(
      'CONFIG_INVALID',
      `Адрес базы данных «${redactUrl(databaseUrl)}» не распознан: укажите sqlite:ПУТЬ_К_ФАЙЛУ или postgres://пользователь@сервер/база.`,
    );
  }

  if (options.migrate ?? true) {
    try {
      await database.migrateToLatest();
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

function openSqlite(file: string): Kysely<DatabaseSchema> {
  if (file.trim() === '') {
    throw new AppError('CONFIG_INVALID', 'В адресе базы данных sqlite: не указан путь к файлу.');
  }
  const memory = file === ':memory:';
  const resolved = memory ? file : path.resolve(file);
  let connection: BetterSqlite3.Database;
  try {
    if (!memory) {
      mkdirSync(path.dirname(resolved), { recursive: true });
    }
    connection = new BetterSqlite3(resolved, { timeout: 5000 });
    connection.pragma('journal_mode = WAL');
    connection.pragma('foreign_keys = ON');
    // With WAL, NORMAL loses no committed data on a process crash, only on a power loss.
    connection.pragma('synchronous = NORMAL');
    // 64 MiB of page cache instead of SQLite's default 2 MiB: list queries and batch imports touch the
    // same index pages again and again.
    connection.pragma('cache_size = -65536');
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `Не удалось открыть файл базы данных SQLite ${resolved}: ${(error as Error).message}`, { cause: error });
  }
  return new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: connection }) });
}

function openPostgres(url: string, schema: string | null, poolSize: number, logger: Logger | undefined): Kysely<DatabaseSchema> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema === null ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection that the server drops raises 'error' on the pool; without a listener it ends the process.
  pool.on('error', (error) => {
    (logger ?? createLogger({ name: 'data' })).error({ err: error }, 'PostgreSQL connection failed while idle');
  });
  return new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
}

async function checkPostgres(database: Database, url: string, schema: string | null): Promise<void> {
  try {
    await sql`select 1`.execute(database.db);
    if (schema !== null) {
      await createSchema(database, schema);
    }
  } catch (error) {
    await database.close();
    throw new AppError('CONFIG_INVALID', `Не удалось подключиться к PostgreSQL ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
}

// Two processes may create the schema at once, and `if not exists` can still fail with a unique
// violation on pg_namespace then, so the error is ignored when the schema is there afterwards.
async function createSchema(database: Database, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(database.db);
  } catch (error) {
    const found = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(database.db);
    if (found.rows.length === 0) {
      throw error;
    }
  }
}

/** Hides the URL's password, for messages and logs. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/u, '//$1:***@');
}
