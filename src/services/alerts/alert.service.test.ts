import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Evaluation, FindingKind } from '../../core/model/evaluation.ts';
import { DATABASE_KINDS } from '../../data/testing/test-databases.ts';
import { evaluationOf, sampleTranscript } from '../../data/testing/test-calls.ts';
import type { Database } from '../../data/index.ts';
import { mailText, startHttpMock, startSmtpMock } from '../../integrations/alerts/testing/alert-mocks.ts';
import type { HttpMock, SmtpMock } from '../../integrations/alerts/testing/alert-mocks.ts';
import { startJobWorker } from '../../jobs/job-worker.ts';
import { createJobTestEnv, waitForJob } from '../../jobs/testing/job-test-env.ts';
import type { JobTestEnv } from '../../jobs/testing/job-test-env.ts';
import { AlertService } from './alert.service.ts';
import { parseAlertSettings } from './alerts-config.ts';
import type { AlertSettings } from './alerts-config.ts';

const HOUR = 3600_000;

async function storeCall(database: Database, id: string, spec: { startedAt: Date; team: string; score: number; findings?: FindingKind[] }): Promise<Evaluation> {
  const transcript = sampleTranscript(id, {
    startedAt: spec.startedAt.toISOString(),
    manager: { name: `Менеджер ${id}`, team: spec.team, supervisor: null, position: null },
  });
  const evaluation = evaluationOf(transcript, { score: spec.score, findings: spec.findings ?? [] });
  await database.calls.saveTranscripts([{ transcript, searchText: '' }]);
  await database.evaluations.saveEvaluations([evaluation]);
  return evaluation;
}

