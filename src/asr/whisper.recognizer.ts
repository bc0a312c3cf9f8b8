import { createRequire } from 'node:module';

import { AppError } from '../lib/app-error.ts';
import type { Logger } from '../lib/logger.ts';
import type { WhisperConfig } from './asr-config.ts';
import { resolveModelFiles } from './models/model-files.ts';
import { resample } from './pcm.ts';
import { placeSegments } from './recognized-segments.ts';
import type { AudioClip, RecognizeOptions, RecognizedSegment, SpeechRecognizer } from './speech-recognizer.ts';

interface TranscribeResult {
  result: string;
  segments: { text: string; t0: number; t1: number }[];
  isAborted: boolean;
}

interface WhisperContext {
  transcribeData(audio: ArrayBuffer, options: Record<string, unknown>): { stop: () => Promise<void>; promise: Promise<TranscribeResult> };
  release(): Promise<void>;
}

interface WhisperBinding {
  WhisperContext: (new (options: { filePath: string; useGpu?: boolean }) => WhisperContext) & {
    toggleNativeLog(enable: boolean, callback?: (level: string, text: string) => void): void;
  };
}

const require = createRequire(import.meta.url);

/**
 * Loads the CPU build of whisper.cpp's Node binding for this platform. The package is an optional dependency,
 * so `npm ci` on another platform simply leaves it out and this engine reports what to install.
 */
function loadBinding(): WhisperBinding {
  const name = `@fugood/node-whisper-${process.platform}-${process.arch}`;
  try {
    return require(name) as WhisperBinding;
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `Локальный whisper недоступен: не установлен пакет ${name}. Выполните «npm install --no-save ${name}» или выберите другой движок в asr.engine.`, { cause: error });
  }
}

/**
 * Options of one whisper.cpp decode: greedy at temperature 0, and `maxContext: 0` so that no text of the
 * previous window is fed back as a prompt, which is how one hallucinated line snowballs over quiet audio.
 */
export function whisperDecodeOptions(config: WhisperConfig, language: RecognizeOptions['language']): Record<string, unknown> {
  return {
    language,
    maxThreads: config.threads,
    temperature: 0,
    maxContext: 0,
    ...(config.beamSize === undefined ? {} : { beamSize: config.beamSize }),
  };
}

/**
 * Local Whisper through whisper.cpp (`@fugood/node-whisper-*`), on 16 kHz audio, greedy at temperature 0 and
 * without conditioning on the previous text, which is what lets a hallucinated phrase repeat for minutes.
 */
export class WhisperRecognizer implements SpeechRecognizer {
  readonly name = 'whisper';
  readonly diarizes = false;

  private constructor(
    private readonly context: WhisperContext,
    private readonly config: WhisperConfig,
  ) {}

  static async create(config: WhisperConfig, modelsDir: string, logger?: Logger): Promise<WhisperRecognizer> {
    const files = await resolveModelFiles('whisper', config.model, modelsDir);
    const binding = loadBinding();
    binding.WhisperContext.toggleNativeLog(true, (level, text) => {
      logger?.debug({ engine: 'whisper', level }, text.trim());
    });
    try {
      const context = new binding.WhisperContext({ filePath: files.model, useGpu: false });
      logger?.info({ engine: 'whisper', model: files.model }, 'speech model loaded');
      return new WhisperRecognizer(context, config);
    } catch (error) {
      throw new AppError('MODEL_MISSING', `Модель whisper ${files.model} не загружается (${(error as Error).message}). Файл повреждён или не подходит этой версии whisper.cpp; установите модель заново («okk models pull whisper-small»).`, { cause: error });
    }
  }

  async recognize(clip: AudioClip, options: RecognizeOptions): Promise<RecognizedSegment[]> {
    const samples = resample(clip.samples, clip.sampleRate, 16000);
    const audio = samples.buffer.slice(samples.byteOffset, samples.byteOffset + samples.byteLength) as ArrayBuffer;
    const task = this.context.transcribeData(audio, whisperDecodeOptions(this.config, options.language));
    const abort = (): void => {
      void task.stop();
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      const result = await task.promise;
      options.signal?.throwIfAborted();
      // t0 and t1 come in milliseconds (the binding multiplies whisper.cpp's 10 ms units by 10).
      const segments = result.segments.map((segment) => ({
        startSec: segment.t0 / 1000,
        endSec: segment.t1 / 1000,
        text: segment.text,
        confidence: null,
        words: [],
        speaker: null,
      }));
      return placeSegments(segments, clip.offsetSec);
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
  }

  async close(): Promise<void> {
    await this.context.release();
  }
}
