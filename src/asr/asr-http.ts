import { setTimeout as sleep } from 'node:timers/promises';

import { AppError } from '../lib/app-error.ts';
import type { Logger } from '../lib/logger.ts';
import type { HttpSettings } from './asr-config.ts';

export interface AsrRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Binary bodies go in as a `Blob`. */
  body?: string | Blob | FormData | URLSearchParams;
  signal?: AbortSignal | undefined;
  /** Short Russian name of the step for messages («загрузка записи»). */
  step: string;
}

/**
 * Calls one speech service over HTTP: a timeout per attempt, retries with doubling delays on 429, 5xx,
 * timeouts and dropped connections (honouring `Retry-After`), and Russian errors that name the service, the
 * step and the HTTP status. Request headers are never logged or put into errors, so keys stay out of logs.
 */
export class AsrHttpClient {
  constructor(
    private readonly service: string,
    private readonly settings: HttpSettings,
    private readonly logger?: Logger,
  ) {}

  async json(url: string, request: AsrRequest): Promise<unknown> {
    const text = await this.text(url, request);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw this.malformed(request.step, `ответ не является JSON (${preview(text)})`, error);
    }
  }

  async text(url: string, request: AsrRequest): Promise<string> {
    const response = await this.send(url, request);
    return await this.readBody(response, request);
  }

  /** Builds the error for a body that arrived but is not what the service documents. */
  malformed(step: string, detail: string, cause?: unknown): AppError {
    return new AppError('UPSTREAM_FAILED', `${this.service}: непонятный ответ на шаге «${step}»: ${detail}. Проверьте адрес сервиса в настройках asr.`, { cause });
  }

  private async send(url: string, request: AsrRequest): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await this.attempt(url, request);
      const canRetry = attempt < this.settings.retries && !(request.signal?.aborted ?? false);
      if (outcome.ok) {
        return outcome.response;
      }
      if (!outcome.retryable || !canRetry) {
        throw outcome.error;
      }
      const delaySec = outcome.retryAfterSec ?? this.settings.retryDelaySec * 2 ** attempt;
      this.logger?.warn({ service: this.service, step: request.step, url: withoutQuery(url), attempt: attempt + 1, delaySec, reason: outcome.error.message }, 'retrying speech service request');
      await sleep(delaySec * 1000, undefined, { signal: request.signal });
    }
  }

  private async attempt(url: string, request: AsrRequest): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.settings.timeoutSec * 1000);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(url, { method: request.method ?? 'GET', headers: request.headers ?? {}, body: request.body ?? null, signal });
    } catch (error) {
      if (request.signal?.aborted) {
        throw error;
      }
      if (timeout.aborted) {
        return { ok: false, retryable: true, error: this.timedOut(request.step) };
      }
      const reason = errorCode(error);
      return { ok: false, retryable: true, error: new AppError('UPSTREAM_FAILED', `${this.service}: не удалось подключиться к ${new URL(url).host} на шаге «${request.step}» (${reason}). Проверьте адрес сервиса и сеть.`, { cause: error }) };
    }
    if (response.ok) {
      return { ok: true, response };
    }
    const body = await response.text().catch(() => '');
    const retryable = response.status === 429 || response.status >= 500;
    return { ok: false, retryable, retryAfterSec: retryAfter(response), error: this.statusError(response.status, request.step, body) };
  }

  private async readBody(response: Response, request: AsrRequest): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      if (request.signal?.aborted) {
        throw error;
      }
      throw this.timedOut(request.step, error);
    }
  }

  private timedOut(step: string, cause?: unknown): AppError {
    return new AppError('UPSTREAM_TIMEOUT', `${this.service}: нет ответа за ${this.settings.timeoutSec} с на шаге «${step}». Увеличьте asr.timeoutSec или проверьте доступность сервиса.`, { cause });
  }

  private statusError(status: number, step: string, body: string): AppError {
    const prefix = `${this.service}: ошибка HTTP ${status} на шаге «${step}»`;
    const detail = body.trim() === '' ? '' : ` (${preview(body)})`;
    const details = { status };
    if (status === 401) {
      return new AppError('UNAUTHENTICATED', `${prefix}: ключ не принят${detail}. Проверьте ключ доступа в настройках asr.`, { details });
    }
    if (status === 403) {
      return new AppError('FORBIDDEN', `${prefix}: нет прав${detail}. Проверьте, что у ключа или сервисного аккаунта есть доступ к распознаванию речи.`, { details });
    }
    if (status === 404) {
      return new AppError('UPSTREAM_FAILED', `${prefix}: адрес не найден${detail}. Проверьте адрес сервиса в настройках asr.`, { details });
    }
    if (status === 413) {
      return new AppError('PAYLOAD_TOO_LARGE', `${prefix}: запись слишком велика${detail}. Уменьшите asr.chunkSec.`, { details });
    }
    if (status === 429) {
      return new AppError('RATE_LIMITED', `${prefix}: превышен лимит запросов${detail}. Повторите позже или уменьшите число параллельных заданий.`, { details });
    }
    if (status >= 500) {
      return new AppError('UPSTREAM_FAILED', `${prefix}: сбой на стороне сервиса${detail}. Повторите позже.`, { details });
    }
    return new AppError('UPSTREAM_FAILED', `${prefix}: запрос отклонён${detail}. Проверьте настройки asr.`, { details });
  }
}

type Attempt = { ok: true; response: Response } | { ok: false; retryable: boolean; retryAfterSec?: number | undefined; error: AppError };

function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  const value = header === null ? Number.NaN : Number(header);
  // A service's wait is honoured up to a minute; a longer one is the caller's business, not a retry's.
  return Number.isFinite(value) && value >= 0 ? Math.min(value, 60) : undefined;
}

function errorCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.message : String(error);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** Waits between polls of a recognition job, stopping early when the caller aborts. */
export async function pollDelay(seconds: number, signal: AbortSignal | undefined): Promise<void> {
  await sleep(seconds * 1000, undefined, { signal });
}

/** Removes trailing slashes from a configured base address, so paths can be appended with one slash. */
export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
