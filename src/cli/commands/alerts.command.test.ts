import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startHttpMock, startSmtpMock } from '../../integrations/alerts/testing/alert-mocks.ts';
import type { HttpMock, SmtpMock } from '../../integrations/alerts/testing/alert-mocks.ts';
import { REPO_ROOT } from '../../../test/corpus.ts';

const OKK = path.join(REPO_ROOT, 'bin', 'okk.js');
const run = promisify(execFile);

interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function okk(folder: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [OKK, ...args], { cwd: folder, env: { ...process.env, OKK_CONFIG: path.join(folder, 'okk.config.json'), ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('okk alerts', () => {
  let folder: string;
  let telegram: HttpMock;
  let webhook: HttpMock;
  let smtp: SmtpMock;

  async function writeConfig(alerts: unknown): Promise<void> {
    await writeFile(path.join(folder, 'okk.config.json'), JSON.stringify({ databaseUrl: `sqlite:${path.join(folder, 'okk.sqlite')}`, alerts }));
  }

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'okk-alerts-cli-'));
    telegram = await startHttpMock();
    webhook = await startHttpMock([{ status: 500, body: 'сломалось' }]);
    smtp = await startSmtpMock();
    await writeConfig({
      recipients: [{ name: 'РОП Москва', teams: ['Москва'], telegramChatId: '1001', email: 'rop@example.ru' }],
      channels: {
        tg: { type: 'telegram', baseUrl: telegram.url, botToken: 'env:OKK_TEST_BOT_TOKEN' },
        mail: { type: 'email', host: '127.0.0.1', port: smtp.port, from: 'okk@example.ru' },
        hook: { type: 'webhook', url: `${webhook.url}/hook`, secret: 'hook-secret', retries: 1, retryDelaySec: 0.05 },
      },
    });
  });
  afterEach(async () => {
    await Promise.all([telegram.close(), webhook.close(), smtp.close()]);
    await rm(folder, { recursive: true, force: true });
  });

  it('test: sends to every channel and prints the result of each in Russian', async () => {
    const outcome = await okk(folder, ['alerts', 'test'], { OKK_TEST_BOT_TOKEN: 'cli-token' });
    expect(outcome.stdout).toContain('✓ tg (Telegram): отправлено, адресов — 1');
    expect(outcome.stdout).toContain('✓ mail (e-mail): отправлено, адресов — 1');
    expect(outcome.stdout).toContain(`✗ hook (webhook): не отправлено на 1 из 1 адресов\n    webhook: webhook ${new URL(webhook.url).host} ответил ошибкой 500: сломалось (попыток: 2)`);
    expect(outcome.stdout).toContain('Итого: каналов проверено — 3, без ошибок — 2, с ошибками — 1.');
    expect(outcome.code).toBe(1);
    expect(telegram.received[0]?.path).toBe('/botcli-token/sendMessage');
    expect(smtp.mails.map((mail) => mail.to)).toEqual([['rop@example.ru']]);
    expect(webhook.received).toHaveLength(2);
    expect(outcome.stdout + outcome.stderr).not.toContain('cli-token');
  });

  it('test --channel: sends to that channel only', async () => {
    const outcome = await okk(folder, ['alerts', 'test', '--channel', 'mail'], { OKK_TEST_BOT_TOKEN: 'cli-token' });
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('Итого: каналов проверено — 1, без ошибок — 1, с ошибками — 0.');
    expect(telegram.received).toHaveLength(0);
    expect(webhook.received).toHaveLength(0);
  });

  it('reports an unknown channel and a missing secret in Russian', async () => {
    const unknown = await okk(folder, ['alerts', 'test', '--channel', 'sms'], { OKK_TEST_BOT_TOKEN: 'cli-token' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Канал «sms» не настроен. Настроенные каналы: tg, mail, hook.');

    const missing = await okk(folder, ['alerts', 'test']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Ошибка: Ошибка в настройках: alerts.channels.tg.botToken: переменная окружения OKK_TEST_BOT_TOKEN не задана');
    expect(telegram.received).toHaveLength(0);
  });

  it('send: with nothing stored, sends nothing and says so', async () => {
    const outcome = await okk(folder, ['alerts', 'send', '--since', '2026-12-01'], { OKK_TEST_BOT_TOKEN: 'cli-token' });
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('Проверено звонков: 0.');
    expect(outcome.stdout).toContain('Отправлено сообщений: 0 из 0');
  });
});
