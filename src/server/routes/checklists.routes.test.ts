import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Checklist } from '../../core/model/checklist.ts';
import { SqliteJobQueue } from '../../jobs/sqlite-job-queue.ts';
import { createLogger } from '../../lib/logger.ts';
import { ReevaluationService } from '../../services/reevaluation/reevaluation.service.ts';
import type { CallReviewState } from '../schemas/calls.schemas.ts';
import type { ChecklistDetail, ChecklistListResponse, ReevaluationResponse } from '../schemas/checklists.schemas.ts';
import type { ErrorResponse } from '../schemas/common.schemas.ts';
import type { ApiClient, SeededApi } from '../testing/api-harness.ts';
import { seedApi } from '../testing/api-harness.ts';

const QUEUE_SETTINGS = { maxAttempts: 1, retryDelaySec: 1, leaseMs: 60_000, pollIntervalMs: 1000, stopGraceMs: 1000, retentionDays: 30 };

describe('checklists API', () => {
  let api: SeededApi;
  let admin: ApiClient;
  let reviewer: ApiClient;
  let queue: SqliteJobQueue;
  let reevaluation: ReevaluationService;

  const edited = (changes: Partial<Checklist>): Checklist => ({ ...structuredClone(api.checklist), ...changes });

  beforeAll(async () => {
    api = await seedApi('sqlite', {
      reevaluation: (database, morphology) => {
        queue = new SqliteJobQueue(database, QUEUE_SETTINGS, createLogger({ level: 'silent' }));
        reevaluation = new ReevaluationService({ database, queue, morphology: () => Promise.resolve(morphology), timeZone: 'Europe/Moscow' });
        return reevaluation;
      },
    });
    admin = await api.login('admin');
    reviewer = await api.login('reviewer');
  });

  afterAll(async () => {
    await api.cleanup();
  });

  it('lists the latest version of each checklist', async () => {
    const response = await reviewer.get<ChecklistListResponse>('/api/v1/checklists');

    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([expect.objectContaining({ id: api.checklist.id, version: 1, title: api.checklist.title, active: true })]);
  });

  it('returns a checklist with its versions', async () => {
    const response = await reviewer.get<ChecklistDetail>(`/api/v1/checklists/${api.checklist.id}`);

    expect(response.status).toBe(200);
    expect(response.body.checklist).toEqual(api.checklist);
    expect(response.body.versions.map((version) => version.version)).toEqual([1]);
    expect(response.body.active).toBe(true);
  });

  it('saves an edit as the next version', async () => {
    const response = await admin.put<ChecklistDetail>(`/api/v1/checklists/${api.checklist.id}`, edited({ title: 'Продажи: чек-лист 2027' }));
    const first = await reviewer.get<ChecklistDetail>(`/api/v1/checklists/${api.checklist.id}/versions/1`);

    expect(response.status).toBe(200);
    expect(response.body.checklist.version).toBe(2);
    expect(response.body.checklist.title).toBe('Продажи: чек-лист 2027');
    expect(response.body.versions.map((version) => version.version)).toEqual([2, 1]);
    expect(first.body.checklist.title).toBe(api.checklist.title);
  });

  it('refuses an edit started from an older version', async () => {
    const response = await admin.put<ErrorResponse>(`/api/v1/checklists/${api.checklist.id}`, edited({ title: 'поздняя правка', version: 1 }));

    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain('последняя версия 2');
  });

  it('stores nothing when the edit changes nothing', async () => {
    const latest = await reviewer.get<ChecklistDetail>(`/api/v1/checklists/${api.checklist.id}`);

    const response = await admin.put<ChecklistDetail>(`/api/v1/checklists/${api.checklist.id}`, latest.body.checklist);

    expect(response.body.checklist.version).toBe(2);
    expect(response.body.versions).toHaveLength(2);
  });

  it('validates the checklist with every field named in Russian', async () => {
    const [first, second] = api.checklist.criteria;
    if (first === undefined || second === undefined) {
      throw new Error('the default checklist has fewer than two criteria');
    }
    const broken = edited({
      version: 2,
      criteria: [{ ...first, weight: -5 }, { ...second, id: first.id }],
      settings: { ...api.checklist.settings, criticalCap: 140 },
    });

    const response = await admin.put<ErrorResponse>(`/api/v1/checklists/${api.checklist.id}`, broken);

    expect(response.status).toBe(422);
    expect(response.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'criteria[0].weight', message: 'вес не может быть отрицательным' },
        { path: 'settings.criticalCap', message: 'предел оценки — от 0 до 100' },
        { path: 'criteria[1].id', message: `критерий «${first.id}» указан дважды` },
      ]),
    );
  });

  it('names an unknown checklist key by path', async () => {
    const latest = await reviewer.get<ChecklistDetail>(`/api/v1/checklists/${api.checklist.id}`);
    const [first, ...rest] = latest.body.checklist.criteria;
    if (first === undefined) {
      throw new Error('the checklist has no criteria');
    }

    const response = await admin.put<ErrorResponse>(`/api/v1/checklists/${api.checklist.id}`, { ...latest.body.checklist, extra: 1, criteria: [{ ...first, weigth: 5 }, ...rest] });

    expect(response.status).toBe(422);
    expect(response.body.error.fields?.map((field) => field.path)).toEqual(['criteria[0].weigth', 'extra']);
    expect(response.body.error.fields?.[0]?.message).toMatch(/^неизвестное поле «weigth» \(допустимые поля: id, title, description, weight,/u);
  });

  it('rejects a wordless greeting phrase', async () => {
    const latest = await reviewer.get<ChecklistDetail>(`/api/v1/checklists/${api.checklist.id}`);
    const checklist = latest.body.checklist;
    const criteria = checklist.criteria.map((entry) => (entry.id === 'greeting' ? { ...entry, phrases: [...entry.phrases, '((('] } : entry));
    const index = checklist.criteria.findIndex((entry) => entry.id === 'greeting');
    const greeting = checklist.criteria[index];

    const response = await admin.put<ErrorResponse>(`/api/v1/checklists/${api.checklist.id}`, { ...checklist, criteria });
    const after = await reviewer.get<ChecklistDetail>(`/api/v1/checklists/${api.checklist.id}`);

    expect(response.status).toBe(422);
    expect(response.body.error.fields).toEqual([
      {
        path: `criteria[${index}].phrases[${greeting?.phrases.length ?? 0}]`,
        message: `критерий «${greeting?.title ?? ''}» (greeting): в фразе «(((» нет ни одной буквы или цифры, поэтому она не найдёт ни одного слова`,
      },
    ]);
    expect(after.body.checklist.version).toBe(checklist.version);
  });

  it('reports a blank forbidden phrase once', async () => {
    const latest = await reviewer.get<ChecklistDetail>(`/api/v1/checklists/${api.checklist.id}`);
    const checklist = latest.body.checklist;

    const response = await admin.put<ErrorResponse>(`/api/v1/checklists/${api.checklist.id}`, { ...checklist, forbiddenPhrases: [...checklist.forbiddenPhrases, ' '] });

    expect(response.status).toBe(422);
    expect(response.body.error.fields).toEqual([{ path: `forbiddenPhrases[${checklist.forbiddenPhrases.length}]`, message: 'фраза не может быть пустой' }]);
  });

  it('refuses a body for another checklist id', async () => {
    const response = await admin.put<ErrorResponse>('/api/v1/checklists/support', edited({ version: 2 }));

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('INVALID_INPUT');
  });

  it('creates a new checklist as version 1', async () => {
    const response = await admin.put<ChecklistDetail>('/api/v1/checklists/support', edited({ id: 'support', title: 'Поддержка', version: 1 }));

    expect(response.status).toBe(200);
    expect(response.body.checklist.version).toBe(1);
    expect(response.body.active).toBe(false);
  });

  it('answers 404 for unknown checklists and versions', async () => {
    expect((await reviewer.get('/api/v1/checklists/nope')).status).toBe(404);
    expect((await reviewer.get(`/api/v1/checklists/${api.checklist.id}/versions/99`)).status).toBe(404);
  });

  it('is edited only by administrators', async () => {
    const response = await reviewer.put<ErrorResponse>(`/api/v1/checklists/${api.checklist.id}`, edited({ version: 2 }));
    const reevaluate = await reviewer.post<ErrorResponse>(`/api/v1/checklists/${api.checklist.id}/reevaluations`, { since: '2026-12-01' });

    expect(response.status).toBe(403);
    expect(reevaluate.status).toBe(403);
  });

  it('queues a re-evaluation once for the same request', async () => {
    const first = await admin.post<ReevaluationResponse>(`/api/v1/checklists/${api.checklist.id}/reevaluations`, { since: '2026-12-01' });
    const second = await admin.post<ReevaluationResponse>(`/api/v1/checklists/${api.checklist.id}/reevaluations`, { since: '2026-12-01' });
    const job = await queue.getJob(first.body.jobId);

    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ created: true, checklist: { id: api.checklist.id, version: 2 }, since: '2026-12-01' });
    expect(second.body).toMatchObject({ created: false, jobId: first.body.jobId });
    expect(job?.name).toBe('reevaluate-calls');
    expect(job?.state).toBe('queued');
    expect(job?.requestedBy).not.toBeNull();
  });

  it('refuses a re-evaluation with a bad date or version', async () => {
    const badDate = await admin.post<ErrorResponse>(`/api/v1/checklists/${api.checklist.id}/reevaluations`, { since: 'вчера' });
    const badVersion = await admin.post<ErrorResponse>(`/api/v1/checklists/${api.checklist.id}/reevaluations`, { since: '2026-12-01', version: 40 });

    expect(badDate.status).toBe(422);
    expect(badDate.body.error.fields?.[0]?.path).toBe('since');
    expect(badVersion.status).toBe(404);
  });

  it('keeps reviewers decisions through a re-evaluation job', async () => {
    const call = api.evaluations.find((evaluation) => evaluation.call.source.includes('03-ne-uslyshal-vopros'));
    const reviewed = await reviewer.post<CallReviewState>(`/api/v1/calls/${call?.call.id ?? ''}/review/criteria/next_step`, { result: 'passed', comment: 'шаг был' });

    const result = await reevaluation.run(
      { checklistId: api.checklist.id, checklistVersion: 2, since: '2026-12-01', managerId: null, teamId: null },
      { id: 'test-job', signal: new AbortController().signal, reportProgress: () => Promise.resolve(), logger: createLogger({ level: 'silent' }) },
    );
    const after = await reviewer.get<CallReviewState>(`/api/v1/calls/${call?.call.id ?? ''}/review`);

    expect(result.failureCount).toBe(0);
    expect(result.reevaluated).toBe(api.evaluations.length);
    expect(after.body.evaluation?.checklist).toEqual({ id: api.checklist.id, version: 2 });
    expect(after.body.evaluation?.criteria.find((criterion) => criterion.id === 'next_step')?.result).toBe('passed');
    expect(after.body.evaluation?.score).toBe(reviewed.body.evaluation?.score);
  });
});

describe('checklists API without a job queue', () => {
  let api: SeededApi;

  beforeAll(async () => {
    api = await seedApi('sqlite');
  });

  afterAll(async () => {
    await api.cleanup();
  });

  it('answers UNAVAILABLE to a re-evaluation', async () => {
    const admin = await api.login('admin');

    const response = await admin.post<ErrorResponse>(`/api/v1/checklists/${api.checklist.id}/reevaluations`, { since: '2026-12-01' });

    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('UNAVAILABLE');
  });
});
