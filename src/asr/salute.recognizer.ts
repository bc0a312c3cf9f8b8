import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import { AppError } from '../lib/app-error.ts';
import type { Logger } from '../lib/logger.ts';
import type { SaluteConfig } from './asr-config.ts';
import { AsrHttpClient, pollDelay } from './asr-http.ts';
import { clipAtRate, toPcm16 } from './pcm.ts';
import { placeSegments } from './recognized-segments.ts';
import { saluteResultSchema, saluteSegments } from './salute-result.ts';
import type { AudioClip, RecognizeOptions, RecognizedSegment, SpeechRecognizer } from './speech-recognizer.ts';
import { trimSlash } from './asr-http.ts';

const tokenSchema = z.object({ access_token: z.string().min(1), expires_at: z.number() });
const uploadSchema = z.object({ result: z.object({ request_file_id: z.string().min(1) }) });
const taskSchema = z.object({
  result: z.object({
    id: z.string().min(1),
    status: z.string(),
    response_file_id: z.string().nullish(),
    error: z.string().nullish(),
  }),
});

/** Sample rates sent as they are; others are resampled to 16 kHz. */
const SAMPLE_RATES = [8000, 16000];

/**
 * SaluteSpeech asynchronous recognition over HTTP: an access token from the OAuth endpoint (`RqUID`, Basic
 * authorization key), `data:upload` of 16-bit PCM, `speech:async_recognize`, `task:get` polling and
 * `data:download` of the result. The token is reused until a minute before it expires.
 */
export class SaluteRecognizer implements SpeechRecognizer {
  readonly name = 'salute';
  readonly diarizes = false;
  private readonly http: AsrHttpClient;
  private token: { value: string; expiresAtMs: number } | null = null;

  constructor(
    private readonly config: SaluteConfig,
    private readonly authKey: string,
    logger?: Logger,
  ) {
    this.http = new AsrHttpClient('SaluteSpeech', config, logger);
  }

  async recognize(clip: AudioClip, options: RecognizeOptions): Promise<RecognizedSegment[]> {
    const audio = clipAtRate(clip, SAMPLE_RATES, 16000);
    const fileId = await this.upload(audio, options.signal);
    const taskId = await this.createTask(fileId, audio.sampleRate, options.signal);
    const resultFileId = await this.waitForTask(taskId, options.signal);
    return placeSegments(await this.download(resultFileId, options.signal), clip.offsetSec);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async authorization(signal: AbortSignal | undefined): Promise<string> {
    if (this.token !== null && this.token.expiresAtMs - 60_000 > Date.now()) {
      return `Bearer ${this.token.value}`;
    }
    const step = 'получение токена';
    const body = await this.http.json(this.config.oauthUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${this.authKey}`, rquid: randomUUID(), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ scope: this.config.scope }),
      signal,
      step,
    });
    const token = tokenSchema.safeParse(body);
    if (!token.success) {
      throw this.http.malformed(step, 'нет access_token');
    }
    this.token = { value: token.data.access_token, expiresAtMs: token.data.expires_at };
    return `Bearer ${token.data.access_token}`;
  }

  private async upload(audio: AudioClip, signal: AbortSignal | undefined): Promise<string> {
    const step = 'загрузка записи';
    const body = await this.http.json(`${trimSlash(this.config.baseUrl)}/data:upload`, {
      method: 'POST',
      headers: { authorization: await this.authorization(signal), 'content-type': 'application/octet-stream' },
      body: new Blob([toPcm16(audio.samples)]),
      signal,
      step,
    });
    const upload = uploadSchema.safeParse(body);
    if (!upload.success) {
      throw this.http.malformed(step, 'нет request_file_id');
    }
    return upload.data.result.request_file_id;
  }

  private async createTask(fileId: string, sampleRate: number, signal: AbortSignal | undefined): Promise<string> {
    const step = 'создание задачи';
    const options = {
      model: this.config.model,
      audio_encoding: 'PCM_S16LE',
      sample_rate: sampleRate,
      language: 'ru-RU',
      channels_count: 1,
      hypotheses_count: 1,
      enable_profanity_filter: false,
    };
    const body = await this.http.json(`${trimSlash(this.config.baseUrl)}/speech:async_recognize`, {
      method: 'POST',
      headers: { authorization: await this.authorization(signal), 'content-type': 'application/json' },
      body: JSON.stringify({ options, request_file_id: fileId }),
      signal,
      step,
    });
    const task = taskSchema.safeParse(body);
    if (!task.success) {
      throw this.http.malformed(step, 'нет идентификатора задачи');
    }
    return task.data.result.id;
  }

  private async waitForTask(taskId: string, signal: AbortSignal | undefined): Promise<string> {
    const step = 'ожидание результата';
    const deadline = Date.now() + this.config.maxWaitSec * 1000;
    for (;;) {
      const url = `${trimSlash(this.config.baseUrl)}/task:get?id=${encodeURIComponent(taskId)}`;
      const body = await this.http.json(url, { headers: { authorization: await this.authorization(signal) }, signal, step });
      const task = taskSchema.safeParse(body);
      if (!task.success) {
        throw this.http.malformed(step, 'нет состояния задачи');
      }
      const { status, response_file_id: resultFileId, error } = task.data.result;
      if (status === 'DONE' && resultFileId) {
        return resultFileId;
      }
      if (status === 'ERROR' || status === 'CANCELED') {
        throw new AppError('UPSTREAM_FAILED', `SaluteSpeech: задача ${taskId} завершилась со статусом ${status}: ${error ?? 'без описания'}.`);
      }
      if (Date.now() >= deadline) {
        throw new AppError('UPSTREAM_TIMEOUT', `SaluteSpeech: задача ${taskId} не завершилась за ${this.config.maxWaitSec} с. Увеличьте asr.maxWaitSec.`);
      }
      await pollDelay(this.config.pollIntervalSec, signal);
    }
  }

  private async download(resultFileId: string, signal: AbortSignal | undefined): Promise<RecognizedSegment[]> {
    const step = 'получение результата';
    const url = `${trimSlash(this.config.baseUrl)}/data:download?response_file_id=${encodeURIComponent(resultFileId)}`;
    const body = await this.http.json(url, { headers: { authorization: await this.authorization(signal) }, signal, step });
    const entries = saluteResultSchema.safeParse(body);
    if (!entries.success) {
      throw this.http.malformed(step, 'ожидался массив результатов');
    }
    return saluteSegments(entries.data);
  }
}
