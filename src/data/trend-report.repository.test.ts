import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CriterionId } from '../core/model/checklist.ts';
import type { FindingKind } from '../core/model/evaluation.ts';
import { Database } from './database.ts';
import { localDaysOf } from './report-rollup.ts';
import { evaluationOf, sampleTranscript } from './testing/test-calls.ts';
import { DATABASE_KINDS, openTestDatabase } from './testing/test-databases.ts';
import type { TestDatabase } from './testing/test-databases.ts';
import type { ReportRange } from './trend-report.repository.ts';

interface CallSpec {
  id: string;
  manager: string | null;
  team: string | null;
  startedAt: string;
  score?: number | null;
  findings?: FindingKind[];
  failed?: CriterionId[];
}

// Moscow is UTC+3, so m3, at 01:30 on 2 December there, is on 1 December in UTC: the rollup must rebuild
// both local days that a changed UTC date touches.
const CALLS: CallSpec[] = [
  { id: 'm1', manager: 'Алексеева Анна', team: 'Продажи', startedAt: '2026-12-01T10:00:00+03:00', score: 40, findings: ['irritation', 'irritation', 'no_solution'], failed: ['needs'] },
  { id: 'm2', manager: 'Алексеева Анна', team: 'Продажи', startedAt: '2026-12-01T23:30:00+03:00', score: 80, findings: [] },
  { id: 'm3', manager: 'Алексеева Анна', team: 'Продажи', startedAt: '2026-12-02T01:30:00+03:00' },
  { id: 'b1', manager: 'Борисов Борис', team: 'Поддержка', startedAt: '2026-12-02T12:00:00+03:00', score: 20, findings: ['irritation'], failed: ['needs', 'greeting'] },
  { id: 'b2', manager: 'Борисов Борис', team: 'Поддержка', startedAt: '2026-12-08T09:00:00+03:00', score: null, findings: [] },
  { id: 'n1', manager: null, team: null, startedAt: '2026-12-03T15:00:00+03:00', score: 60, findings: ['no_solution'] },
];

const WEEK_ONE: ReportRange = { start: '2026-11-29T21:00:00.000Z', end: '2026-12-06T21:00:00.000Z', days: { from: '2026-11-30', to: '2026-12-07' } };
const WEEK_TWO: ReportRange = { start: '2026-12-06T21:00:00.000Z', end: '2026-12-13T21:00:00.000Z', days: { from: '2026-12-07', to: '2026-12-14' } };
const withoutDays = ({ start, end }: ReportRange): ReportRange => ({ start, end });

