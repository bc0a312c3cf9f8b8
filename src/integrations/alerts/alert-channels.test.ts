import { afterEach, describe, expect, it } from 'vitest';

import { buildTestMessage } from '../../core/alerts/alert-message.ts';
import type { EmailSettings, TelegramSettings, WebhookSettings } from '../../services/alerts/alerts-config.ts';
import type { OutgoingAlert, SendResult } from './alert-channel.ts';
import { EmailChannel } from './email.channel.ts';
import { TelegramChannel } from './telegram.channel.ts';
import { mailText, startHttpMock, startSmtpMock } from './testing/alert-mocks.ts';
import type { HttpMock, SmtpMock } from './testing/alert-mocks.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookChannel, webhookSignature } from './webhook.channel.ts';

/** Returns the reason of a failed send; a send that succeeded gives an empty string, which no pattern matches. */
function failureReason(result: SendResult): string {
  return result.ok ? '' : result.reason;
}

const MESSAGE = buildTestMessage('2026-12-04T11:05:00.000Z', 'test', { timeZone: 'Europe/Moscow', publicUrl: null });

function alertTo(address: string): OutgoingAlert {
  return { id: 'okk-alert-1', message: MESSAGE, address };
}

const mocks: { close(): Promise<void> }[] = [];
async function http(...answers: Parameters<typeof startHttpMock>[0] & object): Promise<HttpMock> {
  const mock = await startHttpMock(answers);
  mocks.push(mock);
  return mock;
}
async function smtp(options: Parameters<typeof startSmtpMock>[0] = {}): Promise<SmtpMock> {
  const mock = await startSmtpMock(options);
  mocks.push(mock);
  return mock;
}

