import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';

import { JOB_NAMES, isJobName } from '../../jobs/job-types.ts';
import type { JobName } from '../../jobs/job-types.ts';
import { startJobWorker } from '../../jobs/job-worker.ts';
import { createLogger } from '../../lib/logger.ts';
import { createCliRuntime, describeDatabase, openConfiguredDatabase } from '../cli-runtime.ts';
import { EXIT } from '../exit-codes.ts';

interface WorkerFlags {
  concurrency?: number;
  jobs?: JobName[];
  database?: string;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('выполнять фоновые задачи: анализ загруженных файлов, переоценку звонков (до остановки по Ctrl+C)')
    .option('--concurrency <число>', 'сколько задач каждого вида выполнять одновременно (по умолчанию из настроек jobs.concurrency, 2)', parseConcurrency)
    .option('--jobs <виды>', `только эти виды задач, через запятую: ${JOB_NAMES.join(', ')}`, parseJobNames)
    .option('--database <адрес>', 'база данных: sqlite:ПУТЬ или postgres://… (по умолчанию из настроек)')
    .action(async (flags: WorkerFlags) => {
      process.exitCode = await runWorker(flags);
    });
}

async function runWorker(flags: WorkerFlags): Promise<number> {
  const runtime = createCliRuntime({ databaseUrl: flags.database });
  // A worker runs unattended, so it logs starts, stops and retries unless OKK_LOG_LEVEL sets another level.
  const logger = createLogger({ level: process.env.OKK_LOG_LEVEL ?? 'info', name: 'okk-worker' });
  const database = await openConfiguredDatabase({ ...runtime, logger });
  try {
    const worker = await startJobWorker(database, runtime.config, logger, {
      ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
      ...(flags.jobs === undefined ? {} : { names: flags.jobs }),
    });
    console.error(
      `Обработчик задач запущен (${describeDatabase(runtime.config.databaseUrl)}): ${worker.names.join(', ')}, по ${worker.concurrency} одновременно. Остановка — Ctrl+C.`,
    );
    const signal = await waitForStopSignal();
    console.error(`Получен сигнал ${signal}: обработчик завершает текущие задачи…`);
    await worker.stop();
    console.error('Обработчик задач остановлен.');
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process at once. */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function parseConcurrency(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 64) {
    throw new InvalidArgumentError('укажите целое число от 1 до 64');
  }
  return number;
}

function parseJobNames(value: string): JobName[] {
  const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !isJobName(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`неизвестные виды задач: ${unknown.join(', ') || '(пусто)'}; известные: ${JOB_NAMES.join(', ')}`);
  }
  return names as JobName[];
}