describe.each(DATABASE_KINDS)('TrendReportRepository on %s', (kind) => {
  let testDatabase: TestDatabase;
  let database: Database;

  const save = async (spec: CallSpec) => {
    const transcript = sampleTranscript(spec.id, {
      startedAt: spec.startedAt,
      manager: spec.manager === null ? null : { name: spec.manager, team: spec.team, supervisor: null, position: null },
    });
    await database.calls.saveTranscript(transcript, { searchText: '' });
    if (spec.score !== undefined) {
      await database.evaluations.saveEvaluation(evaluationOf(transcript, { score: spec.score, findings: spec.findings ?? [], failed: spec.failed ?? [] }));
    }
  };

  beforeAll(async () => {
    testDatabase = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    database = testDatabase.database;
    for (const spec of CALLS) {
      await save(spec);
    }
  });

  afterAll(async () => {
    await testDatabase.cleanup();
  });

  it('sums weeks from the rollup as from the calls', async () => {
    const fromRollup = await database.trends.totalsByRange({}, [WEEK_ONE, WEEK_TWO]);
    const fromCalls = await database.trends.totalsByRange({}, [withoutDays(WEEK_ONE), withoutDays(WEEK_TWO)]);

    expect(fromRollup).toEqual([
      { calls: 5, evaluatedCalls: 4, scoredCalls: 4, averageScore: 50 },
      { calls: 1, evaluatedCalls: 1, scoredCalls: 0, averageScore: null },
    ]);
    expect(fromCalls).toEqual(fromRollup);
  });

  it('counts calls with each finding kind once', async () => {
    const fromRollup = await database.trends.findingCallsByRange({}, [WEEK_ONE]);
    const fromCalls = await database.trends.findingCallsByRange({}, [withoutDays(WEEK_ONE)]);

    expect(fromRollup).toEqual([{ irritation: 2, no_solution: 2 }]);
    expect(fromCalls).toEqual(fromRollup);
  });

  it('compares scores with and without each finding', async () => {
    const fromRollup = await database.trends.findingImpact({}, WEEK_ONE);
    const fromCalls = await database.trends.findingImpact({}, withoutDays(WEEK_ONE));

    // Evaluated in week one: m1 40, m2 80, b1 20, n1 60.
    expect(fromRollup.find((row) => row.kind === 'irritation')).toEqual({ kind: 'irritation', callsWith: 2, averageScoreWith: 30, callsWithout: 2, averageScoreWithout: 70 });
    expect(fromRollup.find((row) => row.kind === 'long_hold')).toEqual({ kind: 'long_hold', callsWith: 0, averageScoreWith: null, callsWithout: 4, averageScoreWithout: 50 });
    expect(fromRollup).toHaveLength(12);
    expect(fromCalls).toEqual(fromRollup);
  });

  it('counts criterion results', async () => {
    const fromRollup = await database.trends.criterionImpact({}, WEEK_ONE);
    const fromCalls = await database.trends.criterionImpact({}, withoutDays(WEEK_ONE));

    expect(fromRollup.find((row) => row.criterionId === 'needs')).toEqual({ criterionId: 'needs', failedCalls: 2, averageScoreFailed: 30, passedCalls: 2, averageScorePassed: 70 });
    expect(fromCalls).toEqual(fromRollup);
  });

  it('groups by team and by manager', async () => {
    const { teams, managers } = await database.trends.comparison({}, WEEK_ONE);

    expect(teams.map((row) => [row.team?.name ?? null, row.calls, row.averageScore, row.findings])).toEqual([
      ['Поддержка', 1, 20, { irritation: 1 }],
      ['Продажи', 3, 60, { irritation: 1, no_solution: 1 }],
      [null, 1, 60, { no_solution: 1 }],
    ]);
    expect(managers.map((row) => [row.manager?.name ?? null, row.team?.name ?? null, row.calls])).toEqual([
      ['Алексеева Анна', 'Продажи', 3],
      ['Борисов Борис', 'Поддержка', 1],
      [null, null, 1],
    ]);
    expect(await database.trends.comparison({}, withoutDays(WEEK_ONE))).toEqual({ teams, managers });
  });

  it('limits to the scope', async () => {
    const sales = (await database.managers.listTeams()).find((team) => team.name === 'Продажи');

    const totals = await database.trends.totalsByRange({ teamIds: [sales?.id ?? 0] }, [WEEK_ONE]);
    const none = await database.trends.totalsByRange({ teamIds: [] }, [WEEK_ONE]);
    const noneFromCalls = await database.trends.totalsByRange({ managerIds: [] }, [withoutDays(WEEK_ONE)]);

    expect(totals[0]?.calls).toBe(3);
    expect(none[0]?.calls).toBe(0);
    expect(noneFromCalls[0]?.calls).toBe(0);
  });

  it('follows new evaluations, moved and deleted calls', async () => {
    await save({ id: 'late', manager: 'Борисов Борис', team: 'Поддержка', startedAt: '2026-12-05T10:00:00+03:00', score: 100, findings: [] });
    await database.evaluations.saveEvaluation(evaluationOf(sampleTranscript('m2', { startedAt: '2026-12-01T23:30:00+03:00', manager: { name: 'Алексеева Анна', team: 'Продажи', supervisor: null, position: null } }), { score: 0, findings: ['long_hold'] }));
    await database.calls.deleteCalls(['n1']);

    const [week] = await database.trends.totalsByRange({}, [WEEK_ONE]);
    const [findings] = await database.trends.findingCallsByRange({}, [WEEK_ONE]);
    const [fromCalls] = await database.trends.totalsByRange({}, [withoutDays(WEEK_ONE)]);

    // m1 40, m2 0, b1 20, late 100.
    expect(week).toEqual({ calls: 5, evaluatedCalls: 4, scoredCalls: 4, averageScore: 40 });
    expect(findings).toEqual({ irritation: 2, no_solution: 1, long_hold: 1 });
    expect(fromCalls).toEqual(week);
  });

  it('rebuilds every day in a new time zone', async () => {
    const utc = new Database(database.db, database.dialect, 'UTC', null);

    // Week one in UTC starts and ends three hours later; the same five calls fall in it.
    const [inUtc] = await utc.trends.totalsByRange({}, [{ start: '2026-11-30T00:00:00.000Z', end: '2026-12-07T00:00:00.000Z', days: { from: '2026-11-30', to: '2026-12-07' } }]);
    const [back] = await database.trends.totalsByRange({}, [WEEK_ONE]);

    expect(inUtc?.calls).toBe(5);
    expect(back).toEqual({ calls: 5, evaluatedCalls: 4, scoredCalls: 4, averageScore: 40 });
  });
});

describe('localDaysOf', () => {
  it.each([
    [['2026-12-01'], 'Europe/Moscow', ['2026-12-01', '2026-12-02']],
    [['2026-12-01'], 'UTC', ['2026-12-01']],
    [['2026-12-01'], 'America/New_York', ['2026-11-30', '2026-12-01']],
    [['2026-12-01', '2026-12-02'], 'Europe/Moscow', ['2026-12-01', '2026-12-02', '2026-12-03']],
  ])('maps UTC dates %j in %s', (utcDays, zone, expected) => {
    expect(localDaysOf(utcDays, zone)).toEqual(expected);
  });
});
