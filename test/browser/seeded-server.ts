import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Evaluation } from '../../src/core/model/evaluation.ts';
import { openDatabase } from '../../src/data/index.ts';
import type { Database } from '../../src/data/index.ts';
import { startInProcessWorker } from '../../src/jobs/job-worker.ts';
import { AppError } from '../../src/lib/app-error.ts';
import { loadConfig } from '../../src/lib/config.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { buildApp } from '../../src/server/app.ts';
import { startServer } from '../../src/server/serve.ts';
import type { RunningServer } from '../../src/server/serve.ts';
import { createServerServices } from '../../src/server/server-services.ts';
import { startHttpMock } from '../../src/integrations/alerts/testing/alert-mocks.ts';
import type { HttpMock } from '../../src/integrations/alerts/testing/alert-mocks.ts';
import { AlertService } from '../../src/services/alerts/alert.service.ts';
import { loadAlertSettings } from '../../src/services/alerts/alerts-config.ts';
import { IntegrationStatusService } from '../../src/services/integrations/integration-status.service.ts';
import { SYSTEM_VIEWER } from '../../src/services/accounts/access.ts';
import type { RoleId } from '../../src/services/accounts/roles.ts';
import { CallAnalyzer } from '../../src/services/analysis/call-analyzer.ts';
import { collectInputFiles } from '../../src/services/analysis/file-collector.ts';
import { resolveActiveChecklist } from '../../src/services/checklists/active-checklist.ts';
import { loadMorphology } from '../../src/text/az-morphology.ts';
import { corpusPath, REPO_ROOT } from '../corpus.ts';
import { writeToneWav } from './test-audio.ts';

const TIME_ZONE = 'Europe/Moscow';
export const PASSWORD = 'проверка-okk-2026';

/** The real corpus call the walkthrough reviews and disputes. */
const REAL_CALL_INDEX = 0;

export interface TestUser {
  login: string;
  role: RoleId;
  displayName: string;
}

export interface SeededServer {
  url: string;
  database: Database;
  users: Record<RoleId, TestUser>;
  /** A second manager user, linked to the sample calls' manager with the most findings. */
  sampleManager: TestUser;
  /** The real call from the corpus, with its evaluation as stored. */
  realCall: Evaluation;
  /** A sample call with a generated recording, and its evaluation. */
  audioCall: Evaluation;
  /** A sample call with findings and no recording. */
  noAudioCall: Evaluation;
  /** The Telegram Bot API and webhook receiver the alerts go to, on 127.0.0.1; the webhook answers 500. */
  alertMocks: { telegram: HttpMock; webhook: HttpMock };
  close(): Promise<void>;
}

interface AnalyzedFile {
  evaluations: Evaluation[];
}

/**
 * Starts `okk serve`'s app on 127.0.0.1 over a temporary SQLite store filled by the real analysis: the
 * sample calls, one real call from the corpus, and a generated recording attached to one sample call.
 * Users of every role are created through the accounts service.
 */
