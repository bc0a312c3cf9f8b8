import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Evaluation } from '../../core/model/evaluation.ts';
import { DATABASE_KINDS } from '../../data/testing/test-databases.ts';
import type { CallDetail, CallListResponse, CallReviewState } from '../schemas/calls.schemas.ts';
import type { ErrorResponse } from '../schemas/common.schemas.ts';
import type { ApiClient, SeededApi } from '../testing/api-harness.ts';
import { seedApi, writePatternFile } from '../testing/api-harness.ts';

describe.each(DATABASE_KINDS)('calls API on %s', (kind) => {
  let api: SeededApi;
  let reviewer: ApiClient;
  let anna: ApiClient;

  const idsOf = (list: CallListResponse) => list.items.map((item) => item.id).sort();
  const expectedIds = (keep: (evaluation: Evaluation) => boolean) =>
    api.evaluations
      .filter(keep)
      .map((evaluation) => evaluation.call.id)
      .sort();
  /** Finds the sample call of a file, or with `file#externalId` one call of a file with several. */
  const sourceCall = (fragment: string): Evaluation => {
    const [file = '', externalId] = fragment.split('#');
    const found = api.evaluations.find((evaluation) => evaluation.call.source.includes(file) && (externalId === undefined || evaluation.call.externalId === externalId));
    if (found === undefined) {
      throw new Error(`no sample call from ${fragment}`);
    }
    return found;
  };

  beforeAll(async () => {
    api = await seedApi(kind);
    reviewer = await api.login('reviewer');
    anna = await api.login('anna');
  });

  afterAll(async () => {
    await api.cleanup();
  });

  describe('list', () => {
    it('lists every call to a reviewer', async () => {
      const response = await reviewer.get<CallListResponse>('/api/v1/calls?limit=500');

      expect(response.status).toBe(200);
      expect(response.body.total).toBe(api.evaluations.length);
      expect(response.body.totalCapped).toBe(false);
      expect(idsOf(response.body)).toEqual(expectedIds(() => true));
    });

    it.each([
      ['managerId', (seed: SeededApi) => `managerId=${seed.managers.denis.id}`, (seed: SeededApi, evaluation: Evaluation) => evaluation.call.manager?.name === seed.managers.denis.name],
      ['teamId', (seed: SeededApi) => `teamId=${seed.teams.kazan.id}`, (seed: SeededApi, evaluation: Evaluation) => evaluation.call.manager?.team === seed.teams.kazan.name],
      ['two managers', (seed: SeededApi) => `managerId=${seed.managers.denis.id},${seed.managers.igor.id}`, (seed: SeededApi, evaluation: Evaluation) => [seed.managers.denis.name, seed.managers.igor.name].includes(evaluation.call.manager?.name ?? '')],
      ['direction', () => 'direction=outbound', (_seed: SeededApi, evaluation: Evaluation) => evaluation.call.direction === 'outbound'],
      ['score range', () => 'scoreMin=20&scoreMax=60', (_seed: SeededApi, evaluation: Evaluation) => evaluation.score !== null && evaluation.score >= 20 && evaluation.score <= 60],
      ['finding kind', () => 'findingKind=irritation', (_seed: SeededApi, evaluation: Evaluation) => evaluation.findings.some((finding) => finding.kind === 'irritation')],
      ['two finding kinds', () => 'findingKind=irritation&findingKind=long_hold', (_seed: SeededApi, evaluation: Evaluation) => evaluation.findings.some((finding) => ['irritation', 'long_hold'].includes(finding.kind))],
      ['failed criterion', () => 'failedCriterion=greeting', (_seed: SeededApi, evaluation: Evaluation) => evaluation.criteria.some((criterion) => criterion.id === 'greeting' && criterion.result === 'failed')],
      ['date range', () => 'from=2026-12-03&to=2026-12-04', (_seed: SeededApi, evaluation: Evaluation) => (evaluation.call.startedAt ?? '').startsWith('2026-12-03')],
    ])('filters by %s', async (_name, query, keep) => {
      const response = await reviewer.get<CallListResponse>(`/api/v1/calls?limit=500&${query(api)}`);

      expect(response.status).toBe(200);
      expect(idsOf(response.body)).toEqual(expectedIds((evaluation) => keep(api, evaluation)));
      expect(response.body.total).toBe(response.body.items.length);
    });

    it.each([
      ['перезвонит', ['04-perezvonyu-zavtra']],
      ['складов', ['02-dostavka-razdrazhenie', '04-perezvonyu-zavtra', 'vygruzka-zvonkov.json#7004']],
      ['склады перезвонить', ['04-perezvonyu-zavtra']],
      ['Анны', ['01-zamer-obrazcovyj', '04-perezvonyu-zavtra', '13-bez-roley', 'vygruzka-zvonkov.json#7004']],
      ['Павлу', ['11-dolgoe-ozhidanie']],
      ['замера', ['01-zamer-obrazcovyj', '06-net-sleduyushchego-shaga', '09-kultura-rechi', '13-bez-roley', 'vygruzka-zvonkov.json#7002']],
      ['замер', ['01-zamer-obrazcovyj', '06-net-sleduyushchego-shaga', '09-kultura-rechi', '13-bez-roley', 'vygruzka-zvonkov.json#7002']],
    ])('searches «%s» in any word form', async (query, sources) => {
      const response = await reviewer.get<CallListResponse>(`/api/v1/calls?q=${encodeURIComponent(query)}`);

      expect(response.status).toBe(200);
      expect(idsOf(response.body)).toEqual(sources.map((source) => sourceCall(source).call.id).sort());
      expect(response.body.searchLemmas.length).toBe(query.split(' ').length);
    });

    it('names each search word as it searches it', async () => {
      const response = await reviewer.get<CallListResponse>(`/api/v1/calls?q=${encodeURIComponent('Игоря Марии перезвоню')}`);

      expect(response.body.searchLemmas).toEqual(['игорь', 'мария или марь или мари', 'перезвонить']);
    });

    it('sorts by score ascending', async () => {
      const response = await reviewer.get<CallListResponse>('/api/v1/calls?sort=score&order=asc&limit=500');
      const scores = response.body.items.map((item) => item.score ?? -1);

      expect(scores).toEqual([...scores].sort((left, right) => left - right));
    });

    it('pages with a cursor through every call once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const response: { body: CallListResponse } = await reviewer.get<CallListResponse>(`/api/v1/calls?limit=4${query}`);
        seen.push(...response.body.items.map((item) => item.id));
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 20);

      expect(seen.sort()).toEqual(expectedIds(() => true));
      expect(pages).toBe(Math.ceil(api.evaluations.length / 4));
    });

    it('skips the count on request', async () => {
      const response = await reviewer.get<CallListResponse>('/api/v1/calls?withTotal=false&limit=2');

      expect(response.body.total).toBeNull();
      expect(response.body.items).toHaveLength(2);
    });

    it.each([
      ['scoreMin=abc', 'scoreMin'],
      ['scoreMax=101', 'scoreMax'],
      ['findingKind=rudeness', 'findingKind[0]'],
      ['failedCriterion=hello', 'failedCriterion[0]'],
      ['direction=sideways', 'direction'],
      ['limit=0', 'limit'],
      ['from=03.12.2026', 'from'],
      ['from=2026-13-45', 'from'],
      ['to=2026-02-29T10:00', 'to'],
      ['managerId=x', 'managerId[0]'],
    ])('rejects %s with the field named', async (query, field) => {
      const response = await reviewer.get<ErrorResponse>(`/api/v1/calls?${query}`);

      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.fields?.map((entry) => entry.path)).toEqual([field]);
      expect(response.body.error.message).toMatch(/[а-я]/u);
    });

    it('words the bound of an id', async () => {
      const response = await reviewer.get<ErrorResponse>('/api/v1/calls?managerId=-1');

      expect(response.status).toBe(422);
      expect(response.body.error.message).toBe('Ошибка в параметрах запроса: managerId[0]: нужно число больше 0.');
    });

    it('rejects a score range whose bounds are swapped', async () => {
      const response = await reviewer.get<ErrorResponse>('/api/v1/calls?scoreMin=80&scoreMax=20');

      expect(response.status).toBe(422);
      expect(response.body.error).toEqual({ code: 'INVALID_INPUT', message: 'Нижняя граница оценки (80) больше верхней (20): поменяйте их местами.' });
    });

    it('rejects a cursor made for another sort', async () => {
      const first = await reviewer.get<CallListResponse>('/api/v1/calls?limit=2');
      const response = await reviewer.get<ErrorResponse>(`/api/v1/calls?limit=2&sort=score&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`);

      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('INVALID_INPUT');
    });

    it('requires a session', async () => {
      const response = await api.app.request('/api/v1/calls');

      expect(response.status).toBe(401);
      expect(((await response.json()) as ErrorResponse).error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('call page', () => {
    it('returns turns, evaluation and history', async () => {
      const call = sourceCall('03-ne-uslyshal-vopros');
      const response = await reviewer.get<CallDetail>(`/api/v1/calls/${call.call.id}`);

      expect(response.status).toBe(200);
      const detail = response.body;
      expect(detail.call.id).toBe(call.call.id);
      expect(detail.call.manager?.id).toBe(api.managers.denis.id);
      expect(detail.call.team?.id).toBe(api.teams.kazan.id);
      expect(detail.turns.length).toBeGreaterThan(0);
      expect(detail.evaluation?.score).toBe(call.score);
      expect(detail.evaluation?.machineScore).toBe(call.score);
      expect(detail.evaluation?.criteria.map((criterion) => [criterion.id, criterion.result])).toEqual(call.criteria.map((criterion) => [criterion.id, criterion.result]));
      expect(detail.evaluation?.findings.map((finding) => finding.key)).toEqual(call.findings.map((finding) => `${finding.kind}@${finding.turn}`));
      expect(detail.evaluation?.findings.every((finding) => finding.origin === 'engine' && finding.review === null)).toBe(true);
      expect(detail.evaluationHistory).toHaveLength(1);
      expect(detail.evaluationHistory[0]?.current).toBe(true);
      expect(detail.reviewHistory).toEqual([]);
      expect(detail.disputes).toEqual([]);
      expect(detail.audio).toEqual({ available: false, url: null, durationSec: null });
    });

    it('lists other calls of the same client', async () => {
      const first = sourceCall('01-zamer-obrazcovyj');
      const second = sourceCall('13-bez-roley');
      const ids = await api.database.clients.resolveClients([{ phone: '+79161234567', crmId: null }]);
      const clientId = [...ids.values()][0] ?? 0;
      await api.database.clients.linkCalls([
        { callId: first.call.id, clientId, linkedBy: 'call' },
        { callId: second.call.id, clientId, linkedBy: 'call_log' },
      ]);

      const response = await anna.get<CallDetail>(`/api/v1/calls/${first.call.id}`);

      expect(response.body.otherCalls.map((call) => call.id)).toEqual([second.call.id]);
      expect(response.body.otherCalls[0]?.manager?.id).toBe(api.managers.anna.id);
    });

    it('answers 404 for an unknown call', async () => {
      const response = await reviewer.get<ErrorResponse>('/api/v1/calls/no-such-call');

      expect(response.status).toBe(404);
      expect(response.body.error).toEqual({ code: 'NOT_FOUND', message: 'Звонок «no-such-call» не найден.' });
    });
  });

  describe('audio', () => {
    let callId: string;
    let bytes: Buffer;

    beforeAll(async () => {
      callId = sourceCall('11-dolgoe-ozhidanie').call.id;
      const file = path.join(api.folder, 'call.mp3');
      bytes = await writePatternFile(file, 1000);
      await api.database.calls.setAudio(callId, { path: file, durationSec: 42, channels: 2 });
    });

    const fetchAudio = async (range?: string) => {
      const response = await api.app.request(`/api/v1/calls/${callId}/audio`, {
        headers: { cookie: reviewer.cookie, ...(range === undefined ? {} : { range }) },
      });
      return { response, body: Buffer.from(await response.arrayBuffer()) };
    };

    it('streams the whole file', async () => {
      const { response, body } = await fetchAudio();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('audio/mpeg');
      expect(response.headers.get('accept-ranges')).toBe('bytes');
      expect(response.headers.get('content-length')).toBe('1000');
      expect(body.equals(bytes)).toBe(true);
    });

    it.each([
      ['bytes=10-19', 10, 19],
      ['bytes=990-', 990, 999],
      ['bytes=-5', 995, 999],
      ['bytes=900-5000', 900, 999],
      ['bytes=0-0', 0, 0],
    ])('serves range %s', async (range, start, end) => {
      const { response, body } = await fetchAudio(range);

      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/1000`);
      expect(response.headers.get('content-length')).toBe(String(end - start + 1));
      expect(body.equals(bytes.subarray(start, end + 1))).toBe(true);
    });

    it.each(['bytes=1000-', 'bytes=500-100', 'bytes=-0'])('refuses range %s outside the file', async (range) => {
      const { response } = await fetchAudio(range);

      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe('bytes */1000');
    });

    it.each(['bytes=0-1,5-9', 'items=0-9'])('serves the whole file for range %s', async (range) => {
      const { response, body } = await fetchAudio(range);

      expect(response.status).toBe(200);
      expect(body.length).toBe(1000);
    });

    it('names the call in the page', async () => {
      const response = await reviewer.get<CallDetail>(`/api/v1/calls/${callId}`);

      expect(response.body.audio).toEqual({ available: true, url: `/api/v1/calls/${callId}/audio`, durationSec: 42 });
    });

    it('answers 404 when the file is gone', async () => {
      const otherId = sourceCall('12-vozvrat-bez-resheniya').call.id;
      await api.database.calls.setAudio(otherId, { path: path.join(api.folder, 'deleted.wav'), durationSec: 1, channels: 1 });

      const response = await reviewer.get<ErrorResponse>(`/api/v1/calls/${otherId}/audio`);

      expect(response.status).toBe(404);
      expect(response.body.error.message).toContain('deleted.wav');
    });

    it('answers 404 for a call without a recording', async () => {
      const response = await reviewer.get<ErrorResponse>(`/api/v1/calls/${sourceCall('09-kultura-rechi').call.id}/audio`);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    });
  });

  describe('swap roles', () => {
    it('re-evaluates with swapped roles and keeps the history', async () => {
      const call = sourceCall('06-net-sleduyushchego-shaga');
      const before = await reviewer.get<CallDetail>(`/api/v1/calls/${call.call.id}`);

      const swapped = await reviewer.post<CallReviewState>(`/api/v1/calls/${call.call.id}/swap-roles`, { comment: 'первым говорил клиент' });
      const after = await reviewer.get<CallDetail>(`/api/v1/calls/${call.call.id}`);

      expect(swapped.status).toBe(200);
      expect(after.body.call.roles.method).toBe('manual');
      expect(after.body.turns.map((turn) => turn.role)).toEqual(
        before.body.turns.map((turn) => ({ manager: 'client', client: 'manager', unknown: 'unknown' })[turn.role]),
      );
      expect(after.body.evaluationHistory).toHaveLength(2);
      expect(after.body.evaluationHistory[0]?.current).toBe(true);
      expect(after.body.evaluationHistory[0]?.checklist).toEqual(before.body.evaluationHistory[0]?.checklist);
      expect(swapped.body.reviewHistory[0]?.action).toBe('roles_swapped');
      expect(swapped.body.reviewHistory[0]?.comment).toBe('первым говорил клиент');
      expect(swapped.body.reviewHistory[0]?.scoreBefore).toBe(call.score);
      expect(swapped.body.reviewHistory[0]?.scoreAfter).toBe(swapped.body.evaluation?.score);
    });

    it('restores the first score when swapped back', async () => {
      const call = sourceCall('09-kultura-rechi');
      await reviewer.post(`/api/v1/calls/${call.call.id}/swap-roles`, {});
      const back = await reviewer.post<CallReviewState>(`/api/v1/calls/${call.call.id}/swap-roles`);

      expect(back.status).toBe(200);
      expect(back.body.evaluation?.score).toBe(call.score);
      expect(back.body.reviewHistory.map((event) => event.action)).toEqual(['roles_swapped', 'roles_swapped']);
    });

    it('takes an empty JSON body as no fields', async () => {
      const call = sourceCall('12-vozvrat-bez-resheniya');
      const url = `/api/v1/calls/${call.call.id}/swap-roles`;

      const swapped = await reviewer.send<CallReviewState>('POST', url, undefined, { 'content-type': 'application/json' });
      const back = await reviewer.send<CallReviewState>('POST', url, undefined, { 'content-type': 'application/json', 'content-length': '0' });

      expect(swapped.status).toBe(200);
      expect(swapped.body.reviewHistory[0]?.action).toBe('roles_swapped');
      expect(back.status).toBe(200);
      expect(back.body.evaluation?.score).toBe(call.score);
    });

    it('is refused to a manager', async () => {
      const response = await anna.post<ErrorResponse>(`/api/v1/calls/${api.callOf('anna').call.id}/swap-roles`, {});

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    });
  });
});
