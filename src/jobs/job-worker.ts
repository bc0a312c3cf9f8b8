import { createRecognizerFromConfig } from '../asr/create-recognizer.ts';
import type { SpeechRecognizer } from '../asr/speech-recognizer.ts';
import type { Morphology } from '../core/text/morphology.ts';
import type { Database } from '../data/index.ts';
import type { AppConfig } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import { AlertService } from '../services/alerts/alert.service.ts';
import { startAlertSweep } from '../services/alerts/alert-sweep.ts';
import { loadAlertSettings } from '../services/alerts/alerts-config.ts';
import { loadAudioSettings } from '../services/analysis/manager-channel.ts';
import { UploadStorage } from '../services/uploads/upload-storage.ts';
import { loadMorphology } from '../text/az-morphology.ts';
import { createJobHandlers, dispatchJob } from './handlers/index.ts';
import { createJobServices } from './job-services.ts';
import type { JobServices } from './job-services.ts';
import type { JobQueue } from './job-queue.ts';
import { JOB_NAMES } from './job-types.ts';
import type { JobName } from './job-types.ts';
import { readJobsConfig } from './jobs-config.ts';
import { openJobQueue } from './open-job-queue.ts';

export interface JobWorkerOptions {
  /** Jobs of each name run at once; `jobs.concurrency` from the config when omitted. */
  concurrency?: number;
  /** Job names to run; all when omitted. */
  names?: readonly JobName[];
  /** A queue that is already open; one is opened (and stopped with the worker) when omitted. */
  queue?: JobQueue;
  /** Replaces the configured speech recognition engine (tests pass a stand-in). */
  recognizer?: () => Promise<SpeechRecognizer>;
  /** Replaces the alerts built from the `alerts` settings (tests pass one with their own channels). */
  alerts?: AlertService | null;
}

export interface JobWorker {
  queue: JobQueue;
  names: readonly JobName[];
  concurrency: number;
  /** Stops taking jobs, lets running ones finish or hands them back, and closes the speech engine. */
  stop(): Promise<void>;
}

/** Starts running job handlers in this process until `stop()`. */
export async function startJobWorker(database: Database, config: AppConfig, logger: Logger, options: JobWorkerOptions = {}): Promise<JobWorker> {
  const concurrency = options.concurrency ?? readJobsConfig(config).concurrency;
  const names = options.names ?? JOB_NAMES;
  const workerLogger = logger.child({ component: 'worker' });
  // Read before the queue opens, so that a mistake in the alerts or audio settings stops the start with its message.
  const alerts = options.alerts !== undefined ? options.alerts : new AlertService({ database, settings: loadAlertSettings(config), logger: workerLogger.child({ component: 'alerts' }) });
  const { managerChannelRules } = loadAudioSettings(config);
  const queue = options.queue ?? (await openJobQueue(database, config, logger));

  let morphology: Promise<Morphology> | undefined;
  let recognizer: Promise<SpeechRecognizer> | undefined;
  const handlers = createJobHandlers({
    database,
    queue,
    storage: UploadStorage.forDataDir(config.dataDir),
    morphology: () => (morphology ??= loadMorphology()),
    recognizer: () => (recognizer ??= (options.recognizer ?? (() => createRecognizerFromConfig(config, workerLogger)))()),
    timeZone: config.timeZone,
    logger: workerLogger,
    alerts,
    managerChannelRules,
  });

  await queue.work(names, (job) => dispatchJob(handlers, job), { concurrency });
  if (names.includes('rebuild-search-index') && !(await database.searchIndex.isCurrent())) {
    // A store from before migration 0506 or 0507: until this job ends, searches within a manager stay
    // correct but slow, and a name finds only the calls with the form searched for.
    const queued = await queue.enqueue({ name: 'rebuild-search-index', payload: {} }, { key: 'rebuild-search-index' });
    workerLogger.info({ jobId: queued.id }, 'search index rebuild queued');
  }
  const sweep = alerts?.active === true && names.includes('send-alerts') ? startAlertSweep(queue, workerLogger) : null;
  workerLogger.info({ names, concurrency, backend: queue.backend, alerts: alerts?.active === true }, 'job worker started');

  return {
    queue,
    names,
    concurrency,
    stop: async () => {
      workerLogger.info('job worker stopping');
      sweep?.stop();
      await queue.stop();
      await alerts?.close();
      if (recognizer !== undefined) {
        const engine = await recognizer.catch(() => null);
        await engine?.close();
      }
      workerLogger.info('job worker stopped');
    },
  };
}

export interface InProcessWorker {
  /** The queue `okk serve` enqueues into. */
  queue: JobQueue;
  /** Uploads, job status and re-evaluation over that queue, for the API. */
  services: JobServices;
  /** The worker running inside this process, or null where separate `okk worker` processes run the jobs. */
  worker: JobWorker | null;
  stop(): Promise<void>;
}

/**
 * Opens the job queue for `okk serve` and, on SQLite (or when `jobs.inProcessWorker` is true), runs
 * the job handlers in the same process. On PostgreSQL the default leaves the jobs to `okk worker`.
 */
export async function startInProcessWorker(database: Database, config: AppConfig, logger: Logger): Promise<InProcessWorker> {
  const setting = readJobsConfig(config).inProcessWorker;
  // A mistake in the alerts or audio settings stops the start with its Russian message before anything opens.
  loadAlertSettings(config);
  loadAudioSettings(config);
  const runHere = setting === 'auto' ? database.dialect.isSqlite : setting;
  const queue = await openJobQueue(database, config, logger);
  const worker = runHere ? await startJobWorker(database, config, logger, { queue }) : null;
  if (worker === null) {
    logger.info({ backend: queue.backend }, 'job queue opened without a worker in this process: run okk worker');
  }
  return {
    queue,
    services: createJobServices(database, queue, config, logger),
    worker,
    stop: () => (worker === null ? queue.stop() : worker.stop()),
  };
}
