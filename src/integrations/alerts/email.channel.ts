import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

import type { EmailSettings } from '../../services/alerts/alerts-config.ts';
import type { AlertChannel, OutgoingAlert, SendResult } from './alert-channel.ts';
import { preview } from './alert-channel.ts';

/** Sends alerts as plain-text e-mail through the configured SMTP server. */
export class EmailChannel implements AlertChannel {
  readonly type = 'email';
  readonly name: string;
  private readonly transport: Transporter;

  constructor(private readonly settings: EmailSettings) {
    this.name = settings.name;
    const timeoutMs = settings.timeoutSec * 1000;
    this.transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(settings.user === undefined ? {} : { auth: { user: settings.user, pass: settings.password ?? '' } }),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(alert: OutgoingAlert): Promise<SendResult> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: alert.address,
        subject: alert.message.subject,
        text: alert.message.text,
        messageId: `<${alert.id}@okk>`,
      });
      return { ok: true };
    } catch (error) {
      return failure(error, this.settings);
    }
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}

function failure(error: unknown, settings: EmailSettings): SendResult {
  const details = error as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const server = `${settings.host}:${settings.port}`;
  if (typeof details.responseCode === 'number') {
    const answer = typeof details.response === 'string' ? preview(details.response) : String(details.responseCode);
    if (details.code === 'EAUTH') return { ok: false, retryable: false, reason: `SMTP-сервер ${server} не принял логин и пароль (${answer}): проверьте user и password` };
    // 4xx answers are temporary by the SMTP rules; 5xx are final.
    return { ok: false, retryable: details.responseCode < 500, reason: `SMTP-сервер ${server} отклонил письмо: ${answer}` };
  }
  if (details.code === 'ETIMEDOUT') return { ok: false, retryable: true, reason: `SMTP-сервер ${server} не ответил за ${settings.timeoutSec} с` };
  if (details.code === 'ECONNECTION' || details.code === 'ESOCKET' || details.code === 'EDNS') {
    return { ok: false, retryable: true, reason: `не удалось подключиться к SMTP-серверу ${server}: ${typeof details.message === 'string' ? preview(details.message) : details.code}` };
  }
  return { ok: false, retryable: true, reason: `письмо не отправлено через ${server}: ${typeof details.message === 'string' ? preview(details.message) : String(error)}` };
}
