import { loadConfig } from '../lib/config.ts';
import type { AppConfig } from '../lib/config.ts';
import { createLogger } from '../lib/logger.ts';
import type { Logger } from '../lib/logger.ts';
import { openDatabase } from '../data/index.ts';
import type { Database } from '../data/index.ts';

export interface CliRuntime {
  config: AppConfig;
  logger: Logger;
}

/**
 * Loads settings and a logger for a CLI command. The CLI logs only warnings by default, so the
 * terminal shows the command's own Russian output; `OKK_LOG_LEVEL=info` shows more.
 */
export function createCliRuntime(overrides: { databaseUrl?: string | undefined; timeZone?: string | undefined } = {}): CliRuntime {
  const env = { ...process.env };
  if (overrides.databaseUrl !== undefined) {
    env.OKK_DATABASE_URL = overrides.databaseUrl;
  }
  if (overrides.timeZone !== undefined) {
    env.OKK_TIME_ZONE = overrides.timeZone;
  }
  const config = loadConfig(env);
  const logger = createLogger({ level: process.env.OKK_LOG_LEVEL ?? 'warn', name: 'okk-cli' });
  return { config, logger };
}

export function openConfiguredDatabase(runtime: CliRuntime): Promise<Database> {
  return openDatabase(runtime.config.databaseUrl, { timeZone: runtime.config.timeZone, logger: runtime.logger });
}

/** The database address as shown to users: the file path for SQLite, the URL without its password otherwise. */
export function describeDatabase(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:')) {
    return databaseUrl.slice('sqlite:'.length);
  }
  return databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
