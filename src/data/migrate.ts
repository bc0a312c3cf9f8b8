import { Migrator, sql } from 'kysely';
import type { Kysely, MigrationResultSet } from 'kysely';

import { AppError } from '../lib/app-error.ts';
import { migrationProvider } from './migrations/index.ts';
import type { DatabaseSchema } from './schema.ts';
import type { SqlDialect } from './sql-dialect.ts';

/** How long a second process waits on SQLite for the first one's migrations, in milliseconds. */
const SQLITE_MIGRATION_WAIT_MS = 120_000;

/**
 * Applies every pending migration and returns the names applied. Several processes may run it at once.
 * On PostgreSQL kysely's Migrator takes an advisory lock. On SQLite the whole run is one `BEGIN
 * IMMEDIATE` transaction, so a second process waits for the first and then finds nothing left to do.
 */
export async function migrateToLatest(db: Kysely<DatabaseSchema>, dialect: SqlDialect, schema: string | null): Promise<string[]> {
  const result = dialect.isSqlite ? await migrateSqlite(db, dialect) : await migratePostgres(db, dialect, schema);
  if (result.error !== undefined) {
    const failed = result.results?.find((migration) => migration.status === 'Error')?.migrationName;
    const what = failed === undefined ? 'миграции схемы' : `миграции ${failed}`;
    throw new AppError('INTERNAL', `Не удалось обновить схему базы данных: ошибка ${what}. Изменения этой миграции отменены.`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((migration) => migration.status === 'Success').map((migration) => migration.migrationName);
}

const MAX_POSTGRES_ATTEMPTS = 3;

/**
 * Runs kysely's Migrator on PostgreSQL, once more when another schema vanished under it: the Migrator
 * lists the tables of every schema, and `has_schema_privilege` fails on a schema that another client
 * drops while the list is read (parallel test runs do that all the time).
 */
async function migratePostgres(db: Kysely<DatabaseSchema>, dialect: SqlDialect, schema: string | null): Promise<MigrationResultSet> {
  for (let attempt = 1; ; attempt += 1) {
    const result = await migrator(db, dialect, schema).migrateToLatest();
    const message = result.error instanceof Error ? result.error.message : '';
    const match = /^schema "([^"]+)" does not exist$/u.exec(message);
    const droppedElsewhere = match !== null && match[1] !== schema;
    if (!droppedElsewhere || attempt >= MAX_POSTGRES_ATTEMPTS) {
      return result;
    }
  }
}

function migrator(db: Kysely<DatabaseSchema>, dialect: SqlDialect, schema: string | null, disableTransactions = false): Migrator {
  return new Migrator({
    // The Migrator reads and writes only its own tables, so the schema type does not matter to it.
    db: db as Kysely<unknown>,
    provider: migrationProvider(dialect),
    ...(schema === null ? {} : { migrationTableSchema: schema }),
    disableTransactions,
    // Areas of the product number their migrations in separate ranges (0001, 0100, 0200, 0300), so a
    // database that already has a later range must still accept a new migration of an earlier one.
    allowUnorderedMigrations: true,
  });
}

async function migrateSqlite(db: Kysely<DatabaseSchema>, dialect: SqlDialect): Promise<MigrationResultSet> {
  return db.connection().execute(async (connection) => {
    const previousTimeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(connection);
    await sql.raw(`pragma busy_timeout = ${SQLITE_MIGRATION_WAIT_MS}`).execute(connection);
    try {
      await sql`begin immediate`.execute(connection);
      // Kysely runs SQLite migrations outside a transaction, so this connection's transaction wraps them all.
      const result = await migrator(connection, dialect, null, true).migrateToLatest();
      await sql.raw(result.error === undefined ? 'commit' : 'rollback').execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    } finally {
      await sql.raw(`pragma busy_timeout = ${previousTimeout.rows[0]?.timeout ?? 5000}`).execute(connection);
    }
  });
}
