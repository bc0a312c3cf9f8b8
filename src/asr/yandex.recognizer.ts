import { z } from 'zod';

import { AppError } from '../lib/app-error.ts';
import type { Logger } from '../lib/logger.ts';
import type { YandexConfig } from './asr-config.ts';
import { AsrHttpClient, pollDelay, trimSlash } from './asr-http.ts';
import { clipAtRate, splitClip, toPcm16 } from './pcm.ts';
import { placeSegments } from './recognized-segments.ts';
import type { AudioClip, RecognizeOptions, RecognizedSegment, SpeechRecognizer } from './speech-recognizer.ts';
import { parseYandexRecognition } from './yandex-v3-result.ts';

export type YandexCredentials = { apiKey: string } | { iamToken: string; folderId?: string | undefined };

const operationSchema = z.object({
  id: z.string().min(1),
  done: z.boolean().default(false),
  error: z.object({ code: z.number().optional(), message: z.string().optional() }).nullish(),
});

/** Raw PCM sample rates SpeechKit accepts; other audio is resampled to 16 kHz. */
const SAMPLE_RATES = [8000, 16000, 48000];

/**
 * Yandex SpeechKit API v3 asynchronous recognition: `recognizeFileAsync` with the audio inline as 16-bit
 * PCM, operation polling until `done`, then `getRecognition`, whose lines are read by `parseYandexRecognition`.
 */
export class YandexRecognizer implements SpeechRecognizer {
  readonly name = 'yandex';
  readonly diarizes = false;
  private readonly http: AsrHttpClient;

  constructor(
    private readonly config: YandexConfig,
    private readonly credentials: YandexCredentials,
    logger?: Logger,
  ) {
    this.http = new AsrHttpClient('Yandex SpeechKit', config, logger);
  }

  async recognize(clip: AudioClip, options: RecognizeOptions): Promise<RecognizedSegment[]> {
    const segments: RecognizedSegment[] = [];
    for (const piece of splitClip(clipAtRate(clip, SAMPLE_RATES, 16000), this.config.chunkSec)) {
      const operationId = await this.submit(piece, options.signal);
      await this.waitForOperation(operationId, options.signal);
      segments.push(...placeSegments(await this.fetchResult(operationId, options.signal), piece.offsetSec));
    }
    return segments;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private headers(): Record<string, string> {
    if ('apiKey' in this.credentials) {
      return { authorization: `Api-Key ${this.credentials.apiKey}` };
    }
    const folder: Record<string, string> = this.credentials.folderId === undefined ? {} : { 'x-folder-id': this.credentials.folderId };
    return { authorization: `Bearer ${this.credentials.iamToken}`, ...folder };
  }

  private async submit(piece: AudioClip, signal: AbortSignal | undefined): Promise<string> {
    const request = {
      content: toPcm16(piece.samples).toString('base64'),
      recognitionModel: {
        model: this.config.model,
        audioFormat: { rawAudio: { audioEncoding: 'LINEAR16_PCM', sampleRateHertz: String(piece.sampleRate), audioChannelCount: '1' } },
        textNormalization: {
          textNormalization: this.config.normalization ? 'TEXT_NORMALIZATION_ENABLED' : 'TEXT_NORMALIZATION_DISABLED',
          profanityFilter: false,
          literatureText: false,
        },
        languageRestriction: { restrictionType: 'WHITELIST', languageCode: ['ru-RU'] },
        audioProcessingType: 'FULL_DATA',
      },
    };
    const step = 'отправка записи';
    const body = await this.http.json(`${trimSlash(this.config.sttUrl)}/stt/v3/recognizeFileAsync`, {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal,
      step,
    });
    const operation = operationSchema.safeParse(body);
    if (!operation.success) {
      throw this.http.malformed(step, 'нет идентификатора операции');
    }
    return operation.data.id;
  }

  private async waitForOperation(operationId: string, signal: AbortSignal | undefined): Promise<void> {
    const step = 'ожидание результата';
    const deadline = Date.now() + this.config.maxWaitSec * 1000;
    for (;;) {
      const body = await this.http.json(`${trimSlash(this.config.operationUrl)}/operations/${encodeURIComponent(operationId)}`, { headers: this.headers(), signal, step });
      const operation = operationSchema.safeParse(body);
      if (!operation.success) {
        throw this.http.malformed(step, 'нет состояния операции');
      }
      if (operation.data.error) {
        throw new AppError('UPSTREAM_FAILED', `Yandex SpeechKit: распознавание завершилось ошибкой: ${operation.data.error.message ?? 'без описания'} (код ${String(operation.data.error.code ?? '—')}).`);
      }
      if (operation.data.done) {
        return;
      }
      if (Date.now() >= deadline) {
        throw new AppError('UPSTREAM_TIMEOUT', `Yandex SpeechKit: операция ${operationId} не завершилась за ${this.config.maxWaitSec} с. Увеличьте asr.maxWaitSec.`);
      }
      await pollDelay(this.config.pollIntervalSec, signal);
    }
  }

  private async fetchResult(operationId: string, signal: AbortSignal | undefined): Promise<RecognizedSegment[]> {
    const step = 'получение результата';
    const url = `${trimSlash(this.config.sttUrl)}/stt/v3/getRecognition?operationId=${encodeURIComponent(operationId)}`;
    const body = await this.http.text(url, { headers: this.headers(), signal, step });
    const parsed = parseYandexRecognition(body);
    if (!parsed.ok) {
      throw this.http.malformed(step, `строка ${parsed.line}: ${parsed.problem}`);
    }
    return parsed.segments;
  }
}
