import { createServer } from 'node:net';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';

import type { Database } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { AppConfig } from '../../lib/config.ts';
import type { Logger } from '../../lib/logger.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { JobServices } from '../../jobs/job-services.ts';
import { startInProcessWorker } from '../../jobs/job-worker.ts';
import { createLogger } from '../../lib/logger.ts';
import { buildApp } from '../../server/app.ts';
import { DEFAULT_WEB_DIST } from '../../server/http/web-assets.ts';
import { startServer } from '../../server/serve.ts';
import { readServerSettings } from '../../server/server-config.ts';
import { createServerServices } from '../../server/server-services.ts';
import { AlertService } from '../../services/alerts/alert.service.ts';
import { loadAlertSettings } from '../../services/alerts/alerts-config.ts';
import { IntegrationStatusService } from '../../services/integrations/integration-status.service.ts';
import { createCliRuntime, describeDatabase, openConfiguredDatabase } from '../cli-runtime.ts';
import { EXIT } from '../exit-codes.ts';

export interface ServeFlags {
  port?: number;
  host?: string;
  database?: string;
}

/** Listen address and the command that started the server, for the advice when the port is taken. */
export interface ListenRequest extends Pick<ServeFlags, 'host' | 'port'> {
  command: 'demo' | 'serve';
}

/** Work that runs beside the HTTP server for as long as it runs. */
interface BackgroundWork {
  queue: JobQueue;
  /** Uploads, job status and re-evaluation over the queue. */
  services: JobServices;
  workerInProcess: boolean;
  stop(): Promise<void>;
}

/**
 * Opens the job queue the API enqueues into. On SQLite (or with `jobs.inProcessWorker: true`) the job
 * worker runs in this process too; on PostgreSQL `okk worker` processes run the jobs by default.
 */
async function startBackgroundWork(database: Database, config: AppConfig, logger: Logger): Promise<BackgroundWork> {
  const jobs = await startInProcessWorker(database, config, logger);
  return { queue: jobs.queue, services: jobs.services, workerInProcess: jobs.worker !== null, stop: () => jobs.stop() };
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('запустить веб-интерфейс и HTTP API')
    .option('--port <порт>', 'порт (по умолчанию 8080 или server.port из настроек; 0 — любой свободный)', parsePort)
    .option('--host <адрес>', 'адрес, на котором слушать (по умолчанию 127.0.0.1 — только этот компьютер; 0.0.0.0 — все сети)')
    .option('--database <адрес>', 'база данных: sqlite:ПУТЬ или postgres://… (по умолчанию из настроек)')
    .action(async (flags: ServeFlags) => {
      process.exitCode = await runServe(flags);
    });
}

async function runServe(flags: ServeFlags): Promise<number> {
  const runtime = createCliRuntime({ databaseUrl: flags.database });
  // A server runs unattended and logs every request, unless OKK_LOG_LEVEL sets another level.
  const logger = createLogger({ level: process.env.OKK_LOG_LEVEL ?? 'info', name: 'okk-server' });
  const listen: ListenRequest = { ...flags, command: 'serve' };
  await ensurePortFree(runtime.config, listen);
  const database = await openConfiguredDatabase({ ...runtime, logger });
  const running = await launchServer(database, runtime.config, logger, listen);
  if ((await database.users.countEnabled('admin')) === 0) {
    console.log('Администратора ещё нет. Создайте его в другом окне: okk users create-admin --login admin');
  }
  console.log('Остановить — Ctrl+C.');

  await waitForShutdownSignal();
  await running.stop();
  return EXIT.ok;
}

export interface RunningServer {
  url: string;
  /** Waits for requests in flight, stops the job worker and closes the database. */
  stop(): Promise<void>;
}

/**
 * Starts the API, the web UI and the job worker over an open database and prints where they run.
 * The database is closed by `stop()`, or at once when the start fails.
 */
