import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Creates the structured logger for services and workers. It writes JSON lines to stderr, so the CLI's
 * stdout (tables, `--json`) stays clean for scripts. Level comes from `OKK_LOG_LEVEL` (default `info`).
 */
export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'okk',
      level: options.level ?? process.env.OKK_LOG_LEVEL ?? 'info',
      redact: { paths: ['password', '*.password', 'token', '*.token', 'apiKey', '*.apiKey', 'authorization', '*.authorization'], censor: '[скрыто]' },
    },
    pino.destination(2),
  );
}
