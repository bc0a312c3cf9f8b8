import { SignJWT } from 'jose';
import { z } from 'zod';

import { AppError } from '../lib/app-error.ts';
import type { Logger } from '../lib/logger.ts';
import type { TbankConfig } from './asr-config.ts';
import { AsrHttpClient, pollDelay } from './asr-http.ts';
import { splitClip, toPcm16 } from './pcm.ts';
import { durationSeconds, placeSegments } from './recognized-segments.ts';
import type { AudioClip, RecognizeOptions, RecognizedSegment, SpeechRecognizer } from './speech-recognizer.ts';
import { trimSlash } from './asr-http.ts';
import { alignWordsToText } from './word-alignment.ts';

const duration = z.union([z.string(), z.number()]).nullish();

const responseSchema = z.object({
  results: z
    .array(
      z.object({
        alternatives: z.array(z.object({
          transcript: z.string().default(''),
          words: z.array(z.object({ word: z.string(), start_time: duration, end_time: duration })).nullish(),
        })).default([]),
        channel: z.number().nullish(),
        start_time: duration,
        end_time: duration,
      }),
    )
    .default([]),
});

const operationSchema = z.object({
  id: z.string().min(1),
  state: z.union([z.string(), z.number()]).default('ENQUEUED'),
  error: z.object({ code: z.number().nullish(), message: z.string().nullish() }).nullish(),
  response: responseSchema.nullish(),
});

const FINISHED_OK = new Set(['DONE', 2]);
const FINISHED_FAILED = new Set(['FAILED', 3]);

/**
 * T-Bank VoiceKit over REST: `stt:recognize` (one request) or `stt:longrunningrecognize` with operation
 * polling. Each request carries a JWT signed with HS256 by the secret key, with the API key as `kid` and
 * `tinkoff.cloud.stt` as audience, valid for ten minutes.
 */
export class TbankRecognizer implements SpeechRecognizer {
  readonly name = 'tbank';
  readonly diarizes = false;
  private readonly http: AsrHttpClient;
  private readonly secret: Uint8Array;

  constructor(
    private readonly config: TbankConfig,
    private readonly apiKey: string,
    secretKey: string,
    logger?: Logger,
  ) {
    this.http = new AsrHttpClient('T-Bank VoiceKit', config, logger);
    this.secret = new Uint8Array(Buffer.from(secretKey, 'base64'));
    if (this.secret.length === 0) {
      throw new AppError('CONFIG_INVALID', 'T-Bank VoiceKit: секретный ключ (asr.secretKey или OKK_TBANK_SECRET_KEY) пуст или не в Base64. Скопируйте его из личного кабинета VoiceKit целиком.');
    }
  }

  async recognize(clip: AudioClip, options: RecognizeOptions): Promise<RecognizedSegment[]> {
    const segments: RecognizedSegment[] = [];
    for (const piece of splitClip(clip, this.config.chunkSec)) {
      const response = this.config.mode === 'recognize' ? await this.recognizeAtOnce(piece, options.signal) : await this.recognizeLong(piece, options.signal);
      segments.push(...placeSegments(toSegments(response), piece.offsetSec));
    }
    return segments;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async authorization(): Promise<string> {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: this.apiKey })
      .setIssuer('okk')
      .setSubject('okk')
      .setAudience('tinkoff.cloud.stt')
      .setExpirationTime('10m')
      .sign(this.secret);
    return `Bearer ${token}`;
  }

  private requestBody(piece: AudioClip): string {
    const config: Record<string, unknown> = {
      encoding: 'LINEAR16',
      sample_rate_hertz: piece.sampleRate,
      num_channels: 1,
      language_code: 'ru-RU',
      max_alternatives: 1,
      enable_automatic_punctuation: true,
      enable_denormalization: this.config.denormalization,
    };
    if (this.config.model !== undefined) {
      config.model = this.config.model;
    }
    return JSON.stringify({ config, audio: { content: toPcm16(piece.samples).toString('base64') } });
  }

  private async recognizeAtOnce(piece: AudioClip, signal: AbortSignal | undefined): Promise<z.infer<typeof responseSchema>> {
    const step = 'распознавание записи';
    const body = await this.http.json(`${trimSlash(this.config.baseUrl)}/v1/stt:recognize`, {
      method: 'POST',
      headers: { authorization: await this.authorization(), 'content-type': 'application/json' },
      body: this.requestBody(piece),
      signal,
      step,
    });
    const response = responseSchema.safeParse(body);
    if (!response.success) {
      throw this.http.malformed(step, 'нет списка results');
    }
    return response.data;
  }

  private async recognizeLong(piece: AudioClip, signal: AbortSignal | undefined): Promise<z.infer<typeof responseSchema>> {
    const submitted = await this.http.json(`${trimSlash(this.config.baseUrl)}/v1/stt:longrunningrecognize`, {
      method: 'POST',
      headers: { authorization: await this.authorization(), 'content-type': 'application/json' },
      body: this.requestBody(piece),
      signal,
      step: 'отправка записи',
    });
    let operation = this.parseOperation(submitted, 'отправка записи');
    const deadline = Date.now() + this.config.maxWaitSec * 1000;
    while (!FINISHED_OK.has(operation.state)) {
      if (FINISHED_FAILED.has(operation.state)) {
        throw new AppError('UPSTREAM_FAILED', `T-Bank VoiceKit: операция ${operation.id} завершилась ошибкой: ${operation.error?.message ?? 'без описания'}.`);
      }
      if (Date.now() >= deadline) {
        throw new AppError('UPSTREAM_TIMEOUT', `T-Bank VoiceKit: операция ${operation.id} не завершилась за ${this.config.maxWaitSec} с. Увеличьте asr.maxWaitSec.`);
      }
      await pollDelay(this.config.pollIntervalSec, signal);
      const polled = await this.http.json(`${trimSlash(this.config.baseUrl)}/v1/operations/${encodeURIComponent(operation.id)}`, {
        headers: { authorization: await this.authorization() },
        signal,
        step: 'ожидание результата',
      });
      operation = this.parseOperation(polled, 'ожидание результата');
    }
    return operation.response ?? { results: [] };
  }

  private parseOperation(body: unknown, step: string): z.infer<typeof operationSchema> {
    const operation = operationSchema.safeParse(body);
    if (!operation.success) {
      throw this.http.malformed(step, 'нет идентификатора или состояния операции');
    }
    return operation.data;
  }
}

function toSegments(response: z.infer<typeof responseSchema>): RecognizedSegment[] {
  return response.results.flatMap((result) => {
    const best = result.alternatives[0];
    if (best === undefined) {
      return [];
    }
    const spoken = (best.words ?? []).map((word) => ({
      text: word.word,
      startSec: durationSeconds(word.start_time),
      endSec: durationSeconds(word.end_time),
      // VoiceKit's word confidence is relative to other hypotheses and may be negative, not a 0..1 score.
      confidence: null,
    }));
    const startSec = durationSeconds(result.start_time) ?? spoken[0]?.startSec ?? 0;
    return [{
      startSec,
      endSec: durationSeconds(result.end_time) ?? spoken.at(-1)?.endSec ?? startSec,
      text: best.transcript,
      confidence: null,
      words: spoken.length === 0 ? [] : alignWordsToText(best.transcript, spoken),
      speaker: null,
    }];
  });
}