export async function launchServer(database: Database, config: AppConfig, logger: Logger, flags: ListenRequest): Promise<RunningServer> {
  const settings = readServerSettings(config);
  const background = await startBackgroundWork(database, config, logger).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });

  const services = createServerServices({
    database,
    logger,
    timeZone: config.timeZone,
    reevaluation: background.services.reevaluation,
    sessions: { idleTimeoutMs: settings.sessionIdleHours * 3600_000, maxAgeMs: settings.sessionMaxDays * 86_400_000 },
    publicUrl: settings.publicUrl,
  });
  const alertSettings = loadAlertSettings(config);
  const alerts = new AlertService({ database, settings: alertSettings, logger: logger.child({ component: 'alerts' }) });
  const integrations = new IntegrationStatusService({
    database,
    config,
    alerts: { service: alerts, settings: alertSettings },
    jobQueue: { backend: background.queue.backend, workerInProcess: background.workerInProcess },
  });
  const app = buildApp({
    context: {
      database,
      services,
      logger,
      cookies: { secure: settings.secureCookies, trustProxy: settings.trustProxy },
      timeZone: config.timeZone,
      jobQueue: background.queue,
      jobServices: background.services,
      integrations,
    },
    // Uploads stream to disk, and each file's own limit is checked while it streams.
    bodyLimits: [{ pathPrefix: '/api/v1/uploads', maxBytes: background.services.uploads.maxRequestBytes }],
    webDist: settings.webDist ?? DEFAULT_WEB_DIST,
  });

  const port = flags.port ?? settings.port;
  const server = await startServer(app, { host: flags.host ?? settings.host, port, logger }).catch(async (error: unknown) => {
    await background.stop();
    await database.close();
    throw listenError(error, port, flags.command);
  });
  console.log(`okk работает: ${server.url}`);
  console.log(`База данных: ${describeDatabase(config.databaseUrl)}. Документация API: ${server.url}/api/docs`);

  return {
    url: server.url,
    stop: async () => {
      console.log('Останавливаю okk: дожидаюсь текущих запросов…');
      await server.close();
      await background.stop();
      await alerts.close();
      await database.close();
      console.log('okk остановлен.');
    },
  };
}

/**
 * Binds the port for a moment and lets it go, so that a taken port stops the command before its slow
 * start (the demo analyses its samples first). Another program may still take the port in between:
 * `launchServer` reports that case the same way.
 */
export async function ensurePortFree(config: AppConfig, request: ListenRequest): Promise<void> {
  const settings = readServerSettings(config);
  const port = request.port ?? settings.port;
  if (port === 0) {
    return;
  }
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => {
      reject(listenError(error, port, request.command));
    });
    probe.listen({ host: request.host ?? settings.host, port, exclusive: true }, () => {
      probe.close(() => {
        resolve();
      });
    });
  });
}

/** Turns the two listen errors a user can fix into Russian advice; other errors pass unchanged. */
function listenError(error: unknown, port: number, command: ListenRequest['command']): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const otherPort = port + 10 <= 65535 ? port + 10 : port - 10;
  if (code === 'EADDRINUSE') {
    return new AppError('CONFLICT', `Порт ${port} уже занят другой программой: запустите с другим портом, например ${restartCommand(command, otherPort)}`, { cause: error });
  }
  if (code === 'EACCES') {
    return new AppError('FORBIDDEN', `Нет прав слушать порт ${port}: порты до 1024 доступны только администратору. Запустите с другим портом, например ${restartCommand(command, 8080)}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Formats the command to run again with another port, as the user started this one: `npm start` or `okk`. */
function restartCommand(command: ListenRequest['command'], port: number): string {
  const viaNpmStart = command === 'demo' && process.env.npm_lifecycle_event === 'start';
  return viaNpmStart ? `npm start -- --port ${port}` : `okk ${command} --port ${port}`;
}

export function waitForShutdownSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('укажите номер порта от 1 до 65535 или 0 — любой свободный');
  }
  return port;
}
