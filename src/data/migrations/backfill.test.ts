import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';

import { evaluationOf, sampleTranscript } from '../testing/test-calls.ts';
import { DATABASE_KINDS, openTestDatabase } from '../testing/test-databases.ts';
import type { TestDatabase } from '../testing/test-databases.ts';

// More calls than one backfill batch of either migration, so the statement runs more than once.
const CALLS = 1_100;

describe.each(DATABASE_KINDS)('backfill of the columns copied onto calls (%s)', (kind) => {
  let testDatabase: TestDatabase | undefined;

  afterEach(async () => {
    await testDatabase?.cleanup();
    testDatabase = undefined;
  });

  it('restores both columns for older calls', async () => {
    testDatabase = await openTestDatabase(kind);
    const { database } = testDatabase;
    await database.migrateToLatest();
    const transcripts = Array.from({ length: CALLS }, (_, index) => sampleTranscript(`call-${String(index).padStart(5, '0')}`));
    await database.calls.saveTranscripts(transcripts.map((transcript) => ({ transcript, searchText: '' })));
    // Every third call is clean; the others fail criteria and have findings, some with a long quote.
    await database.evaluations.saveEvaluations(
      transcripts.map((transcript, index) =>
        index % 3 === 0
          ? evaluationOf(transcript, { score: 100 })
          : evaluationOf(transcript, { score: 40 + (index % 50), failed: index % 2 === 0 ? ['needs'] : ['next_step', 'summary'], findings: ['question_ignored', 'irritation'] }),
      ),
    );
    const listed = async () => {
      const rows = await sql<{ id: string; worst_findings: unknown; failed_criteria: unknown }>`select id, worst_findings, failed_criteria from calls order by id`.execute(database.db);
      return rows.rows.map((row) => ({
        id: row.id,
        worst: typeof row.worst_findings === 'string' ? (JSON.parse(row.worst_findings) as unknown) : row.worst_findings,
        failed: typeof row.failed_criteria === 'string' ? (JSON.parse(row.failed_criteria) as unknown) : row.failed_criteria,
      }));
    };
    const saved = await listed();
    expect(saved).toHaveLength(CALLS);
    expect(saved[1]?.worst).toHaveLength(2);
    expect(saved[1]?.failed).toEqual([
      { id: 'next_step', title: 'next_step', critical: false },
      { id: 'summary', title: 'summary', critical: false },
    ]);
    expect(saved[0]).toMatchObject({ worst: [], failed: [] });

    await sql`alter table calls drop column worst_findings`.execute(database.db);
    await sql`alter table calls drop column failed_criteria`.execute(database.db);
    await sql`delete from kysely_migration where name in (${'0500_call_worst_findings'}, ${'0505_call_failed_criteria'})`.execute(database.db);
    await database.migrateToLatest();
    expect(await listed()).toEqual(saved);
  });
});
