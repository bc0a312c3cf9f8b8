import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

import { AppError } from './app-error.ts';

/**
 * Settings of one installation. Core settings are typed here; each subsystem (ASR engines, telephony,
 * alerts, the web server) reads and validates its own section of the config file with `section()`.
 */
export interface AppConfig {
  /** `sqlite:PATH` or `postgres://…`. */
  databaseUrl: string;
  /** IANA zone used to resolve call times and promise due times when the source gives no offset. */
  timeZone: string;
  /** Folder for the SQLite file, uploads and models, unless configured otherwise. */
  dataDir: string;
  /** Path of the config file that was read, or null when none exists. */
  file: string | null;
  section<T>(name: string, schema: z.ZodType<T>): T;
}

const DEFAULT_CONFIG_FILE = 'okk.config.json';

/**
 * Loads settings from the config file (`OKK_CONFIG`, else `okk.config.json` in the working folder, if
 * present) with environment variables on top: `OKK_DATABASE_URL`, `OKK_DATA_DIR`, `OKK_TIME_ZONE`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): AppConfig {
  const file = env.OKK_CONFIG ? path.resolve(cwd, env.OKK_CONFIG) : path.join(cwd, DEFAULT_CONFIG_FILE);
  const explicit = Boolean(env.OKK_CONFIG);
  const raw = readConfigFile(file, explicit);

  const dataDir = path.resolve(cwd, env.OKK_DATA_DIR ?? stringOf(raw.dataDir) ?? '.okk');
  const databaseUrl = env.OKK_DATABASE_URL ?? stringOf(raw.databaseUrl) ?? `sqlite:${path.join(dataDir, 'okk.sqlite')}`;
  const timeZone = env.OKK_TIME_ZONE ?? stringOf(raw.timeZone) ?? 'Europe/Moscow';
  assertTimeZone(timeZone);

  return {
    databaseUrl,
    timeZone,
    dataDir,
    file: raw === EMPTY ? null : file,
    section<T>(name: string, schema: z.ZodType<T>): T {
      const parsed = schema.safeParse(raw[name] ?? {});
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${[name, ...issue.path.map(String)].join('.')}: ${issue.message}`);
        throw new AppError('CONFIG_INVALID', `Ошибка в настройках (${file}): ${problems.join('; ')}`);
      }
      return parsed.data;
    },
  };
}

const EMPTY: Record<string, unknown> = {};

function readConfigFile(file: string, explicit: boolean): Record<string, unknown> {
  if (!existsSync(file)) {
    if (explicit) {
      throw new AppError('CONFIG_INVALID', `Файл настроек не найден: ${file}. Проверьте переменную OKK_CONFIG.`);
    }
    return EMPTY;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `Файл настроек ${file} не является корректным JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AppError('CONFIG_INVALID', `Файл настроек ${file} должен содержать JSON-объект.`);
  }
  return parsed as Record<string, unknown>;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('ru-RU', { timeZone });
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `Неизвестный часовой пояс «${timeZone}». Укажите зону IANA, например Europe/Moscow.`, { cause: error });
  }
}
