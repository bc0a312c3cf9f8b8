import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { evaluateCall } from '../../core/evaluation/evaluate-call.ts';
import { FINDING_PENALTY, scoreCall } from '../../core/evaluation/score.ts';
import type { Checklist } from '../../core/model/checklist.ts';
import type { CriterionVerdict, Evaluation, Finding } from '../../core/model/evaluation.ts';
import { DATABASE_KINDS } from '../../data/testing/test-databases.ts';
import type { CallDetail, CallListResponse, CallReviewState } from '../schemas/calls.schemas.ts';
import type { ErrorResponse } from '../schemas/common.schemas.ts';
import type { ApiClient, SeededApi } from '../testing/api-harness.ts';
import { seedApi } from '../testing/api-harness.ts';

describe.each(DATABASE_KINDS)('QA review on %s', (kind) => {
  let api: SeededApi;
  let reviewer: ApiClient;
  let admin: ApiClient;
  let anna: ApiClient;

  /** Returns a fresh copy of a sample call's evaluation, found by source file. */
  const sample = (fragment: string): Evaluation => {
    const found = api.evaluations.find((evaluation) => evaluation.call.source.includes(fragment));
    if (found === undefined) {
      throw new Error(`no sample call from ${fragment}`);
    }
    return structuredClone(found);
  };
  const expectedScore = (criteria: readonly CriterionVerdict[], findings: readonly Finding[]) => scoreCall(criteria, findings, api.checklist.settings);
  const reviewUrl = (callId: string) => `/api/v1/calls/${callId}/review`;

  beforeAll(async () => {
    api = await seedApi(kind);
    reviewer = await api.login('reviewer');
    admin = await api.login('admin');
    anna = await api.login('anna');
  });

  afterAll(async () => {
    await api.cleanup();
  });

  describe('criteria', () => {
    it('changes a verdict and recomputes the score with the engine formula', async () => {
      const call = sample('03-ne-uslyshal-vopros');
      const changed = call.criteria.map((criterion) => (criterion.id === 'next_step' ? { ...criterion, result: 'passed' as const } : criterion));

      const response = await reviewer.post<CallReviewState>(`${reviewUrl(call.call.id)}/criteria/next_step`, { result: 'passed', comment: 'договорились о звонке в пятницу' });

      expect(response.status).toBe(200);
      const evaluation = response.body.evaluation;
      const criterion = evaluation?.criteria.find((entry) => entry.id === 'next_step');
      expect(criterion?.result).toBe('passed');
      expect(criterion?.machineResult).toBe('failed');
      expect(criterion?.review?.author).toBe('Ольга Проверкина');
      expect(criterion?.review?.comment).toBe('договорились о звонке в пятницу');
      expect(criterion?.review?.source).toBe('review');
      expect(evaluation?.machineScore).toBe(call.score);
      expect(evaluation?.score).toBe(expectedScore(changed, call.findings));
      expect(evaluation?.score).not.toBe(call.score);
      const [event] = response.body.reviewHistory;
      expect(event?.action).toBe('criterion_changed');
      expect(event?.from).toBe('failed');
      expect(event?.to).toBe('passed');
      expect(event?.scoreBefore).toBe(call.score);
      expect(event?.scoreAfter).toBe(evaluation?.score);
      expect(event?.actor).toBe('Ольга Проверкина');
      expect(event?.summary).toBe('Следующий шаг: «не выполнен» → «выполнен».');
    });

    it('shows the reviewed score in lists and filters', async () => {
      const call = sample('03-ne-uslyshal-vopros');
      const list = await reviewer.get<CallListResponse>(`/api/v1/calls?managerId=${api.managers.denis.id}&limit=500`);
      const failing = await reviewer.get<CallListResponse>('/api/v1/calls?failedCriterion=next_step&limit=500');
      const page = await reviewer.get<CallDetail>(`/api/v1/calls/${call.call.id}`);

      const row = list.body.items.find((item) => item.id === call.call.id);
      expect(row?.score).toBe(page.body.evaluation?.score);
      expect(failing.body.items.map((item) => item.id)).not.toContain(call.call.id);
      // The reviewer passed next_step above, so the row's failed criteria no longer name it.
      expect(row?.failedCriteria).toBeInstanceOf(Array);
      expect(row?.failedCriteria?.map((entry) => entry.id)).not.toContain('next_step');
    });

    it('confirms a verdict without changing the score', async () => {
      const call = sample('06-net-sleduyushchego-shaga');

      const response = await reviewer.post<CallReviewState>(`${reviewUrl(call.call.id)}/criteria/needs`, { result: 'passed', comment: 'вопросы о потребности были' });

      expect(response.status).toBe(200);
      expect(response.body.evaluation?.score).toBe(call.score);
      expect(response.body.evaluation?.criteria.find((entry) => entry.id === 'needs')?.review?.comment).toBe('вопросы о потребности были');
      expect(response.body.reviewHistory[0]?.action).toBe('criterion_confirmed');
      expect(response.body.reviewHistory[0]?.summary).toBe('Выявление потребности: вердикт «выполнен» подтверждён.');
    });

    it('lets an administrator review too', async () => {
      const call = sample('06-net-sleduyushchego-shaga');

      const response = await admin.post<CallReviewState>(`${reviewUrl(call.call.id)}/criteria/farewell`, { result: 'not_applicable', comment: 'запись оборвалась' });

      expect(response.status).toBe(200);
      expect(response.body.evaluation?.criteria.find((entry) => entry.id === 'farewell')?.result).toBe('not_applicable');
    });

    it.each([
      [{ result: 'passed' }, 'comment'],
      [{ result: 'passed', comment: '   ' }, 'comment'],
      [{ result: 'good', comment: 'ок' }, 'result'],
      [{ comment: 'ок' }, 'result'],
    ])('rejects body %j naming the field', async (body, field) => {
      const response = await reviewer.post<ErrorResponse>(`${reviewUrl(sample('06-net').call.id)}/criteria/greeting`, body);

      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.fields?.map((entry) => entry.path)).toEqual([field]);
    });

    it('rejects an unknown criterion id', async () => {
      const response = await reviewer.post<ErrorResponse>(`${reviewUrl(sample('06-net').call.id)}/criteria/politeness`, { result: 'passed', comment: 'да' });

      expect(response.status).toBe(422);
      expect(response.body.error.fields?.[0]?.path).toBe('criterionId');
    });

    it('is refused to a manager on their own call', async () => {
      const response = await anna.post<ErrorResponse>(`${reviewUrl(api.callOf('anna').call.id)}/criteria/greeting`, { result: 'failed', comment: 'сама себе' });

      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain('«Специалист ОКК»');
    });

    it('needs the CSRF token', async () => {
      const response = await reviewer.send<ErrorResponse>('POST', `${reviewUrl(sample('06-net').call.id)}/criteria/greeting`, { result: 'passed', comment: 'да' }, {}, { csrf: false });

      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain('X-CSRF-Token');
    });
  });

  describe('findings', () => {
    it('removes a false finding and raises the score by its penalty', async () => {
      const call = sample('09-kultura-rechi');
      const [removed, ...kept] = call.findings;
      const key = `${removed?.kind ?? ''}@${removed?.turn ?? 0}`;

      const response = await reviewer.post<CallReviewState>(`${reviewUrl(call.call.id)}/findings/${encodeURIComponent(key)}`, { action: 'remove', comment: 'это не стоп-фраза' });

      expect(response.status).toBe(200);
      expect(response.body.evaluation?.findings.map((finding) => finding.key)).toEqual(kept.map((finding) => `${finding.kind}@${finding.turn}`));
      expect(response.body.evaluation?.removedFindings.map((finding) => finding.key)).toEqual([key]);
      expect(response.body.evaluation?.score).toBe(expectedScore(call.criteria, kept));
      expect(response.body.reviewHistory[0]?.action).toBe('finding_removed');
    });

    it('confirms a finding with another severity', async () => {
      const call = sample('11-dolgoe-ozhidanie');
      const [finding] = call.findings;
      const key = `${finding?.kind ?? ''}@${finding?.turn ?? 0}`;

      const response = await reviewer.post<CallReviewState>(`${reviewUrl(call.call.id)}/findings/${encodeURIComponent(key)}`, {
        action: 'confirm',
        severity: 'critical',
        comment: 'клиент ждал больше трёх минут',
      });

      expect(response.status).toBe(200);
      const view = response.body.evaluation?.findings.find((entry) => entry.key === key);
      expect(view?.severity).toBe('critical');
      expect(view?.review?.comment).toBe('клиент ждал больше трёх минут');
      expect(response.body.evaluation?.score).toBe(expectedScore(call.criteria, call.findings.map((entry) => (entry === finding ? { ...entry, severity: 'critical' as const } : entry))));
      expect(response.body.reviewHistory[0]?.action).toBe('finding_changed');
      expect(response.body.reviewHistory[0]?.from).toBe(finding?.severity);
      expect(response.body.reviewHistory[0]?.to).toBe('critical');
    });

    it('adds a missed finding with the quote as the turn spells it', async () => {
      const call = sample('01-zamer-obrazcovyj');
      const page = await reviewer.get<CallDetail>(`/api/v1/calls/${call.call.id}`);
      const turn = page.body.turns.find((entry) => entry.role === 'manager' && entry.text.includes('Понимаю вас, сравнивать'));
      if (turn === undefined) {
        throw new Error('sample 01 has no manager turn with «Понимаю вас, сравнивать»');
      }

      const response = await reviewer.post<CallReviewState>(`${reviewUrl(call.call.id)}/findings`, {
        kind: 'interruption',
        turn: turn.index,
        quote: 'понимаю ВАС',
        comment: 'перебила клиента на слове о цене',
      });

      expect(response.status).toBe(200);
      const added = response.body.evaluation?.findings.find((finding) => finding.key === `interruption@${turn.index}`);
      expect(added?.origin).toBe('reviewer');
      expect(added?.quote).toBe('Понимаю вас');
      expect(added?.severity).toBe('minor');
      expect(added?.startSec).toBe(turn.startSec);
      expect(added?.recommendation).toContain('Дослушивайте');
      expect(response.body.evaluation?.score).toBe((call.score ?? 0) - FINDING_PENALTY.minor);
      expect(response.body.reviewHistory[0]?.action).toBe('finding_added');
    });

    it.each([
      [{ kind: 'irritation', turn: 999, comment: 'нет' }, 'Реплики 1000 нет'],
      [{ kind: 'irritation', turn: 0, quote: 'этих слов там нет', comment: 'нет' }, 'Цитаты «этих слов там нет» нет в реплике 1:'],
    ])('refuses to add %j', async (body, message) => {
      const response = await reviewer.post<ErrorResponse>(`${reviewUrl(sample('01-zamer').call.id)}/findings`, body);

      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('INVALID_INPUT');
      expect(response.body.error.message).toContain(message);
    });

    it('refuses to add a finding the evaluation has', async () => {
      const call = sample('11-dolgoe-ozhidanie');
      const [finding] = call.findings;

      const response = await reviewer.post<ErrorResponse>(`${reviewUrl(call.call.id)}/findings`, { kind: finding?.kind, turn: finding?.turn, comment: 'дубль' });

      expect(response.status).toBe(409);
    });

    it.each([
      [{ action: 'delete', comment: 'x' }, 'action: допустимые значения: confirm, remove'],
      [{ comment: 'x' }, 'action: обязательное поле, допустимые значения: confirm, remove'],
    ])('names the allowed actions for %j', async (body, message) => {
      const response = await reviewer.post<ErrorResponse>(`${reviewUrl(sample('01-zamer').call.id)}/findings/irritation@1`, body);

      expect(response.status).toBe(422);
      expect(response.body.error.message).toBe(`Ошибка в теле запроса: ${message}.`);
    });

    it('answers 404 for an unknown finding key', async () => {
      const response = await reviewer.post<ErrorResponse>(`${reviewUrl(sample('01-zamer').call.id)}/findings/irritation@1`, { action: 'remove', comment: 'нет' });

      expect(response.status).toBe(404);
    });

    it('reverts a change back to the engine verdict', async () => {
      const call = sample('12-vozvrat-bez-resheniya');
      const changed = await reviewer.post<CallReviewState>(`${reviewUrl(call.call.id)}/criteria/greeting`, { result: 'passed', comment: 'поздоровался' });
      const overrideId = changed.body.evaluation?.criteria.find((entry) => entry.id === 'greeting')?.review?.overrideId;

      const reverted = await reviewer.post<CallReviewState>(`${reviewUrl(call.call.id)}/overrides/${overrideId ?? 0}/revert`, { comment: 'ошибся' });

      expect(reverted.status).toBe(200);
      expect(reverted.body.evaluation?.score).toBe(call.score);
      expect(reverted.body.evaluation?.criteria.find((entry) => entry.id === 'greeting')?.review).toBeNull();
      expect(reverted.body.reviewHistory.map((event) => event.action)).toEqual(['override_reverted', 'criterion_changed']);
    });

    it('answers 404 when reverting another call change', async () => {
      const response = await reviewer.post<ErrorResponse>(`${reviewUrl(sample('01-zamer').call.id)}/overrides/999999/revert`, { comment: 'нет' });

      expect(response.status).toBe(404);
    });
  });

  describe('re-evaluation', () => {
    it('keeps the decisions and applies them to the new evaluation', async () => {
      const call = sample('vygruzka-zvonkov.json');
      const reviewed = await reviewer.post<CallReviewState>(`${reviewUrl(call.call.id)}/criteria/client_name`, { result: 'passed', comment: 'назвал по имени' });
      const stored = await api.database.calls.getCall(call.call.id);
      if (stored === undefined) {
        throw new Error('the call is not stored');
      }

      await api.database.evaluations.saveEvaluation(evaluateCall(stored.transcript, api.checklist, { morphology: api.morphology, timeZone: 'Europe/Moscow' }));
      const page = await reviewer.get<CallDetail>(`/api/v1/calls/${call.call.id}`);
      const list = await reviewer.get<CallListResponse>(`/api/v1/calls?limit=500&managerId=${api.managers.marina.id}`);

      expect(page.body.evaluationHistory).toHaveLength(2);
      expect(page.body.evaluation?.criteria.find((entry) => entry.id === 'client_name')?.result).toBe('passed');
      expect(page.body.evaluation?.score).toBe(reviewed.body.evaluation?.score);
      expect(list.body.items.find((item) => item.id === call.call.id)?.score).toBe(reviewed.body.evaluation?.score);
    });

    it('shows a decision as stale when its criterion is no longer judged', async () => {
      const call = sample('03-ne-uslyshal-vopros');
      const withoutNextStep: Checklist = {
        ...api.checklist,
        criteria: api.checklist.criteria.map((criterion) => (criterion.id === 'next_step' ? { ...criterion, enabled: false } : criterion)),
      };
      const stored = await api.database.checklists.saveChecklist(withoutNextStep);
      const transcript = (await api.database.calls.getCall(call.call.id))?.transcript;
      if (transcript === undefined) {
        throw new Error('the call is not stored');
      }

      await api.database.evaluations.saveEvaluation(evaluateCall(transcript, stored, { morphology: api.morphology, timeZone: 'Europe/Moscow' }));
      const state = await reviewer.get<CallReviewState>(reviewUrl(call.call.id));

      expect(state.body.evaluation?.criteria.map((entry) => entry.id)).not.toContain('next_step');
      expect(state.body.evaluation?.staleOverrides.map((override) => override.target)).toEqual([{ type: 'criterion', criterionId: 'next_step' }]);
      expect(state.body.evaluation?.score).toBe(state.body.evaluation?.machineScore);
    });
  });
});
