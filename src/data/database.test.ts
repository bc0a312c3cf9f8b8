import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';

import { openDatabase } from './database.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './database.ts';
import { createTestTarget, DATABASE_KINDS, TEST_POSTGRES_URL } from './testing/test-databases.ts';
import type { TestDatabaseTarget } from './testing/test-databases.ts';

const run = promisify(execFile);

async function migrationNames(database: Database): Promise<string[]> {
  return Object.keys(await migrationProvider(database.dialect).getMigrations()).sort();
}

const TABLES = ['teams', 'managers', 'calls', 'turns', 'call_search', 'checklists', 'evaluations', 'evaluation_criteria', 'findings', 'promises'];

describe.each(DATABASE_KINDS)('openDatabase on %s', (kind) => {
  const opened: Database[] = [];
  const targets: TestDatabaseTarget[] = [];

  async function newTarget(): Promise<TestDatabaseTarget> {
    const target = await createTestTarget(kind);
    targets.push(target);
    return target;
  }

  async function open(target: TestDatabaseTarget): Promise<Database> {
    const database = await openDatabase(target.url, target.options);
    opened.push(database);
    return database;
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
    await Promise.all(targets.splice(0).map((target) => target.remove()));
  });

  it('creates every table in an empty database', async () => {
    const database = await open(await newTarget());

    const tables = await database.db.introspection.getTables();
    const names = tables.map((table) => table.name);
    for (const table of TABLES) {
      expect(names).toContain(table);
    }
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(applied.rows.map((row) => row.name)).toEqual(await migrationNames(database));
  });

  it('applies nothing when migrated again or reopened', async () => {
    const target = await newTarget();
    const database = await open(target);

    expect(await database.migrateToLatest()).toEqual([]);
    const reopened = await openDatabase(target.url, { ...target.options, migrate: false });
    opened.push(reopened);
    expect(await reopened.migrateToLatest()).toEqual([]);
  });

  it('migrates once when two processes start together', async () => {
    const target = await newTarget();
    const args = [target.url, ...(target.options.schema === undefined ? [] : [target.options.schema])];
    const child = path.join(import.meta.dirname, 'testing', 'migrate-child.ts');
    const tsx = path.join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');

    const outputs = await Promise.all([run(tsx, [child, ...args]), run(tsx, [child, ...args])]);

    const applied = outputs.map((output) => JSON.parse(output.stdout) as string[]);
    const all = await migrationNames(await open(target));
    expect(applied.flat()).toEqual(all);
    expect(all[0]).toBe('0001_initial');
  });

  it('refreshes statistics after an import', async () => {
    const database = await open(await newTarget());

    await expect(database.optimize()).resolves.toBeUndefined();
  });

  it('keeps working after a failed statement', async () => {
    const database = await open(await newTarget());

    await expect(sql`select * from no_such_table`.execute(database.db)).rejects.toThrow();
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows[0]?.one).toBe(1);
  });
});

describe('openDatabase on sqlite', () => {
  it('switches on WAL and foreign keys', async () => {
    const target = await createTestTarget('sqlite');
    const database = await openDatabase(target.url);
    try {
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
      const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      expect(foreignKeys.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await database.close();
      await target.remove();
    }
  });

  it('names the file it cannot open', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'okk-data-'));
    const notAFolder = path.join(folder, 'file.txt');
    await writeFile(notAFolder, 'не папка');
    try {
      await expect(openDatabase(`sqlite:${notAFolder}/okk.sqlite`)).rejects.toThrow(`Не удалось открыть файл базы данных SQLite ${notAFolder}/okk.sqlite`);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('openDatabase with a bad address', () => {
  it.each([
    ['mysql://root@127.0.0.1/test', /Адрес базы данных «mysql:\/\/root@127\.0\.0\.1\/test» не распознан/],
    ['sqlite:', /не указан путь к файлу/],
    ['postgres://user:secret@127.0.0.1:1/test', /Не удалось подключиться к PostgreSQL postgres:\/\/user:\*\*\*@127\.0\.0\.1:1\/test/],
  ])('rejects %s', async (url, message) => {
    await expect(openDatabase(url)).rejects.toThrow(message);
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(openDatabase(TEST_POSTGRES_URL, { schema: 'okk; drop table calls' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
