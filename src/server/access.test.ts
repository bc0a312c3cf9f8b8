import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASE_KINDS } from '../data/testing/test-databases.ts';
import { findingKey } from '../data/index.ts';
import type { ApiClient, SeededApi } from './testing/api-harness.ts';
import { seedApi, writePatternFile } from './testing/api-harness.ts';

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  url: (callId: string, context: { findingKey: string; disputeId: number; managerId: number }) => string;
  body?: unknown;
}

/** Every endpoint that names a call, directly or through its dispute or its manager. */
const CALL_SCOPED: Endpoint[] = [
  { name: 'call page', method: 'GET', url: (id) => `/api/v1/calls/${id}` },
  { name: 'review state', method: 'GET', url: (id) => `/api/v1/calls/${id}/review` },
  { name: 'audio', method: 'GET', url: (id) => `/api/v1/calls/${id}/audio` },
  { name: 'swap roles', method: 'POST', url: (id) => `/api/v1/calls/${id}/swap-roles`, body: { comment: 'роли перепутаны' } },
  { name: 'criterion review', method: 'POST', url: (id) => `/api/v1/calls/${id}/review/criteria/greeting`, body: { result: 'passed', comment: 'приветствие было' } },
  { name: 'finding review', method: 'POST', url: (id, { findingKey: key }) => `/api/v1/calls/${id}/review/findings/${encodeURIComponent(key)}`, body: { action: 'remove', comment: 'ложная находка' } },
  { name: 'finding added', method: 'POST', url: (id) => `/api/v1/calls/${id}/review/findings`, body: { kind: 'interruption', turn: 1, comment: 'перебил клиента' } },
  { name: 'override revert', method: 'POST', url: (id) => `/api/v1/calls/${id}/review/overrides/1/revert`, body: { comment: 'отмена' } },
  { name: 'dispute opened', method: 'POST', url: (id) => `/api/v1/calls/${id}/disputes`, body: { target: { type: 'criterion', criterionId: 'greeting' }, comment: 'я поздоровался' } },
  { name: 'dispute read', method: 'GET', url: (_id, { disputeId }) => `/api/v1/disputes/${disputeId}` },
  { name: 'dispute withdrawn', method: 'POST', url: (_id, { disputeId }) => `/api/v1/disputes/${disputeId}/withdraw` },
  { name: 'manager page', method: 'GET', url: (_id, { managerId }) => `/api/v1/managers/${managerId}/coaching` },
];

