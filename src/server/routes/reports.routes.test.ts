import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Evaluation, FindingKind } from '../../core/model/evaluation.ts';
import { DATABASE_KINDS } from '../../data/testing/test-databases.ts';
import type { CallDetail } from '../schemas/calls.schemas.ts';
import type { ErrorResponse } from '../schemas/common.schemas.ts';
import type { CausesResponse, CoachingResponse, ComparisonResponse, ProblemCallsResponse, TrendsResponse } from '../schemas/reports.schemas.ts';
import type { ApiClient, SeededApi } from '../testing/api-harness.ts';
import { seedApi } from '../testing/api-harness.ts';

const PERIOD = 'from=2026-12-01&to=2026-12-05';

describe.each(DATABASE_KINDS)('reports on %s', (kind) => {
  let api: SeededApi;
  let reviewer: ApiClient;
  let kazanHead: ApiClient;
  let moscowHead: ApiClient;
  let marina: ApiClient;

  const teamOf = (evaluation: Evaluation) => evaluation.call.manager?.team ?? null;
  const mean = (values: number[]) => Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10;
  const callsWith = (evaluations: readonly Evaluation[], findingKind: FindingKind) => evaluations.filter((evaluation) => evaluation.findings.some((finding) => finding.kind === findingKind)).length;

  beforeAll(async () => {
    api = await seedApi(kind);
    reviewer = await api.login('reviewer');
    kazanHead = await api.login('kazanHead');
    moscowHead = await api.login('moscowHead');
    marina = await api.login('marina');
  });

  afterAll(async () => {
    await api.cleanup();
  });

  describe('manager page', () => {
    it('shows weekly scores and three behaviours with fragments', async () => {
      const own = api.evaluations.filter((evaluation) => evaluation.call.manager?.name === api.managers.marina.name);

      const response = await marina.get<CoachingResponse>(`/api/v1/managers/${api.managers.marina.id}/coaching?weeks=4`);

      expect(response.status).toBe(200);
      const page = response.body;
      expect(page.manager).toEqual({ id: api.managers.marina.id, name: api.managers.marina.name, team: { id: api.teams.kazan.id, name: 'Продажи, Казань' } });
      expect(page.timeZone).toBe('Europe/Moscow');
      expect(page.weeks.map((week) => week.weekStart)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
      expect(page.weeks.map((week) => week.calls)).toEqual([0, 0, 0, own.length]);
      expect(page.weeks[3]?.averageScore).toBe(mean(own.map((evaluation) => evaluation.score ?? 0)));
      expect(page.scoreChange).toBeNull();
      expect(page.focus).toHaveLength(3);
      // The response rounds frequency and impact, so their product may differ from the ranking key by a little.
      const priorities = page.focus.map((item) => item.frequency * item.impact);
      priorities.slice(1).forEach((priority, index) => {
        expect(priority).toBeLessThanOrEqual((priorities[index] ?? 0) + 0.05);
      });
      for (const item of page.focus) {
        expect(item.title).toMatch(/[А-Яа-я]/u);
        expect(item.recommendation.length).toBeGreaterThan(20);
        expect(item.frequency).toBeGreaterThan(0);
        expect(item.frequency).toBeLessThanOrEqual(1);
        expect(item.thisWeek).toBe(item.callsWith);
        expect(item.lastWeek).toBe(0);
        expect(item.fragments.length).toBeGreaterThan(0);
        expect(item.fragments.every((fragment) => own.some((evaluation) => evaluation.call.id === fragment.callId))).toBe(true);
      }
    });

    it('counts finding kinds as calls with them', async () => {
      const own = api.evaluations.filter((evaluation) => evaluation.call.manager?.name === api.managers.marina.name);

      const response = await reviewer.get<CoachingResponse>(`/api/v1/managers/${api.managers.marina.id}/coaching`);

      for (const item of response.body.focus) {
        if (item.behaviour.type === 'finding') {
          expect(item.callsWith).toBe(callsWith(own, item.behaviour.kind));
        } else {
          const criterionId = item.behaviour.criterionId;
          expect(item.callsWith).toBe(own.filter((evaluation) => evaluation.criteria.some((criterion) => criterion.id === criterionId && criterion.result === 'failed')).length);
        }
      }
    });

    it('is open to the head of the manager team', async () => {
      const response = await kazanHead.get<CoachingResponse>(`/api/v1/managers/${api.managers.marina.id}/coaching`);

      expect(response.status).toBe(200);
      expect(response.body.weeks).toHaveLength(8);
    });

    it.each(['weeks=1', 'weeks=60', 'timeZone=Mars/Olympus'])('rejects %s', async (query) => {
      const response = await reviewer.get<ErrorResponse>(`/api/v1/managers/${api.managers.marina.id}/coaching?${query}`);

      expect(response.status).toBe(422);
    });
  });

  describe('causes of lost clients', () => {
    it('ranks finding kinds by frequency and by score gap with examples', async () => {
      const response = await reviewer.get<CausesResponse>(`/api/v1/reports/causes?${PERIOD}`);

      expect(response.status).toBe(200);
      const report = response.body;
      expect(report.period).toEqual({ from: '2026-11-30T21:00:00.000Z', to: '2026-12-04T21:00:00.000Z' });
      expect(report.evaluatedCalls).toBe(api.evaluations.length);
      expect(report.averageScore).toBe(mean(api.evaluations.map((evaluation) => evaluation.score ?? 0)));
      for (const cause of report.causes) {
        expect(cause.callsWith, cause.kind).toBe(callsWith(api.evaluations, cause.kind));
        expect(cause.examples.length, cause.kind).toBeGreaterThan(0);
        expect(cause.examples.length, cause.kind).toBeLessThanOrEqual(3);
        for (const example of cause.examples) {
          const evaluation = api.evaluations.find((entry) => entry.call.id === example.callId);
          expect(evaluation?.findings.some((finding) => finding.kind === cause.kind && finding.quote === example.quote), cause.kind).toBe(true);
        }
      }
      expect(report.causes.map((cause) => cause.rankByFrequency)).toEqual(report.causes.map((_cause, index) => index + 1));
      const byImpact = [...report.causes].sort((left, right) => left.rankByImpact - right.rankByImpact).map((cause) => cause.scoreGap ?? -Infinity);
      expect(byImpact).toEqual([...byImpact].sort((left, right) => right - left));
      expect(report.causes.find((cause) => cause.kind === 'irritation')?.title).toBe('Раздражение / грубость');
    });

    it('gives each interruption example the client words it cut', async () => {
      const response = await reviewer.get<CausesResponse>(`/api/v1/reports/causes?${PERIOD}`);
      const interruption = response.body.causes.find((cause) => cause.kind === 'interruption');

      expect(interruption?.examples.length).toBeGreaterThan(0);
      for (const example of interruption?.examples ?? []) {
        const call = await reviewer.get<CallDetail>(`/api/v1/calls/${example.callId}`);
        const cut = example.interruptedClient;
        expect(cut?.turn).toBeLessThan(example.turn);
        expect(call.body.turns[cut?.turn ?? -1]).toMatchObject({ role: 'client', text: cut?.quote });
        expect(call.body.turns[example.turn]?.role).toBe('manager');
      }
      const others = response.body.causes.filter((cause) => cause.kind !== 'interruption').flatMap((cause) => cause.examples);
      expect(others.length).toBeGreaterThan(0);
      expect(others.every((example) => example.interruptedClient === null)).toBe(true);
    });

    it('covers only the teams of a head of sales', async () => {
      const kazan = api.evaluations.filter((evaluation) => teamOf(evaluation) === 'Продажи, Казань');

      const response = await kazanHead.get<CausesResponse>(`/api/v1/reports/causes?${PERIOD}`);

      expect(response.body.evaluatedCalls).toBe(kazan.length);
      expect(response.body.causes.map((cause) => cause.kind)).not.toContain('irritation');
      expect(response.body.causes.flatMap((cause) => cause.examples).every((example) => kazan.some((evaluation) => evaluation.call.id === example.callId))).toBe(true);
    });

    it('defaults to the last 30 days', async () => {
      const response = await reviewer.get<CausesResponse>('/api/v1/reports/causes');

      expect(response.body.period).toEqual({ from: '2026-11-04T21:00:00.000Z', to: '2026-12-04T21:00:00.000Z' });
      expect(response.body.evaluatedCalls).toBe(api.evaluations.length);
    });

    it('refuses a period that ends before it starts', async () => {
      const response = await reviewer.get<ErrorResponse>('/api/v1/reports/causes?from=2026-12-05&to=2026-12-01');

      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('INVALID_INPUT');
      expect(response.body.error.message).toContain('Начало периода');
    });
  });

  it('compares teams and managers', async () => {
    const response = await reviewer.get<ComparisonResponse>(`/api/v1/reports/comparison?${PERIOD}`);

    expect(response.status).toBe(200);
    const byTeam = Object.fromEntries(response.body.teams.map((row) => [row.team?.name ?? '', row]));
    for (const team of ['Продажи, Москва', 'Продажи, Казань']) {
      const calls = api.evaluations.filter((evaluation) => teamOf(evaluation) === team);
      expect(byTeam[team]?.calls, team).toBe(calls.length);
      expect(byTeam[team]?.averageScore, team).toBe(mean(calls.map((evaluation) => evaluation.score ?? 0)));
    }
    expect(response.body.managers.map((row) => row.manager?.name).sort()).toEqual(['Анна Соколова', 'Денис Орлов', 'Игорь Белов', 'Марина Кузьмина']);
    const igor = response.body.managers.find((row) => row.manager?.id === api.managers.igor.id);
    expect(igor?.findings.irritation).toBe(callsWith(api.evaluations.filter((evaluation) => evaluation.call.manager?.name === 'Игорь Белов'), 'irritation'));
    expect(igor?.topFinding).not.toBeNull();
  });

  it('shows weekly trends', async () => {
    const response = await moscowHead.get<TrendsResponse>('/api/v1/reports/trends?weeks=2');
    const moscow = api.evaluations.filter((evaluation) => teamOf(evaluation) === 'Продажи, Москва');

    expect(response.status).toBe(200);
    expect(response.body.weeks.map((week) => week.weekStart)).toEqual(['2026-11-23', '2026-11-30']);
    expect(response.body.weeks[0]).toEqual({ weekStart: '2026-11-23', calls: 0, evaluatedCalls: 0, averageScore: null, findings: {} });
    expect(response.body.weeks[1]?.calls).toBe(moscow.length);
    expect(response.body.weeks[1]?.findings.irritation).toBe(callsWith(moscow, 'irritation'));
  });

  describe('problem calls of the day', () => {
    const problemCalls = (evaluations: readonly Evaluation[], threshold: number) =>
      evaluations
        .filter((evaluation) => (evaluation.call.startedAt ?? '').startsWith('2026-12-04'))
        .filter((evaluation) => (evaluation.score !== null && evaluation.score < threshold) || evaluation.findings.some((finding) => finding.severity === 'critical'))
        .map((evaluation) => evaluation.call.id)
        .sort();

    it('lists calls below the threshold or with critical findings, worst first', async () => {
      const response = await reviewer.get<ProblemCallsResponse>('/api/v1/reports/problem-calls');

      expect(response.status).toBe(200);
      expect(response.body.date).toBe('2026-12-04');
      expect(response.body.items.map((item) => item.id).sort()).toEqual(problemCalls(api.evaluations, 60));
      const scores = response.body.items.map((item) => item.score ?? Infinity);
      expect(scores).toEqual([...scores].sort((left, right) => left - right));
      const worst = response.body.items[0];
      expect(worst?.reasons).toEqual(['low_score', 'critical_finding']);
      expect(worst?.criticalFindings.every((finding) => finding.title.length > 0 && finding.quote.length > 0)).toBe(true);
    });

    it('takes the threshold and the day from the request', async () => {
      const strict = await reviewer.get<ProblemCallsResponse>('/api/v1/reports/problem-calls?threshold=0');
      const otherDay = await reviewer.get<ProblemCallsResponse>('/api/v1/reports/problem-calls?date=2026-11-20');

      expect(strict.body.items.map((item) => item.id).sort()).toEqual(problemCalls(api.evaluations, 0));
      expect(strict.body.items.every((item) => item.reasons.includes('critical_finding'))).toBe(true);
      expect(otherDay.body.items).toEqual([]);
    });

    it('counts the day in the viewer time zone', async () => {
      // In Vladivostok (UTC+10) it is already 5 December, a day that began at 17:00 Moscow time on the 4th.
      const response = await reviewer.get<ProblemCallsResponse>('/api/v1/reports/problem-calls?timeZone=Asia/Vladivostok');
      const late = api.evaluations.find((evaluation) => evaluation.call.startedAt === '2026-12-04T17:45:00+03:00');

      expect(response.body.timeZone).toBe('Asia/Vladivostok');
      expect(response.body.date).toBe('2026-12-05');
      expect(response.body.items.map((item) => item.id)).toEqual(late === undefined ? [] : [late.call.id]);
    });

    it('covers only the teams of a head of sales', async () => {
      const response = await moscowHead.get<ProblemCallsResponse>('/api/v1/reports/problem-calls');

      expect(response.body.items.map((item) => item.id).sort()).toEqual(problemCalls(api.evaluations.filter((evaluation) => teamOf(evaluation) === 'Продажи, Москва'), 60));
    });
  });
});
