import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FindingKind } from '../core/model/evaluation.ts';
import type { Database } from './database.ts';
import { evaluationOf, sampleTranscript } from './testing/test-calls.ts';
import { DATABASE_KINDS, openTestDatabase } from './testing/test-databases.ts';
import type { TestDatabase } from './testing/test-databases.ts';

interface CallSpec {
  id: string;
  manager: string | null;
  team: string;
  startedAt: string;
  /** Undefined: not evaluated. */
  score?: number | null;
  findings?: FindingKind[];
}

const CALLS: CallSpec[] = [
  { id: 'a1', manager: 'Алексеева Анна', team: 'Продажи', startedAt: '2026-02-01', score: 40, findings: ['irritation', 'irritation', 'no_solution'] },
  { id: 'a2', manager: 'Алексеева Анна', team: 'Продажи', startedAt: '2026-02-02', score: 80, findings: [] },
  { id: 'a3', manager: 'Алексеева Анна', team: 'Продажи', startedAt: '2026-02-03' },
  { id: 'b1', manager: 'Борисов Борис', team: 'Поддержка', startedAt: '2026-02-01', score: 20, findings: ['irritation'] },
  { id: 'b2', manager: 'Борисов Борис', team: 'Поддержка', startedAt: '2026-03-01', score: null, findings: [] },
  { id: 'n1', manager: null, team: 'Поддержка', startedAt: '2026-02-05', score: 60, findings: ['no_solution'] },
];

describe.each(DATABASE_KINDS)('ReportRepository on %s', (kind) => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    database = testDatabase.database;
    for (const spec of CALLS) {
      const transcript = sampleTranscript(spec.id, {
        startedAt: spec.startedAt,
        manager: spec.manager === null ? null : { name: spec.manager, team: spec.team, supervisor: null, position: null },
      });
      await database.calls.saveTranscript(transcript, { searchText: '' });
      if (spec.score !== undefined) {
        await database.evaluations.saveEvaluation(evaluationOf(transcript, { score: spec.score, findings: spec.findings ?? [], failed: spec.id === 'a1' ? ['needs'] : [] }));
      }
    }
  });

  afterAll(async () => {
    await testDatabase.cleanup();
  });

  it('sums calls, scores and findings per manager', async () => {
    const summaries = await database.reports.managerSummaries();

    expect(summaries.map((summary) => ({ ...summary, manager: summary.manager?.name ?? null, team: summary.team?.name ?? null }))).toEqual([
      { manager: 'Алексеева Анна', team: 'Продажи', calls: 3, evaluatedCalls: 2, averageScore: 60, findings: { irritation: 2, no_solution: 1 } },
      { manager: 'Борисов Борис', team: 'Поддержка', calls: 2, evaluatedCalls: 2, averageScore: 20, findings: { irritation: 1 } },
      { manager: null, team: null, calls: 1, evaluatedCalls: 1, averageScore: 60, findings: { no_solution: 1 } },
    ]);
  });

  it('applies the list filter to the manager summaries', async () => {
    const summaries = await database.reports.managerSummaries({ startedFrom: '2026-02-01', startedTo: '2026-02-02' });

    expect(summaries.map((summary) => [summary.manager?.name, summary.calls, summary.averageScore])).toEqual([
      ['Алексеева Анна', 1, 40],
      ['Борисов Борис', 1, 20],
    ]);
  });

  it('compares scores of calls with and without each finding', async () => {
    const impact = await database.reports.findingImpact();

    // Evaluated: a1 40, a2 80, b1 20, b2 no score, n1 60.
    expect(impact.find((row) => row.kind === 'irritation')).toEqual({ kind: 'irritation', callsWith: 2, averageScoreWith: 30, callsWithout: 3, averageScoreWithout: 70 });
    expect(impact.find((row) => row.kind === 'no_solution')).toEqual({ kind: 'no_solution', callsWith: 2, averageScoreWith: 50, callsWithout: 3, averageScoreWithout: 50 });
    expect(impact.find((row) => row.kind === 'long_hold')).toEqual({ kind: 'long_hold', callsWith: 0, averageScoreWith: null, callsWithout: 5, averageScoreWithout: 50 });
    expect(impact).toHaveLength(12);
  });

  it('counts criterion results', async () => {
    const summary = await database.reports.criterionSummary();

    expect(summary.find((row) => row.criterionId === 'needs')?.results).toEqual({ passed: 4, failed: 1, not_applicable: 0 });
    expect(summary.find((row) => row.criterionId === 'greeting')?.results).toEqual({ passed: 5, failed: 0, not_applicable: 0 });
  });

  it('returns empty reports for a filter with no calls', async () => {
    expect(await database.reports.managerSummaries({ direction: 'inbound' })).toEqual([]);
    expect((await database.reports.findingImpact({ direction: 'inbound' })).every((row) => row.callsWith === 0 && row.callsWithout === 0)).toBe(true);
  });
});