describe.each(DATABASE_KINDS)('access to calls on %s', (kind) => {
  let api: SeededApi;
  let anna: ApiClient;
  let moscowHead: ApiClient;
  let unlinked: ApiClient;
  let marinaCallId: string;
  let marinaFindingKey: string;
  let marinaDisputeId: number;

  beforeAll(async () => {
    api = await seedApi(kind);
    anna = await api.login('anna');
    moscowHead = await api.login('moscowHead');
    unlinked = await api.login('unlinkedManager');

    // Marina's call with a recording and an open dispute of hers, so every endpoint has something to reach.
    const marinaCall = api.evaluations.find(
      (evaluation) =>
        evaluation.call.manager?.name === api.managers.marina.name &&
        evaluation.findings.length > 0 &&
        evaluation.criteria.some((criterion) => criterion.result === 'failed'),
    );
    if (marinaCall === undefined) {
      throw new Error('the samples have no call of Marina with a finding and a failed criterion');
    }
    marinaCallId = marinaCall.call.id;
    marinaFindingKey = findingKey(marinaCall.findings[0] ?? { kind: 'irritation', turn: 0 });
    const recording = path.join(api.folder, 'marina.wav');
    await writePatternFile(recording, 1000);
    await api.database.calls.setAudio(marinaCallId, { path: recording, durationSec: 10, channels: 1 });
    const marina = await api.login('marina');
    const failed = marinaCall.criteria.find((criterion) => criterion.result === 'failed');
    const opened = await marina.post<{ id: number }>(`/api/v1/calls/${marinaCallId}/disputes`, {
      target: { type: 'criterion', criterionId: failed?.id },
      comment: 'оспариваю',
    });
    expect(opened.status).toBe(201);
    marinaDisputeId = opened.body.id;
  });

  afterAll(async () => {
    await api.cleanup();
  });

  it.each(CALL_SCOPED)('manager blocked from another manager: $name', async (endpoint) => {
    const before = await api.services.calls.reviewState(
      { userId: null, displayName: 'test', role: 'admin', managerId: null, teamIds: [], timeZone: null },
      marinaCallId,
    );
    const response = await anna.send(endpoint.method, endpoint.url(marinaCallId, { findingKey: marinaFindingKey, disputeId: marinaDisputeId, managerId: api.managers.marina.id }), endpoint.body);

    expect([403, 404]).toContain(response.status);
    expect(JSON.stringify(response.body)).not.toContain(api.managers.marina.name);
    const after = await api.services.calls.reviewState(
      { userId: null, displayName: 'test', role: 'admin', managerId: null, teamIds: [], timeZone: null },
      marinaCallId,
    );
    expect(after).toEqual(before);
  });

  it.each(CALL_SCOPED.filter((endpoint) => endpoint.method === 'GET'))('head of sales blocked from another team: $name', async (endpoint) => {
    const response = await moscowHead.get(endpoint.url(marinaCallId, { findingKey: marinaFindingKey, disputeId: marinaDisputeId, managerId: api.managers.marina.id }));

    expect(response.status).toBe(404);
  });

  it('manager lists only their own calls', async () => {
    const own = await anna.get<{ items: { manager: { id: number } | null }[]; total: number }>('/api/v1/calls');
    const asked = await anna.get<{ items: unknown[]; total: number }>(`/api/v1/calls?managerId=${api.managers.marina.id}`);

    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.every((item) => item.manager?.id === api.managers.anna.id)).toBe(true);
    expect(own.body.total).toBe(api.evaluations.filter((evaluation) => evaluation.call.manager?.name === api.managers.anna.name).length);
    expect(asked.body.items).toEqual([]);
    expect(asked.body.total).toBe(0);
  });

  it('head of sales lists only their teams calls', async () => {
    const own = await moscowHead.get<{ items: { team: { id: number } | null }[] }>('/api/v1/calls?limit=500');
    const asked = await moscowHead.get<{ items: unknown[] }>(`/api/v1/calls?teamId=${api.teams.kazan.id}`);

    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.every((item) => item.team?.id === api.teams.moscow.id)).toBe(true);
    expect(asked.body.items).toEqual([]);
  });

  it('manager without a manager link sees no calls', async () => {
    const calls = await unlinked.get<{ items: unknown[]; total: number }>('/api/v1/calls');
    const disputes = await unlinked.get<{ items: unknown[] }>('/api/v1/disputes');

    expect(calls.body).toEqual({ items: [], total: 0, totalCapped: false, nextCursor: null, searchLemmas: [] });
    expect(disputes.body.items).toEqual([]);
  });

  it('manager sees disputes of their own calls only', async () => {
    const disputes = await anna.get<{ items: { callId: string }[] }>('/api/v1/disputes');

    expect(disputes.status).toBe(200);
    expect(disputes.body.items.map((dispute) => dispute.callId)).not.toContain(marinaCallId);
  });

  it('manager may not open report pages', async () => {
    for (const url of ['/api/v1/reports/causes', '/api/v1/reports/comparison', '/api/v1/reports/trends', '/api/v1/reports/problem-calls']) {
      const response = await anna.get<{ error: { code: string } }>(url);

      expect(response.status, url).toBe(403);
      expect(response.body.error.code, url).toBe('FORBIDDEN');
    }
  });

  it('directory lists only visible managers and teams', async () => {
    const managers = await anna.get<{ items: { id: number }[] }>('/api/v1/managers');
    const teams = await moscowHead.get<{ items: { id: number }[] }>('/api/v1/teams');

    expect(managers.body.items.map((manager) => manager.id)).toEqual([api.managers.anna.id]);
    expect(teams.body.items.map((team) => team.id)).toEqual([api.teams.moscow.id]);
  });
});
