import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';

import { failedCriteriaOf } from './failed-criteria.ts';
import { evaluationOf, sampleTranscript } from './testing/test-calls.ts';
import { DATABASE_KINDS, openTestDatabase } from './testing/test-databases.ts';
import type { TestDatabase } from './testing/test-databases.ts';

describe('failedCriteriaOf', () => {
  it('puts critical criteria first, then heavier ones', () => {
    const verdict = (id: string, weight: number, critical: boolean, result: 'passed' | 'failed' | 'not_applicable') => ({ id, title: `Критерий ${id}`, weight, critical, result });
    const picked = failedCriteriaOf([
      verdict('light', 5, false, 'failed'),
      verdict('passed', 50, true, 'passed'),
      verdict('heavy', 20, false, 'failed'),
      verdict('skipped', 30, true, 'not_applicable'),
      verdict('critical', 1, true, 'failed'),
    ]);
    expect(picked.map((criterion) => criterion.id)).toEqual(['critical', 'heavy', 'light']);
    expect(picked[0]).toEqual({ id: 'critical', title: 'Критерий critical', critical: true });
  });

  it('keeps at most four', () => {
    const many = Array.from({ length: 7 }, (_, index) => ({ id: `c${index}`, title: `c${index}`, weight: index, critical: false, result: 'failed' as const }));
    expect(failedCriteriaOf(many)).toHaveLength(4);
  });
});

describe.each(DATABASE_KINDS)('failed criteria on the calls list (%s)', (kind) => {
  let testDatabase: TestDatabase | undefined;

  afterEach(async () => {
    await testDatabase?.cleanup();
    testDatabase = undefined;
  });

  it('stores them on save and backfills them in the migration', async () => {
    testDatabase = await openTestDatabase(kind);
    const { database } = testDatabase;
    await database.migrateToLatest();
    const failing = sampleTranscript('no-findings-low');
    const clean = sampleTranscript('no-findings-clean');
    await database.calls.saveTranscripts([failing, clean].map((transcript) => ({ transcript, searchText: '' })));
    await database.evaluations.saveEvaluations([
      evaluationOf(failing, { score: 47, failed: ['next_step', 'needs'] }),
      evaluationOf(clean, { score: 100 }),
    ]);

    const listed = async () => {
      const page = await database.calls.listCalls({}, undefined, { limit: 10 });
      return new Map(page.items.map((item) => [item.id, item.failedCriteria]));
    };
    const saved = await listed();
    expect(saved.get('no-findings-low')).toEqual([
      { id: 'needs', title: 'needs', critical: true },
      { id: 'next_step', title: 'next_step', critical: false },
    ]);
    expect(saved.get('no-findings-clean')).toEqual([]);

    // Calls evaluated before the column existed get it from their criteria rows when the migration runs.
    await sql`alter table calls drop column failed_criteria`.execute(database.db);
    await sql`delete from kysely_migration where name = ${'0505_call_failed_criteria'}`.execute(database.db);
    await database.migrateToLatest();
    expect(await listed()).toEqual(saved);
  });
});
