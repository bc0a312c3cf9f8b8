import type { AlertMessage } from '../../core/alerts/alert-message.ts';

export type ChannelType = 'telegram' | 'email' | 'webhook';

/**
 * The outcome of one send. A failure carries a Russian reason for the integrations page and the
 * CLI; `retryable` is false when trying again cannot help (a wrong token, a rejected address).
 */
export type SendResult = { ok: true } | { ok: false; reason: string; retryable: boolean };

export interface OutgoingAlert {
  /** Stable id of the message: the same message retried keeps it, so receivers can drop repeats. */
  id: string;
  message: AlertMessage;
  /** The channel's address: a Telegram chat id, an e-mail address, or `webhook`. */
  address: string;
}

/** One way of delivering alerts (Telegram, e-mail, webhook). Implementations never throw on delivery failures. */
export interface AlertChannel {
  readonly name: string;
  readonly type: ChannelType;
  send(alert: OutgoingAlert, signal?: AbortSignal): Promise<SendResult>;
  close(): Promise<void>;
}

/** A short code of a network failure («ECONNREFUSED») for messages, without the request's address. */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Keeps a service's answer short enough for a message. */
export function preview(text: string, limit = 200): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit)}…`;
}
