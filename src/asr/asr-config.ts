import { z } from 'zod';

import type { AppConfig } from '../lib/config.ts';

const seconds = z.number().positive();

/** Settings every HTTP engine shares: where the service is, how long to wait, how often to retry. */
const httpFields = {
  /** Seconds one request may take before it is aborted and retried. */
  timeoutSec: seconds.default(120),
  /** Extra attempts after a 429, a 5xx, a timeout or a dropped connection. */
  retries: z.number().int().min(0).max(10).default(3),
  /** Delay before the first retry, doubled for each next one, in seconds. */
  retryDelaySec: z.number().min(0).default(1),
};

/** Settings of engines that submit a job and poll for its result. */
const pollingFields = {
  pollIntervalSec: seconds.default(5),
  /** Seconds to wait for one recognition job before giving up. */
  maxWaitSec: seconds.default(3600),
};

const openAiSchema = z.object({
  engine: z.literal('openai'),
  baseUrl: z.url().default('https://api.openai.com'),
  /** Path of the transcription endpoint: `/inference` for a whisper.cpp server started without `--inference-path`. */
  path: z.string().startsWith('/').default('/v1/audio/transcriptions'),
  /** Key sent as `Authorization: Bearer`; local servers usually need none. Else `OKK_OPENAI_API_KEY`. */
  apiKey: z.string().min(1).optional(),
  model: z.string().min(1).default('whisper-1'),
  /** Longest audio sent in one request; OpenAI accepts files up to 25 MB (about 13 minutes of 16 kHz WAV). */
  chunkSec: seconds.default(600),
  ...httpFields,
});

const yandexSchema = z.object({
  engine: z.literal('yandex'),
  /** Service account API key (`Authorization: Api-Key`). Else `OKK_YANDEX_API_KEY`. */
  apiKey: z.string().min(1).optional(),
  /** IAM token (`Authorization: Bearer`), used when no API key is set. Else `OKK_YANDEX_IAM_TOKEN`. */
  iamToken: z.string().min(1).optional(),
  /** Folder id, sent as `x-folder-id` with an IAM token of a user account. */
  folderId: z.string().min(1).optional(),
  sttUrl: z.url().default('https://stt.api.cloud.yandex.net'),
  operationUrl: z.url().default('https://operation.api.cloud.yandex.net'),
  model: z.string().min(1).default('general'),
  /** Numbers as digits («8 916…»), with the spoken words kept as the word list. */
  normalization: z.boolean().default(true),
  chunkSec: seconds.default(600),
  ...httpFields,
  ...pollingFields,
});

const saluteSchema = z.object({
  engine: z.literal('salute'),
  /** Authorization key from the SaluteSpeech studio (Base64 of client id and secret). Else `OKK_SALUTE_AUTH_KEY`. */
  authKey: z.string().min(1).optional(),
  scope: z.enum(['SALUTE_SPEECH_PERS', 'SALUTE_SPEECH_CORP', 'SALUTE_SPEECH_B2B']).default('SALUTE_SPEECH_PERS'),
  oauthUrl: z.url().default('https://ngw.devices.sberbank.ru:9443/api/v2/oauth'),
  baseUrl: z.url().default('https://smartspeech.sber.ru/rest/v1'),
  model: z.string().min(1).default('callcenter'),
  ...httpFields,
  ...pollingFields,
});

const tbankSchema = z.object({
  engine: z.literal('tbank'),
  /** VoiceKit API key, the JWT `kid`. Else `OKK_TBANK_API_KEY`. */
  apiKey: z.string().min(1).optional(),
  /** VoiceKit secret key (Base64), the JWT signing key. Else `OKK_TBANK_SECRET_KEY`. */
  secretKey: z.string().min(1).optional(),
  baseUrl: z.url().default('https://api.tinkoff.ai'),
  /** `longrunning` submits an operation and polls it; `recognize` waits for the answer in one request. */
  mode: z.enum(['longrunning', 'recognize']).default('longrunning'),
  model: z.string().min(1).optional(),
  /** Numbers as digits, with the spoken words kept as the word list. */
  denormalization: z.boolean().default(true),
  chunkSec: seconds.default(600),
  ...httpFields,
  ...pollingFields,
});

/** A local model: a name from `okk models list`, or a path to the model folder (or file, for whisper). */
const localModel = z.string().min(1);

const toneSchema = z.object({
  engine: z.literal('t-one'),
  model: localModel.default('t-one'),
  threads: z.number().int().positive().default(2),
});

const gigaamSchema = z.object({
  engine: z.literal('gigaam'),
  model: localModel.default('gigaam-v2-ctc'),
  threads: z.number().int().positive().default(2),
  /** Longest piece decoded at once; the model was trained on utterances of up to about 30 s. */
  chunkSec: seconds.max(30).default(25),
});

const whisperSchema = z.object({
  engine: z.literal('whisper'),
  model: localModel.default('whisper-small'),
  threads: z.number().int().positive().default(4),
  beamSize: z.number().int().positive().optional(),
});

export const asrConfigSchema = z.discriminatedUnion('engine', [
  toneSchema,
  gigaamSchema,
  whisperSchema,
  openAiSchema,
  yandexSchema,
  saluteSchema,
  tbankSchema,
]);

export type AsrConfig = z.infer<typeof asrConfigSchema>;
export type EngineName = AsrConfig['engine'];
export type OpenAiConfig = z.infer<typeof openAiSchema>;
export type YandexConfig = z.infer<typeof yandexSchema>;
export type SaluteConfig = z.infer<typeof saluteSchema>;
export type TbankConfig = z.infer<typeof tbankSchema>;
export type ToneConfig = z.infer<typeof toneSchema>;
export type GigaamConfig = z.infer<typeof gigaamSchema>;
export type WhisperConfig = z.infer<typeof whisperSchema>;

/** Settings shared by the HTTP engines, after defaults. */
export type HttpSettings = Pick<OpenAiConfig, 'timeoutSec' | 'retries' | 'retryDelaySec'>;

/** Reads and validates the `asr` section of the config file; the engine defaults to `t-one`. */
export function loadAsrConfig(config: AppConfig): AsrConfig {
  return config.section('asr', z.preprocess((raw) => withDefaultEngine(raw), asrConfigSchema));
}

function withDefaultEngine(raw: unknown): unknown {
  if (typeof raw === 'object' && raw !== null && !('engine' in raw)) {
    return { ...raw, engine: 't-one' };
  }
  return raw;
}