export async function startSeededServer(): Promise<SeededServer> {
  const folder = await mkdtemp(path.join(tmpdir(), 'okk-browser-'));
  const logger = createLogger({ level: 'silent' });
  const database = await openDatabase(`sqlite:${path.join(folder, 'okk.sqlite')}`, { timeZone: TIME_ZONE });
  const morphology = await loadMorphology();

  const realCallFile = path.join(folder, 'real-call.json');
  const realCalls = JSON.parse(await readFile(corpusPath('transcripts', 'real-isp', 'calls.json'), 'utf8')) as unknown[];
  await writeFile(realCallFile, JSON.stringify([realCalls[REAL_CALL_INDEX]]));

  const analyzer = new CallAnalyzer({
    morphology,
    checklist: await resolveActiveChecklist(database, null),
    timeZone: TIME_ZONE,
    database,
    recognizer: () => Promise.reject(new AppError('CONFIG_INVALID', 'распознавание речи в этом тесте не нужно')),
    logger,
  });
  const inputs = await collectInputFiles([path.join(REPO_ROOT, 'samples'), realCallFile]);
  const analyzed: AnalyzedFile[] = [];
  for (const file of inputs.files) {
    const result = await analyzer.analyzeFile(file);
    if (!result.ok) {
      throw new Error(`sample ${file.path} was not analysed: ${result.message}`);
    }
    analyzed.push({ evaluations: result.calls.map((call) => call.evaluation) });
  }
  await analyzer.close();

  const evaluations = analyzed.flatMap((file) => file.evaluations);
  const realCall = evaluations.find((evaluation) => evaluation.call.source.endsWith('real-call.json'));
  const audioCall = evaluations.find((evaluation) => evaluation.findings.some((finding) => finding.startSec !== null && finding.startSec >= 5));
  if (realCall === undefined || audioCall === undefined) {
    throw new Error('the seeded store has no real call or no sample call with a timed finding');
  }
  const noAudioCall = evaluations.find((evaluation) => evaluation !== audioCall && evaluation.findings.some((finding) => finding.startSec !== null));
  if (noAudioCall === undefined) {
    throw new Error('the seeded store has no second sample call with a timed finding');
  }
  const audioPath = path.join(folder, 'recording.wav');
  const audioDuration = Math.ceil((audioCall.call.durationSec ?? Math.max(...audioCall.findings.map((finding) => finding.startSec ?? 0)) + 10) + 1);
  await writeToneWav(audioPath, audioDuration);
  await database.calls.setAudio(audioCall.call.id, { path: audioPath, durationSec: audioDuration, channels: 1 });

  // The job worker runs in this process, as `okk serve` runs it on SQLite, and polls often so the test waits little.
  const configFile = path.join(folder, 'okk.config.json');
  const alertMocks = { telegram: await startHttpMock(), webhook: await startHttpMock([{ status: 500, body: 'receiver is down' }]) };
  const alertsSection = {
    publicUrl: 'https://okk.example.ru',
    recipients: [{ name: 'РОП продаж', telegramChatId: '-1001234' }],
    channels: {
      telegram: { type: 'telegram', baseUrl: alertMocks.telegram.url, botToken: 'browser-test-token' },
      crm: { type: 'webhook', url: `${alertMocks.webhook.url}/okk-alerts`, secret: 'browser-test-secret', retries: 0 },
    },
  };
  await writeFile(
    configFile,
    JSON.stringify({ databaseUrl: `sqlite:${path.join(folder, 'okk.sqlite')}`, dataDir: path.join(folder, 'data'), timeZone: TIME_ZONE, jobs: { pollIntervalSec: 0.5 }, alerts: alertsSection }),
  );
  const config = loadConfig({ OKK_CONFIG: configFile }, folder);
  const background = await startInProcessWorker(database, config, logger);
  const alertSettings = loadAlertSettings(config);
  const alerts = new AlertService({ database, settings: alertSettings, logger });
  const integrations = new IntegrationStatusService({ database, config, alerts: { service: alerts, settings: alertSettings }, jobQueue: { backend: background.queue.backend, workerInProcess: background.worker !== null } });

  const services = createServerServices({
    database,
    logger,
    timeZone: TIME_ZONE,
    morphology: () => Promise.resolve(morphology),
    reevaluation: background.services.reevaluation,
    scrypt: { cost: 2 ** 10, blockSize: 8, parallelization: 1 },
  });
  const { users, sampleManager } = await createUsers(services.accounts, database, realCall, evaluations);

  const app = buildApp({
    context: { database, services, logger, cookies: { secure: 'never', trustProxy: false }, timeZone: TIME_ZONE, jobQueue: background.queue, jobServices: background.services, integrations },
    bodyLimits: [{ pathPrefix: '/api/v1/uploads', maxBytes: background.services.uploads.maxRequestBytes }],
    webDist: path.join(REPO_ROOT, 'web', 'dist'),
  });
  const server: RunningServer = await startServer(app, { host: '127.0.0.1', port: 0, logger });

  return {
    url: server.url,
    database,
    users,
    sampleManager,
    realCall,
    audioCall,
    noAudioCall,
    alertMocks,
    close: async () => {
      await server.close(1000);
      await background.stop();
      await alerts.close();
      await Promise.all([alertMocks.telegram.close(), alertMocks.webhook.close()]);
      await database.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

type AccountService = ReturnType<typeof createServerServices>['accounts'];

/** Returns the name of the manager whose calls have the most findings. */
function managerWithMostFindings(evaluations: readonly Evaluation[]): string | undefined {
  const counts = new Map<string, number>();
  for (const evaluation of evaluations) {
    const name = evaluation.call.manager?.name;
    if (name !== undefined) {
      counts.set(name, (counts.get(name) ?? 0) + evaluation.findings.length);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

async function createUsers(accounts: AccountService, database: Database, realCall: Evaluation, evaluations: readonly Evaluation[]): Promise<{ users: Record<RoleId, TestUser>; sampleManager: TestUser }> {
  const managers = await database.managers.listManagers();
  const manager = managers.find((item) => item.name === realCall.call.manager?.name);
  const busiest = managers.find((item) => item.name === managerWithMostFindings(evaluations.filter((evaluation) => evaluation !== realCall)));
  const teams = await database.managers.listTeams();
  if (manager === undefined || busiest === undefined || teams.length === 0) {
    throw new Error('the seeded store has no manager record for the real call or the samples, or no teams');
  }

  const specs: (TestUser & { managerId?: number; teamIds?: number[] })[] = [
    { login: 'admin', role: 'admin', displayName: 'Ольга Администратор' },
    { login: 'okk', role: 'qa_reviewer', displayName: 'Марина Контролёва' },
    { login: 'rop', role: 'head_of_sales', displayName: 'Сергей Руководов', teamIds: teams.map((team) => team.id) },
    { login: 'manager', role: 'manager', displayName: manager.name, managerId: manager.id },
  ];
  const users = {} as Record<RoleId, TestUser>;
  for (const spec of specs) {
    await accounts.createUser(SYSTEM_VIEWER, { ...spec, password: PASSWORD });
    users[spec.role] = { login: spec.login, role: spec.role, displayName: spec.displayName };
  }
  const sampleManager: TestUser = { login: 'manager2', role: 'manager', displayName: busiest.name };
  await accounts.createUser(SYSTEM_VIEWER, { ...sampleManager, managerId: busiest.id, password: PASSWORD });
  return { users, sampleManager };
}
