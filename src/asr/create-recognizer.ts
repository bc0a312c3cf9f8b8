import path from 'node:path';

import { AppError } from '../lib/app-error.ts';
import type { AppConfig } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import { loadAsrConfig } from './asr-config.ts';
import type { AsrConfig } from './asr-config.ts';
import { GigaamRecognizer } from './gigaam.recognizer.ts';
import { OpenAiRecognizer } from './openai.recognizer.ts';
import { SaluteRecognizer } from './salute.recognizer.ts';
import type { SpeechRecognizer } from './speech-recognizer.ts';
import { TbankRecognizer } from './tbank.recognizer.ts';
import { ToneRecognizer } from './t-one.recognizer.ts';
import { WhisperRecognizer } from './whisper.recognizer.ts';
import { YandexRecognizer } from './yandex.recognizer.ts';

export interface RecognizerContext {
  /** Folder of installed local models (`<dataDir>/models`). */
  modelsDir: string;
  /** Where keys not written in the config file are read from. */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
}

/** Folder of installed local models for an installation. */
export function modelsDirOf(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'models');
}

/** Builds the engine the `asr` section of the config file names. */
export async function createRecognizerFromConfig(config: AppConfig, logger?: Logger): Promise<SpeechRecognizer> {
  const context: RecognizerContext = logger === undefined ? { modelsDir: modelsDirOf(config) } : { modelsDir: modelsDirOf(config), logger };
  return await createRecognizer(loadAsrConfig(config), context);
}

/**
 * Builds one speech recognition engine. Local engines check and load their model here, so a missing or broken
 * model is reported before the first call is processed; HTTP engines check that their keys are set.
 */
export async function createRecognizer(config: AsrConfig, context: RecognizerContext): Promise<SpeechRecognizer> {
  const env = context.env ?? process.env;
  switch (config.engine) {
    case 't-one':
      return await ToneRecognizer.create(config, context.modelsDir, context.logger);
    case 'gigaam':
      return await GigaamRecognizer.create(config, context.modelsDir, context.logger);
    case 'whisper':
      return await WhisperRecognizer.create(config, context.modelsDir, context.logger);
    case 'openai':
      return new OpenAiRecognizer(config, config.apiKey ?? nonEmpty(env.OKK_OPENAI_API_KEY), context.logger);
    case 'yandex': {
      const apiKey = config.apiKey ?? nonEmpty(env.OKK_YANDEX_API_KEY);
      const iamToken = config.iamToken ?? nonEmpty(env.OKK_YANDEX_IAM_TOKEN);
      if (apiKey !== undefined) {
        return new YandexRecognizer(config, { apiKey }, context.logger);
      }
      if (iamToken !== undefined) {
        return new YandexRecognizer(config, { iamToken, folderId: config.folderId }, context.logger);
      }
      throw missingKey('Yandex SpeechKit', 'asr.apiKey (или asr.iamToken)', 'OKK_YANDEX_API_KEY (или OKK_YANDEX_IAM_TOKEN)');
    }
    case 'salute': {
      const authKey = config.authKey ?? nonEmpty(env.OKK_SALUTE_AUTH_KEY);
      if (authKey === undefined) {
        throw missingKey('SaluteSpeech', 'asr.authKey', 'OKK_SALUTE_AUTH_KEY');
      }
      return new SaluteRecognizer(config, authKey, context.logger);
    }
    case 'tbank': {
      const apiKey = config.apiKey ?? nonEmpty(env.OKK_TBANK_API_KEY);
      const secretKey = config.secretKey ?? nonEmpty(env.OKK_TBANK_SECRET_KEY);
      if (apiKey === undefined || secretKey === undefined) {
        throw missingKey('T-Bank VoiceKit', 'asr.apiKey и asr.secretKey', 'OKK_TBANK_API_KEY и OKK_TBANK_SECRET_KEY');
      }
      return new TbankRecognizer(config, apiKey, secretKey, context.logger);
    }
  }
}

function missingKey(service: string, settings: string, variables: string): AppError {
  return new AppError('CONFIG_INVALID', `Для движка ${service} не задан ключ доступа: укажите ${settings} в файле настроек или переменные окружения ${variables}.`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
