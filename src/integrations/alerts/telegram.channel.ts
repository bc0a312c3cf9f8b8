import type { TelegramSettings } from '../../services/alerts/alerts-config.ts';
import type { AlertChannel, OutgoingAlert, SendResult } from './alert-channel.ts';
import { networkReason, preview } from './alert-channel.ts';

/** Telegram's limit on the text of one message, in characters. */
const TEXT_LIMIT = 4096;

/**
 * Sends alerts through the Telegram Bot API `sendMessage` method as plain text (no parse mode, so a
 * quote with `<` or `*` cannot break the message). The bot token is part of the URL, so the URL is
 * never put into messages or logs.
 */
export class TelegramChannel implements AlertChannel {
  readonly type = 'telegram';
  readonly name: string;

  constructor(private readonly settings: TelegramSettings) {
    this.name = settings.name;
  }

  async send(alert: OutgoingAlert, signal?: AbortSignal): Promise<SendResult> {
    const url = `${this.settings.baseUrl.replace(/\/+$/u, '')}/bot${this.settings.botToken}/sendMessage`;
    const timeout = AbortSignal.timeout(this.settings.timeoutSec * 1000);
    const text = alert.message.text.length <= TEXT_LIMIT ? alert.message.text : `${alert.message.text.slice(0, TEXT_LIMIT - 1)}…`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: alert.address, text, disable_web_page_preview: true }),
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
    } catch (error) {
      if (timeout.aborted) {
        return { ok: false, retryable: true, reason: `Telegram не ответил за ${this.settings.timeoutSec} с` };
      }
      return { ok: false, retryable: true, reason: `не удалось подключиться к Telegram (${new URL(this.settings.baseUrl).host}): ${networkReason(error)}` };
    }
    const body = await response.text().catch(() => '');
    if (response.ok) {
      return { ok: true };
    }
    return { ok: false, retryable: response.status === 429 || response.status >= 500, reason: this.failureReason(response.status, body) };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private failureReason(status: number, body: string): string {
    const description = describeError(body);
    if (status === 401 || status === 404) return `Telegram отклонил токен бота (${status}${description}): проверьте botToken`;
    if (status === 400 || status === 403) return `Telegram не доставил сообщение в чат (${status}${description}): проверьте chat id и что бот добавлен в чат`;
    if (status === 429) return `Telegram ограничил частоту сообщений (429${description})`;
    return `Telegram ответил ошибкой ${status}${description}`;
  }
}

function describeError(body: string): string {
  try {
    const parsed = JSON.parse(body) as { description?: unknown };
    return typeof parsed.description === 'string' ? `: ${preview(parsed.description)}` : '';
  } catch {
    return body === '' ? '' : `: ${preview(body)}`;
  }
}