describe.each(DATABASE_KINDS)('alerts on %s', (kind) => {
  let env: JobTestEnv;
  let telegram: HttpMock;
  let webhook: HttpMock;
  let smtp: SmtpMock;
  const services: AlertService[] = [];

  function settingsWith(extra: Record<string, unknown> = {}): AlertSettings {
    return parseAlertSettings(
      {
        publicUrl: 'https://okk.example.ru',
        retryDelaySec: 0,
        recipients: [
          { name: 'РОП Москва', teams: ['москва'], telegramChatId: 'moscow-chat' },
          { name: 'РОП Казань', teams: ['Казань'], email: 'kazan@example.ru' },
        ],
        channels: {
          tg: { type: 'telegram', baseUrl: telegram.url, botToken: 'test-token', timeoutSec: 2 },
          mail: { type: 'email', host: '127.0.0.1', port: smtp.port, from: 'okk@example.ru', timeoutSec: 2 },
          hook: { type: 'webhook', url: `${webhook.url}/hook`, secret: 'hook-secret', retries: 0, timeoutSec: 2 },
        },
        ...extra,
      },
      'Europe/Moscow',
    );
  }

  function service(settings: AlertSettings = settingsWith()): AlertService {
    const created = new AlertService({ database: env.database, settings, logger: env.logger });
    services.push(created);
    return created;
  }

  beforeEach(async () => {
    env = await createJobTestEnv(kind);
    telegram = await startHttpMock();
    webhook = await startHttpMock([{ status: 200, body: 'ok' }]);
    smtp = await startSmtpMock();
  });
  afterEach(async () => {
    await Promise.all(services.splice(0).map((created) => created.close()));
    await Promise.all([telegram.close(), webhook.close(), smtp.close()]);
    await env.cleanup();
  });

  it('alerts each team head once about today\'s problem calls, however often it runs', async () => {
    const now = new Date();
    await storeCall(env.database, 'msk-bad', { startedAt: new Date(now.getTime() - HOUR), team: 'Москва', score: 35, findings: ['irritation'] });
    await storeCall(env.database, 'kzn-bad', { startedAt: new Date(now.getTime() - 2 * HOUR), team: 'Казань', score: 80, findings: ['client_dissatisfied'] });
    await storeCall(env.database, 'msk-good', { startedAt: new Date(now.getTime() - HOUR), team: 'Москва', score: 92 });
    await storeCall(env.database, 'msk-old', { startedAt: new Date(now.getTime() - 50 * HOUR), team: 'Москва', score: 20 });
    const ids = ['msk-bad', 'kzn-bad', 'msk-good', 'msk-old'];

    const first = await service().run(ids, now);
    // msk-bad: two rules × (its head's chat + the webhook); kzn-bad: one rule × (its head's mail + the webhook).
    expect(first.plan).toEqual({ checked: 4, alerted: 2, tooOld: 1, added: 6 });
    expect(first.send).toMatchObject({ messages: 4, sent: 4, failed: 0, retrying: 0 });

    const second = await service().run(ids, new Date(now.getTime() + 60_000));
    expect(second.plan.added).toBe(0);
    expect(second.send.messages).toBe(0);

    expect(telegram.received).toHaveLength(1);
    const sent = JSON.parse(telegram.received[0]?.body ?? '{}') as { chat_id: string; text: string };
    expect(sent.chat_id).toBe('moscow-chat');
    expect(sent.text).toContain('Проблемный звонок: Менеджер msk-bad (Москва)');
    expect(sent.text).toContain('Причина: оценка 35 ниже порога 60; находка «Раздражение / грубость».');
    expect(sent.text).toContain('Открыть звонок: https://okk.example.ru/calls/msk-bad');
    expect(smtp.mails.map((mail) => mail.to)).toEqual([['kazan@example.ru']]);
    expect(mailText(smtp.mails[0]?.data ?? '')).toContain('находка «Клиент недоволен»');
    expect(webhook.received.map((request) => (JSON.parse(request.body) as { calls: { callId: string }[] }).calls[0]?.callId).sort()).toEqual(['kzn-bad', 'msk-bad']);

    const states = await env.database.alerts.channelStates();
    expect(states.map((state) => [state.channel, state.sentCount, state.lastError])).toEqual([['hook', 2, null], ['mail', 1, null], ['tg', 1, null]]);
  });

  it('retries a failed channel only', async () => {
    const now = new Date();
    await storeCall(env.database, 'msk-bad', { startedAt: new Date(now.getTime() - HOUR), team: 'Москва', score: 30 });
    telegram.answers = [{ status: 500, body: '{"ok":false,"description":"Internal Server Error"}' }, { status: 200, body: '{"ok":true}' }];

    const first = await service().run(['msk-bad'], now);
    expect(first.send).toMatchObject({ messages: 2, sent: 1, retrying: 1, failed: 0 });
    expect(first.send.failures).toEqual([{ channel: 'tg', address: 'moscow-chat', reason: 'Telegram ответил ошибкой 500: Internal Server Error' }]);
    const pending = (await env.database.alerts.listForCall('msk-bad')).find((delivery) => delivery.channel === 'tg');
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Telegram ответил ошибкой 500: Internal Server Error' });
    expect((await env.database.alerts.channelStates()).find((state) => state.channel === 'tg')).toMatchObject({ lastError: 'Telegram ответил ошибкой 500: Internal Server Error', lastSentAt: null, failedCount: 1 });

    const retry = await service().sendDue(new Date(now.getTime() + 1000));
    expect(retry).toMatchObject({ messages: 1, sent: 1 });
    expect(await service().sendDue(new Date(now.getTime() + 2000))).toMatchObject({ messages: 0 });
    expect(telegram.received).toHaveLength(2);
    expect(webhook.received).toHaveLength(1);
  });

  it('gives up after the last attempt and on answers that cannot succeed', async () => {
    const now = new Date();
    await storeCall(env.database, 'msk-bad', { startedAt: new Date(now.getTime() - HOUR), team: 'Москва', score: 30 });
    telegram.answers = [{ status: 401, body: '{"ok":false,"description":"Unauthorized"}' }];
    const result = await service().run(['msk-bad'], now);
    expect(result.send).toMatchObject({ failed: 1, retrying: 0 });
    expect((await env.database.alerts.listForCall('msk-bad')).find((delivery) => delivery.channel === 'tg')).toMatchObject({ status: 'failed' });
    expect(await service().sendDue(new Date(now.getTime() + 5000))).toMatchObject({ messages: 0 });
  });

  it('alerts a finding added later once, and not again for an unchanged re-evaluation', async () => {
    const now = new Date();
    const evaluation = await storeCall(env.database, 'kzn', { startedAt: new Date(now.getTime() - HOUR), team: 'Казань', score: 90 });
    const settings = settingsWith({ channels: { mail: { type: 'email', host: '127.0.0.1', port: smtp.port, from: 'okk@example.ru', timeoutSec: 2 } } });
    expect((await service(settings).run(['kzn'], now)).plan.alerted).toBe(0);

    const broken = evaluationOf(sampleTranscript('kzn', evaluation.call), { score: 90, findings: ['promise_not_kept'] });
    await env.database.evaluations.saveEvaluations([broken]);
    const since = new Date(now.getTime() - 60_000).toISOString();
    const changed = await env.database.alerts.listCallIds({ evaluatedSince: since });
    expect(changed).toEqual(['kzn']);
    expect((await service(settings).run(changed, now)).send.sent).toBe(1);

    await env.database.evaluations.saveEvaluations([{ ...broken, checklist: { id: 'default', version: 2 } }]);
    expect(await service(settings).run(['kzn'], new Date(now.getTime() + 1000))).toMatchObject({ plan: { alerted: 1, added: 0 }, send: { messages: 0 } });
    expect(smtp.mails).toHaveLength(1);
    expect(mailText(smtp.mails[0]?.data ?? '')).toContain('Обещал — не сделал');
  });

  it('collects a digest for the digest time', async () => {
    const now = new Date();
    await storeCall(env.database, 'a', { startedAt: new Date(now.getTime() - HOUR), team: 'Москва', score: 30 });
    await storeCall(env.database, 'b', { startedAt: new Date(now.getTime() - 2 * HOUR), team: 'Москва', score: 40 });
    const settings = settingsWith({ digestTime: '23:59', channels: { tg: { type: 'telegram', baseUrl: telegram.url, botToken: 't' } } });
    const planned = await service(settings).run(['a', 'b'], now);
    expect(planned.plan.added).toBe(2);
    expect(planned.send.messages).toBe(0);

    const atDigest = new Date(now.getTime() + 25 * HOUR);
    expect(await service(settings).sendDue(atDigest)).toMatchObject({ messages: 1, sent: 1 });
    const text = (JSON.parse(telegram.received[0]?.body ?? '{}') as { text: string }).text;
    expect(text.split('\n')[0]).toBe('Проблемные звонки — 2');
    expect(text.indexOf('Менеджер b')).toBeLessThan(text.indexOf('Менеджер a'));
  });

  it('runs as the send-alerts job, twice without sending twice', async () => {
    const now = new Date();
    await storeCall(env.database, 'msk-bad', { startedAt: new Date(now.getTime() - HOUR), team: 'Москва', score: 30 });
    const queue = await env.openQueue();
    const worker = await startJobWorker(env.database, env.config, env.logger, { queue, names: ['send-alerts'], alerts: service() });
    try {
      for (let run = 0; run < 2; run += 1) {
        const job = await queue.enqueue({ name: 'send-alerts', payload: { callIds: ['msk-bad'], evaluatedSince: null } });
        const status = await waitForJob(queue, job.id);
        expect(status.state).toBe('completed');
        expect(status.result).toMatchObject(run === 0 ? { checked: 1, alerted: 1, planned: 2, sent: 2 } : { checked: 1, alerted: 1, planned: 0, sent: 0 });
      }
    } finally {
      await worker.stop();
    }
    expect(telegram.received).toHaveLength(1);
    expect(webhook.received).toHaveLength(1);
  });
});
