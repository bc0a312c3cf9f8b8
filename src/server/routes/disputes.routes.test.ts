import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { scoreCall } from '../../core/evaluation/score.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import { DATABASE_KINDS } from '../../data/testing/test-databases.ts';
import type { CallReviewState } from '../schemas/calls.schemas.ts';
import type { ErrorResponse } from '../schemas/common.schemas.ts';
import type { DisputeListResponse, DisputeView } from '../schemas/reviews.schemas.ts';
import type { ApiClient, SeededApi } from '../testing/api-harness.ts';
import { seedApi } from '../testing/api-harness.ts';

describe.each(DATABASE_KINDS)('disputes on %s', (kind) => {
  let api: SeededApi;
  let reviewer: ApiClient;
  let marina: ApiClient;
  let anna: ApiClient;
  let kazanHead: ApiClient;
  let moscowHead: ApiClient;

  /** Marina's sample call from the call list export, by its external id. */
  const marinaCall = (externalId: string): Evaluation => {
    const found = api.evaluations.find((evaluation) => evaluation.call.externalId === externalId);
    if (found === undefined) {
      throw new Error(`no sample call ${externalId}`);
    }
    return found;
  };
  const open = (callId: string, body: unknown) => marina.post<DisputeView>(`/api/v1/calls/${callId}/disputes`, body);

  beforeAll(async () => {
    api = await seedApi(kind);
    reviewer = await api.login('reviewer');
    marina = await api.login('marina');
    anna = await api.login('anna');
    kazanHead = await api.login('kazanHead');
    moscowHead = await api.login('moscowHead');
  });

  afterAll(async () => {
    await api.cleanup();
  });

  it('opens a dispute that both sides see', async () => {
    const call = marinaCall('7001');

    const opened = await open(call.call.id, { target: { type: 'criterion', criterionId: 'needs' }, comment: 'я спросила, что случилось с кухней' });
    const state = await marina.get<CallReviewState>(`/api/v1/calls/${call.call.id}/review`);
    const queue = await reviewer.get<DisputeListResponse>('/api/v1/disputes?status=open');

    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      callId: call.call.id,
      target: { type: 'criterion', criterionId: 'needs' },
      targetTitle: 'Выявление потребности',
      requestedResult: 'passed',
      status: 'open',
      statusTitle: 'открыт',
      openedBy: 'Марина Кузьмина',
      resolvedBy: null,
      call: { manager: { id: api.managers.marina.id, name: api.managers.marina.name }, score: call.score },
    });
    expect(state.body.evaluation?.criteria.find((criterion) => criterion.id === 'needs')?.openDisputeId).toBe(opened.body.id);
    expect(state.body.reviewHistory[0]?.action).toBe('dispute_opened');
    expect(queue.body.items.map((dispute) => dispute.id)).toContain(opened.body.id);
  });

  it('refuses a second open dispute on the same verdict', async () => {
    const response = await open(marinaCall('7001').call.id, { target: { type: 'criterion', criterionId: 'needs' }, comment: 'ещё раз' });

    expect(response.status).toBe(409);
  });

  it.each([
    [{ target: { type: 'criterion', criterionId: 'greeting' }, comment: 'поздоровалась' }, 409],
    [{ target: { type: 'finding', findingKey: 'irritation@99' }, comment: 'не было' }, 404],
    [{ target: { type: 'criterion', criterionId: 'needs' } }, 422],
    [{ target: { type: 'verdict' }, comment: 'x' }, 422],
  ])('refuses dispute %j', async (body, status) => {
    const response = await open(marinaCall('7002').call.id, body);

    expect(response.status).toBe(status);
  });

  it('names the allowed target types', async () => {
    const response = await open(marinaCall('7002').call.id, { target: { type: 'call' }, comment: 'x' });

    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Ошибка в теле запроса: target.type: допустимые значения: criterion, finding.',
        fields: [{ path: 'target.type', message: 'допустимые значения: criterion, finding' }],
      },
    });
  });

  it('lists disputes by scope', async () => {
    const forKazan = await kazanHead.get<DisputeListResponse>('/api/v1/disputes');
    const forMoscow = await moscowHead.get<DisputeListResponse>('/api/v1/disputes');
    const forAnna = await anna.get<DisputeListResponse>('/api/v1/disputes');

    expect(forKazan.body.items.length).toBeGreaterThan(0);
    expect(forMoscow.body.items).toEqual([]);
    expect(forAnna.body.items).toEqual([]);
  });

  it('accepts a dispute: the verdict changes as a decision from the dispute', async () => {
    const call = marinaCall('7001');
    const [dispute] = (await reviewer.get<DisputeListResponse>(`/api/v1/disputes?callId=${call.call.id}&status=open`)).body.items;
    const expected = scoreCall(
      call.criteria.map((criterion) => (criterion.id === 'needs' ? { ...criterion, result: 'passed' as const } : criterion)),
      call.findings,
      api.checklist.settings,
    );

    const accepted = await reviewer.post<DisputeView>(`/api/v1/disputes/${dispute?.id ?? 0}/accept`, { comment: 'вопрос о ситуации был' });
    const state = await marina.get<CallReviewState>(`/api/v1/calls/${call.call.id}/review`);
    const seenByManager = await marina.get<DisputeView>(`/api/v1/disputes/${dispute?.id ?? 0}`);

    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.resolvedBy).toBe('Ольга Проверкина');
    expect(seenByManager.body.statusTitle).toBe('принят');
    expect(seenByManager.body.resolutionComment).toBe('вопрос о ситуации был');
    const needs = state.body.evaluation?.criteria.find((criterion) => criterion.id === 'needs');
    expect(needs?.result).toBe('passed');
    expect(needs?.review?.source).toBe('dispute');
    expect(needs?.openDisputeId).toBeNull();
    expect(state.body.evaluation?.score).toBe(expected);
    expect(state.body.reviewHistory.map((event) => event.action)).toEqual(['dispute_accepted', 'dispute_opened']);
    expect(state.body.reviewHistory[0]?.scoreAfter).toBe(expected);
  });

  it('refuses to decide a closed dispute', async () => {
    const [dispute] = (await reviewer.get<DisputeListResponse>('/api/v1/disputes?status=accepted')).body.items;

    const response = await reviewer.post<ErrorResponse>(`/api/v1/disputes/${dispute?.id ?? 0}/reject`, { comment: 'передумал' });

    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain('уже закрыт');
  });

  it('rejects a dispute with a comment and keeps the verdict', async () => {
    const call = marinaCall('7002');
    const opened = await open(call.call.id, { target: { type: 'finding', findingKey: 'needs_not_discovered@0' }, comment: 'клиент сам всё сказал' });

    const rejected = await reviewer.post<DisputeView>(`/api/v1/disputes/${opened.body.id}/reject`, { comment: 'вопросов о потребности не было' });
    const state = await marina.get<CallReviewState>(`/api/v1/calls/${call.call.id}/review`);

    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.statusTitle).toBe('отклонён');
    expect(rejected.body.resolutionComment).toBe('вопросов о потребности не было');
    expect(state.body.evaluation?.findings.map((finding) => finding.key)).toContain('needs_not_discovered@0');
    expect(state.body.evaluation?.score).toBe(call.score);
  });

  it('accepts a dispute on a finding by removing it', async () => {
    const call = marinaCall('7002');
    const opened = await open(call.call.id, { target: { type: 'finding', findingKey: 'needs_not_discovered@0' }, comment: 'прошу пересмотреть' });

    await reviewer.post(`/api/v1/disputes/${opened.body.id}/accept`, { comment: 'согласна' });
    const state = await marina.get<CallReviewState>(`/api/v1/calls/${call.call.id}/review`);

    expect(state.body.evaluation?.findings.map((finding) => finding.key)).not.toContain('needs_not_discovered@0');
    expect(state.body.evaluation?.removedFindings.map((finding) => finding.key)).toEqual(['needs_not_discovered@0']);
  });

  it('lets a manager withdraw their open dispute', async () => {
    const opened = await open(marinaCall('7002').call.id, { target: { type: 'criterion', criterionId: 'summary' }, comment: 'итог был' });

    const byReviewer = await reviewer.post<ErrorResponse>(`/api/v1/disputes/${opened.body.id}/withdraw`);
    const withdrawn = await marina.post<DisputeView>(`/api/v1/disputes/${opened.body.id}/withdraw`);

    expect(byReviewer.status).toBe(403);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.statusTitle).toBe('отозван');
  });

  it('is opened only by managers', async () => {
    const response = await reviewer.post<ErrorResponse>(`/api/v1/calls/${marinaCall('7002').call.id}/disputes`, {
      target: { type: 'criterion', criterionId: 'summary' },
      comment: 'за менеджера',
    });

    expect(response.status).toBe(403);
  });

  it('is decided only by reviewers', async () => {
    const opened = await open(marinaCall('7002').call.id, { target: { type: 'criterion', criterionId: 'presentation' }, comment: 'презентация была' });

    const byHead = await kazanHead.post<ErrorResponse>(`/api/v1/disputes/${opened.body.id}/accept`, { comment: 'да' });
    const byManager = await marina.post<ErrorResponse>(`/api/v1/disputes/${opened.body.id}/accept`, { comment: 'да' });

    expect(byHead.status).toBe(403);
    expect(byManager.status).toBe(403);
  });
});
