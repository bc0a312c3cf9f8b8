import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

import { openDatabase } from '../database.ts';
import type { Database, OpenDatabaseOptions } from '../database.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

/** The PostgreSQL server the tests use; each run works in a schema of its own. */
export const TEST_POSTGRES_URL = process.env.OKK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A place for one test database: a temporary SQLite file, or a fresh PostgreSQL schema. */
export interface TestDatabaseTarget {
  kind: DatabaseKind;
  url: string;
  /** Options that point `openDatabase` at this target. */
  options: OpenDatabaseOptions;
  /** Removes the file or drops the schema. */
  remove(): Promise<void>;
}

export async function createTestTarget(kind: DatabaseKind): Promise<TestDatabaseTarget> {
  if (kind === 'sqlite') {
    const folder = await mkdtemp(path.join(tmpdir(), 'okk-data-'));
    return {
      kind,
      url: `sqlite:${path.join(folder, 'nested', 'okk.sqlite')}`,
      options: {},
      remove: () => rm(folder, { recursive: true, force: true }),
    };
  }
  const schema = `okk_data_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  return {
    kind,
    url: TEST_POSTGRES_URL,
    options: { schema },
    remove: () => dropSchema(schema),
  };
}

export interface TestDatabase {
  database: Database;
  target: TestDatabaseTarget;
  /** Closes the database and removes its file or schema. */
  cleanup(): Promise<void>;
}

export async function openTestDatabase(kind: DatabaseKind, options: OpenDatabaseOptions = {}): Promise<TestDatabase> {
  const target = await createTestTarget(kind);
  const database = await openDatabase(target.url, { ...target.options, ...options });
  return {
    database,
    target,
    cleanup: async () => {
      await database.close();
      await target.remove();
    },
  };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
