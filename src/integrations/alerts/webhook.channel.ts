import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { WebhookSettings } from '../../services/alerts/alerts-config.ts';
import type { AlertChannel, OutgoingAlert, SendResult } from './alert-channel.ts';
import { networkReason, preview } from './alert-channel.ts';

/** Headers a receiver checks: `X-OKK-Signature` is `sha256=` and the HMAC-SHA256 of `<timestamp>.<body>` in hex. */
export const SIGNATURE_HEADER = 'x-okk-signature';
export const TIMESTAMP_HEADER = 'x-okk-timestamp';
export const DELIVERY_HEADER = 'x-okk-delivery';

/** The signature a receiver should compute for a body sent at `timestamp` (Unix seconds). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * POSTs each alert as JSON, signed with the configured secret. Timeouts, dropped connections and 429 or
 * 5xx responses are retried with doubling delays. Other responses fail at once.
 */
export class WebhookChannel implements AlertChannel {
  readonly type = 'webhook';
  readonly name: string;

  constructor(
    private readonly settings: WebhookSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.name = settings.name;
  }

  async send(alert: OutgoingAlert, signal?: AbortSignal): Promise<SendResult> {
    const body = JSON.stringify({ event: `okk.alert.${alert.message.kind}`, id: alert.id, subject: alert.message.subject, text: alert.message.text, calls: alert.message.calls });
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.attempt(alert.id, body, signal);
      if (result.ok || !result.retryable) return result;
      if (attempt >= this.settings.retries) {
        return attempt === 0 ? result : { ...result, reason: `${result.reason} (попыток: ${attempt + 1})` };
      }
      await sleep(this.settings.retryDelaySec * 1000 * 2 ** attempt, undefined, signal === undefined ? {} : { signal });
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async attempt(id: string, body: string, signal: AbortSignal | undefined): Promise<SendResult> {
    const timestamp = String(Math.floor(this.clock().getTime() / 1000));
    const timeout = AbortSignal.timeout(this.settings.timeoutSec * 1000);
    const host = new URL(this.settings.url).host;
    let response: Response;
    try {
      response = await fetch(this.settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'okk-alerts',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: webhookSignature(this.settings.secret, timestamp, body),
          [DELIVERY_HEADER]: id,
        },
        body,
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
    } catch (error) {
      if (timeout.aborted) return { ok: false, retryable: true, reason: `webhook ${host} не ответил за ${this.settings.timeoutSec} с` };
      return { ok: false, retryable: true, reason: `не удалось подключиться к webhook ${host}: ${networkReason(error)}` };
    }
    const answer = await response.text().catch(() => '');
    if (response.ok) return { ok: true };
    const detail = answer === '' ? '' : `: ${preview(answer)}`;
    return { ok: false, retryable: response.status === 429 || response.status >= 500, reason: `webhook ${host} ответил ошибкой ${response.status}${detail}` };
  }
}
