import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CallPromise } from '../core/model/evaluation.ts';
import type { Database } from './database.ts';
import { evaluationOf, sampleTranscript } from './testing/test-calls.ts';
import { DATABASE_KINDS, openTestDatabase } from './testing/test-databases.ts';
import type { TestDatabase } from './testing/test-databases.ts';

const CALLBACK: CallPromise = {
  turn: 2,
  startSec: 10,
  quote: 'Я перезвоню вам завтра до обеда с расчётом.',
  action: 'callback',
  dueText: 'завтра до обеда',
  due: '2026-03-03T13:00:00+03:00',
};

describe.each(DATABASE_KINDS)('EvaluationRepository on %s', (kind) => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    database = testDatabase.database;
  });

  afterAll(async () => {
    await testDatabase.cleanup();
  });

  async function rowsOf(table: 'findings' | 'evaluation_criteria' | 'promises', callId: string) {
    return database.db.selectFrom(table).selectAll().where('call_id', '=', callId).execute();
  }

  it('returns the current evaluation with the call', async () => {
    const transcript = sampleTranscript('evaluated');
    await database.calls.saveTranscript(transcript, { searchText: '' });
    const evaluation = evaluationOf(transcript, { score: 72.5, findings: ['irritation'], failed: ['needs'], promises: [CALLBACK] });

    const id = await database.evaluations.saveEvaluation(evaluation);

    const stored = await database.calls.getCall('evaluated');
    expect(stored?.evaluation).toEqual(evaluation);
    expect(stored?.evaluationId).toBe(id);
    expect(stored?.score).toBe(72.5);
    expect(stored?.evaluatedAt).not.toBeNull();
  });

  it('keeps earlier evaluations as history with one current', async () => {
    const transcript = sampleTranscript('history');
    await database.calls.saveTranscript(transcript, { searchText: '' });
    const scores = [40, 55, 90];
    for (const [index, score] of scores.entries()) {
      await database.evaluations.saveEvaluation(evaluationOf(transcript, { score, checklistVersion: index + 1 }));
    }

    const history = await database.evaluations.listHistory('history');
    expect(history.map((record) => record.score)).toEqual([90, 55, 40]);
    expect(history.map((record) => record.current)).toEqual([true, false, false]);
    expect(history.map((record) => record.checklist.version)).toEqual([3, 2, 1]);
    expect((await database.calls.getCall('history'))?.score).toBe(90);
  });

  it('replaces the criteria, findings and promises of the call', async () => {
    const transcript = sampleTranscript('replaced');
    await database.calls.saveTranscript(transcript, { searchText: '' });
    await database.evaluations.saveEvaluation(evaluationOf(transcript, { score: 30, findings: ['irritation', 'no_solution'], failed: ['needs', 'greeting'], promises: [CALLBACK] }));
    await database.evaluations.saveEvaluation(evaluationOf(transcript, { score: 80, findings: ['long_hold'], failed: [] }));

    const findings = await rowsOf('findings', 'replaced');
    const criteria = await rowsOf('evaluation_criteria', 'replaced');
    expect(findings.map((finding) => finding.kind)).toEqual(['long_hold']);
    expect(criteria.filter((criterion) => criterion.result === 'failed')).toEqual([]);
    expect(criteria).toHaveLength(10);
    expect(await rowsOf('promises', 'replaced')).toEqual([]);
    expect((await database.calls.listCalls({ findingKinds: ['irritation'] })).items.map((item) => item.id)).not.toContain('replaced');
  });

  it('keeps a promise\'s follow-through when the call is evaluated again', async () => {
    const transcript = sampleTranscript('promise');
    await database.calls.saveTranscript(transcript, { searchText: '' });
    await database.evaluations.saveEvaluation(evaluationOf(transcript, { score: 60, promises: [CALLBACK] }));
    const due = (await database.evaluations.listPromisesDue('open', '2026-03-04T00:00:00Z')).find((promise) => promise.callId === 'promise');
    expect(due?.dueAt).toBe('2026-03-03T10:00:00.000Z');
    expect(await database.evaluations.setPromiseStatus(due?.id ?? 0, 'broken')).toBe(true);

    await database.evaluations.saveEvaluation(evaluationOf(transcript, { score: 65, promises: [CALLBACK, { ...CALLBACK, turn: 0, action: 'send', quote: 'Пришлю КП.' }] }));

    const promises = await rowsOf('promises', 'promise');
    expect(promises.map((promise) => [promise.action, promise.status])).toEqual([
      ['callback', 'broken'],
      ['send', 'open'],
    ]);
  });

  it('lists promises due before a time in any ISO form', async () => {
    const transcript = sampleTranscript('due');
    await database.calls.saveTranscript(transcript, { searchText: '' });
    await database.evaluations.saveEvaluation(evaluationOf(transcript, { score: 60, promises: [{ ...CALLBACK, due: '2026-05-01T09:00:00.000Z' }] }));

    const duePromises = async (before: string) => (await database.evaluations.listPromisesDue('open', before)).filter((promise) => promise.callId === 'due');
    expect(await duePromises('2026-05-01T09:00:00Z')).toEqual([]);
    expect(await duePromises('2026-05-01T12:00:01+03:00')).toHaveLength(1);
    expect(await duePromises('2026-05-02')).toHaveLength(1);
    await expect(database.evaluations.listPromisesDue('open', 'завтра')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('makes the last of several evaluations of one call in a batch current', async () => {
    const transcript = sampleTranscript('batch');
    await database.calls.saveTranscript(transcript, { searchText: '' });

    const ids = await database.evaluations.saveEvaluations([evaluationOf(transcript, { score: 10 }), evaluationOf(transcript, { score: 20, findings: ['interruption'] })]);

    const history = await database.evaluations.listHistory('batch');
    expect(history.find((record) => record.current)?.id).toBe(ids[1]);
    expect((await rowsOf('findings', 'batch')).map((finding) => finding.kind)).toEqual(['interruption']);
  });

  it('keeps one current evaluation when saves run at once', async () => {
    const transcript = sampleTranscript('concurrent');
    await database.calls.saveTranscript(transcript, { searchText: '' });

    await Promise.all([30, 50, 70].map((score) => database.evaluations.saveEvaluation(evaluationOf(transcript, { score, findings: ['irritation'] }))));

    const history = await database.evaluations.listHistory('concurrent');
    expect(history).toHaveLength(3);
    expect(history.filter((record) => record.current)).toHaveLength(1);
    expect(await rowsOf('findings', 'concurrent')).toHaveLength(1);
  });

  it('rejects an evaluation of a call that is not stored', async () => {
    const evaluation = evaluationOf(sampleTranscript('never-saved'), { score: 50 });

    await expect(database.evaluations.saveEvaluation(evaluation)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/звонок never-saved не найден/) as unknown });
  });

  it('leaves the previous evaluation current when saving fails half-way', async () => {
    const transcript = sampleTranscript('failing');
    await database.calls.saveTranscript(transcript, { searchText: '' });
    await database.evaluations.saveEvaluation(evaluationOf(transcript, { score: 50, findings: ['irritation'] }));
    const before = await database.calls.getCall('failing');

    // The severity check fails on the finding, after the evaluation row and the criteria were written.
    const broken = evaluationOf(transcript, { score: 99, findings: ['no_solution'] });
    broken.findings = broken.findings.map((finding) => ({ ...finding, severity: 'fatal' as never }));
    await expect(database.evaluations.saveEvaluation(broken)).rejects.toThrow();

    expect(await database.calls.getCall('failing')).toEqual(before);
    expect((await rowsOf('findings', 'failing')).map((finding) => finding.kind)).toEqual(['irritation']);
    expect(await database.evaluations.listHistory('failing')).toHaveLength(1);
  });

  it('saves a transcript and its evaluation together or not at all', async () => {
    const transcript = sampleTranscript('together');

    await expect(
      database.transaction(async (repositories) => {
        await repositories.calls.saveTranscript(transcript, { searchText: 'вместе' });
        await repositories.evaluations.saveEvaluation(evaluationOf(transcript, { score: 70 }));
        throw new Error('analysis failed after saving');
      }),
    ).rejects.toThrow('analysis failed after saving');

    expect(await database.calls.getCall('together')).toBeUndefined();
    expect((await database.calls.listCalls({ searchLemmas: ['вместе'] })).total).toBe(0);
  });

  it('deletes the evaluations with the call', async () => {
    const transcript = sampleTranscript('deleted');
    await database.calls.saveTranscript(transcript, { searchText: '' });
    await database.evaluations.saveEvaluation(evaluationOf(transcript, { score: 50, findings: ['irritation'], promises: [CALLBACK] }));

    await database.calls.deleteCalls(['deleted']);

    expect(await database.evaluations.listHistory('deleted')).toEqual([]);
    expect(await rowsOf('findings', 'deleted')).toEqual([]);
    expect(await rowsOf('promises', 'deleted')).toEqual([]);
  });
});
