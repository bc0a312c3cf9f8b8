import { describe, expect, it } from 'vitest';

import type { AppConfig } from '../../lib/config.ts';
import { loadAlertSettings, parseAlertSettings } from './alerts-config.ts';

const TELEGRAM = { type: 'telegram', botToken: 'env:OKK_TEST_BOT', chatId: -1001 };

function problemOf(raw: unknown, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseAlertSettings(raw, 'Europe/Moscow', env);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

/** A config of the given file sections, read as `loadConfig` reads them. */
function configOf(sections: Record<string, unknown>): Pick<AppConfig, 'section' | 'timeZone'> {
  return {
    timeZone: 'Europe/Moscow',
    section: (name, schema) => schema.parse(sections[name] ?? {}),
  };
}

describe('alerts settings', () => {
  it('link calls at server.publicUrl unless alerts name another', () => {
    const server = { publicUrl: 'https://okk.example.ru' };

    expect(loadAlertSettings(configOf({ server }), {}).publicUrl).toBe('https://okk.example.ru');
    expect(loadAlertSettings(configOf({ server, alerts: { publicUrl: 'https://alerts.example.ru' } }), {}).publicUrl).toBe('https://alerts.example.ru');
    expect(loadAlertSettings(configOf({}), {}).publicUrl).toBeNull();
  });

  it('are off without channels and take the documented defaults', () => {
    const settings = parseAlertSettings(undefined, 'Europe/Moscow');
    expect(settings.channels).toEqual([]);
    expect(settings.rules).toEqual({ scoreBelow: 60, criticalFindings: true, findingKinds: ['irritation', 'client_dissatisfied', 'promise_not_kept', 'missed_call_no_callback'] });
    expect(settings).toMatchObject({ enabled: true, maxAgeHours: 24, maxFindings: 3, publicUrl: null, schedule: { workingHours: null, digestTime: null } });
  });

  it('resolve env: secrets and fallbacks', () => {
    const settings = parseAlertSettings(
      {
        channels: { tg: TELEGRAM, hook: { type: 'webhook', url: 'http://127.0.0.1:9/okk' }, mail: { type: 'email', host: '127.0.0.1', from: 'okk@example.ru', user: 'okk', to: ['rop@example.ru'] } },
      },
      'Europe/Moscow',
      { OKK_TEST_BOT: 'bot-token', OKK_WEBHOOK_SECRET: 'hook-secret', OKK_SMTP_PASSWORD: 'smtp-pw' },
    );
    expect(settings.channels.map((channel) => [channel.name, channel.secretSource])).toEqual([
      ['tg', 'переменная OKK_TEST_BOT'],
      ['hook', 'переменная OKK_WEBHOOK_SECRET'],
      ['mail', 'переменная OKK_SMTP_PASSWORD'],
    ]);
    expect(settings.channels[0]).toMatchObject({ botToken: 'bot-token', chatId: '-1001', baseUrl: 'https://api.telegram.org' });
    expect(settings.channels[1]).toMatchObject({ secret: 'hook-secret', retries: 2, timeoutSec: 10 });
    expect(settings.channels[2]).toMatchObject({ password: 'smtp-pw', port: 587 });
  });

  it.each([
    ['a missing variable', { channels: { tg: TELEGRAM } }, 'alerts.channels.tg.botToken: переменная окружения OKK_TEST_BOT не задана'],
    ['a missing fallback variable', { channels: { hook: { type: 'webhook', url: 'http://127.0.0.1:9/' } } }, 'alerts.channels.hook.secret: переменная окружения OKK_WEBHOOK_SECRET не задана'],
    ['an unknown channel type', { channels: { sms: { type: 'sms' } } }, 'alerts.channels.sms.type: type канала: telegram, email или webhook'],
    ['a bad webhook address', { channels: { hook: { type: 'webhook', url: 'ftp://x', secret: 's' } } }, 'alerts.channels.hook.url: адрес http(s)://…'],
    ['an unknown finding kind', { rules: { findingKinds: ['rudeness'] } }, 'alerts.rules.findingKinds.0: вид находки: один из irritation'],
    ['a bad digest time', { digestTime: '25:00' }, 'alerts.digestTime: время в виде ЧЧ:ММ, например 18:00'],
    ['working hours that end before they start', { workingHours: { start: '19:00', end: '09:00' } }, 'alerts.workingHours: конец рабочего дня 09:00 не позже начала 19:00'],
    ['a recipient without an address for telegram', { channels: { tg: TELEGRAM }, recipients: [{ name: 'РОП' }] }, 'alerts.recipients.0: у получателя нет ни telegramChatId, ни email, а канал telegram отправляет только по адресу'],
    ['a recipient without an address for e-mail', { channels: { hook: { type: 'webhook', url: 'http://127.0.0.1:9/', secret: 's' }, mail: { type: 'email', host: '127.0.0.1', from: 'okk@example.ru' } }, recipients: [{ name: 'РОП', email: 'rop@example.ru' }, { name: 'Директор' }] }, 'alerts.recipients.1: у получателя нет ни telegramChatId, ни email, а канал email отправляет только по адресу'],
    ['a bad e-mail address', { recipients: [{ name: 'РОП', email: 'не-адрес' }] }, 'alerts.recipients.0.email: неверный адрес e-mail'],
    ['an unknown field', { chanels: {} }, 'alerts'],
    ['channels with nobody to send to', { channels: { tg: { type: 'telegram', botToken: 't' } } }, 'оповещения некому отправить'],
  ])('report %s in Russian', (_name, raw, expected) => {
    const message = problemOf(raw);
    expect(message).toContain('Ошибка в настройках');
    expect(message).toContain(expected);
  });

  it('accept a recipient without an address when only webhooks send', () => {
    const settings = parseAlertSettings({ channels: { hook: { type: 'webhook', url: 'http://127.0.0.1:9/', secret: 's' } }, recipients: [{ name: 'РОП Москва', teams: ['Москва'] }] }, 'Europe/Moscow');

    expect(settings.recipients).toEqual([{ name: 'РОП Москва', teams: ['Москва'] }]);
    expect(settings.channels.map((channel) => channel.type)).toEqual(['webhook']);
  });

  it('accept a recipient without an address before any channel', () => {
    const settings = parseAlertSettings({ recipients: [{ name: 'РОП' }] }, 'Europe/Moscow');

    expect(settings.recipients).toEqual([{ name: 'РОП', teams: [] }]);
    expect(settings.channels).toEqual([]);
  });
});