afterEach(async () => {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

describe('TelegramChannel', () => {
  const settings = (baseUrl: string, timeoutSec = 5): TelegramSettings => ({ type: 'telegram', name: 'tg', baseUrl, botToken: '123:SECRET', secretSource: 'файл настроек', timeoutSec });

  it('calls sendMessage with the chat and the plain text', async () => {
    const mock = await http({ status: 200, body: '{"ok":true,"result":{"message_id":1}}' });
    expect(await new TelegramChannel(settings(mock.url)).send(alertTo('-100200'))).toEqual({ ok: true });
    expect(mock.received).toHaveLength(1);
    expect(mock.received[0]?.path).toBe('/bot123:SECRET/sendMessage');
    expect(JSON.parse(mock.received[0]?.body ?? '')).toEqual({ chat_id: '-100200', text: MESSAGE.text, disable_web_page_preview: true });
  });

  it('reports a rejected token in Russian without the token', async () => {
    const mock = await http({ status: 401, body: '{"ok":false,"error_code":401,"description":"Unauthorized"}' });
    const result = await new TelegramChannel(settings(mock.url)).send(alertTo('1'));
    expect(result).toEqual({ ok: false, retryable: false, reason: 'Telegram отклонил токен бота (401: Unauthorized): проверьте botToken' });
  });

  it('marks 5xx answers for a retry', async () => {
    const mock = await http({ status: 502, body: 'Bad Gateway' });
    expect(await new TelegramChannel(settings(mock.url)).send(alertTo('1'))).toEqual({ ok: false, retryable: true, reason: 'Telegram ответил ошибкой 502: Bad Gateway' });
  });

  it('gives up after the timeout', async () => {
    const mock = await http({ status: 200, body: '{"ok":true}', delayMs: 3000 });
    const result = await new TelegramChannel(settings(mock.url, 0.3)).send(alertTo('1'));
    expect(result).toEqual({ ok: false, retryable: true, reason: 'Telegram не ответил за 0.3 с' });
  });

  it('reports a refused connection', async () => {
    const mock = await http();
    await mock.close();
    const result = await new TelegramChannel(settings(mock.url)).send(alertTo('1'));
    expect(result.ok).toBe(false);
    expect(failureReason(result)).toMatch(/^не удалось подключиться к Telegram \(127\.0\.0\.1:\d+\): ECONNREFUSED$/u);
    expect(failureReason(result)).not.toContain('SECRET');
  });
});

describe('EmailChannel', () => {
  const settings = (port: number, extra: Partial<EmailSettings> = {}): EmailSettings => ({
    type: 'email', name: 'mail', host: '127.0.0.1', port, secure: false, password: null, secretSource: null, from: 'okk@example.ru', to: [], timeoutSec: 5, ...extra,
  });

  it('sends a plain-text letter with the subject', async () => {
    const mock = await smtp({ user: 'okk', password: 'pw' });
    const channel = new EmailChannel(settings(mock.port, { user: 'okk', password: 'pw' }));
    expect(await channel.send(alertTo('rop@example.ru'))).toEqual({ ok: true });
    await channel.close();
    expect(mock.mails).toHaveLength(1);
    expect(mock.mails[0]).toMatchObject({ from: 'okk@example.ru', to: ['rop@example.ru'] });
    expect(mock.mails[0]?.data).toContain('Message-ID: <okk-alert-1@okk>');
    expect(mailText(mock.mails[0]?.data ?? '')).toContain('Канал «test» настроен');
  });

  it('reports a wrong password and a rejected letter', async () => {
    const mock = await smtp({ user: 'okk', password: 'pw' });
    const wrong = new EmailChannel(settings(mock.port, { user: 'okk', password: 'nope' }));
    const denied = await wrong.send(alertTo('rop@example.ru'));
    await wrong.close();
    expect(denied).toMatchObject({ ok: false, retryable: false });
    expect(failureReason(denied)).toMatch(/^SMTP-сервер 127\.0\.0\.1:\d+ не принял логин и пароль/u);

    mock.rejectWith = 550;
    const right = new EmailChannel(settings(mock.port, { user: 'okk', password: 'pw' }));
    const rejected = await right.send(alertTo('rop@example.ru'));
    await right.close();
    expect(rejected).toMatchObject({ ok: false, retryable: false });
    expect(failureReason(rejected)).toMatch(/отклонил письмо: 550/u);
    expect(mock.mails).toHaveLength(0);
  });

  it('gives up on a server that does not answer', async () => {
    // An HTTP mock accepts the connection but never sends the SMTP greeting.
    const silent = await http({ status: 200, body: '', delayMs: 5000 });
    const port = Number(new URL(silent.url).port);
    const channel = new EmailChannel(settings(port, { timeoutSec: 0.3 }));
    const result = await channel.send(alertTo('rop@example.ru'));
    await channel.close();
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(failureReason(result)).toMatch(/не ответил за 0\.3 с|не удалось подключиться/u);
  });
});

describe('WebhookChannel', () => {
  const settings = (url: string, extra: Partial<WebhookSettings> = {}): WebhookSettings => ({
    type: 'webhook', name: 'hook', url: `${url}/okk`, secret: 'webhook-secret', secretSource: 'файл настроек', timeoutSec: 5, retries: 2, retryDelaySec: 0.01, ...extra,
  });
  const clock = () => new Date('2026-12-04T11:05:00.000Z');

  it('posts signed JSON a receiver can verify', async () => {
    const mock = await http({ status: 204, body: '' });
    expect(await new WebhookChannel(settings(mock.url), clock).send(alertTo('webhook'))).toEqual({ ok: true });
    const request = mock.received[0];
    expect(request?.path).toBe('/okk');
    expect(request?.headers[TIMESTAMP_HEADER]).toBe(String(Date.parse('2026-12-04T11:05:00.000Z') / 1000));
    expect(request?.headers[DELIVERY_HEADER]).toBe('okk-alert-1');
    expect(request?.headers[SIGNATURE_HEADER]).toBe(webhookSignature('webhook-secret', String(Date.parse('2026-12-04T11:05:00.000Z') / 1000), request?.body ?? ''));
    expect(request?.headers[SIGNATURE_HEADER]).toMatch(/^sha256=[0-9a-f]{64}$/u);
    expect(JSON.parse(request?.body ?? '')).toMatchObject({ event: 'okk.alert.test', id: 'okk-alert-1', subject: 'okk: проверка оповещений', calls: [] });
  });

  it('retries 5xx with backoff and succeeds', async () => {
    const mock = await http({ status: 503, body: 'busy' }, { status: 500, body: '' }, { status: 200, body: 'ok' });
    expect(await new WebhookChannel(settings(mock.url), clock).send(alertTo('webhook'))).toEqual({ ok: true });
    expect(mock.received).toHaveLength(3);
    expect(new Set(mock.received.map((request) => request.headers[DELIVERY_HEADER]))).toEqual(new Set(['okk-alert-1']));
  });

  it('stops at once on a 4xx answer', async () => {
    const mock = await http({ status: 400, body: '{"error":"bad"}' });
    const result = await new WebhookChannel(settings(mock.url), clock).send(alertTo('webhook'));
    expect(result).toEqual({ ok: false, retryable: false, reason: `webhook ${new URL(mock.url).host} ответил ошибкой 400: {"error":"bad"}` });
    expect(mock.received).toHaveLength(1);
  });

  it('times out each attempt and says how many were made', async () => {
    const mock = await http({ status: 200, body: '', delayMs: 3000 });
    const result = await new WebhookChannel(settings(mock.url, { timeoutSec: 0.2, retries: 1 }), clock).send(alertTo('webhook'));
    expect(result).toEqual({ ok: false, retryable: true, reason: `webhook ${new URL(mock.url).host} не ответил за 0.2 с (попыток: 2)` });
    expect(mock.received).toHaveLength(2);
  });
});
