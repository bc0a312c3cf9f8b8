import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Checklist } from '../../core/model/checklist.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import type { Morphology } from '../../core/text/morphology.ts';
import type { Database, Manager, Team } from '../../data/index.ts';
import type { DatabaseKind } from '../../data/testing/test-databases.ts';
import { openTestDatabase } from '../../data/testing/test-databases.ts';
import { AppError } from '../../lib/app-error.ts';
import { createLogger } from '../../lib/logger.ts';
import { SYSTEM_VIEWER } from '../../services/accounts/access.ts';
import type { RoleId } from '../../services/accounts/roles.ts';
import { CallAnalyzer } from '../../services/analysis/call-analyzer.ts';
import { collectInputFiles } from '../../services/analysis/file-collector.ts';
import { resolveActiveChecklist } from '../../services/checklists/active-checklist.ts';
import type { ReevaluationStarter } from '../../services/checklists/checklist.service.ts';
import { loadMorphology } from '../../text/az-morphology.ts';
import { REPO_ROOT } from '../../../test/corpus.ts';
import type { ApiApp } from '../app-env.ts';
import { buildApp } from '../app.ts';
import type { AppOptions } from '../app.ts';
import type { ServerServices } from '../server-context.ts';
import { createServerServices } from '../server-services.ts';

/** Password of every seeded user. */
export const TEST_PASSWORD = 'проверочный-пароль-2026';

/** The clock of the seeded server: the evening after the last sample call, in Moscow. */
export const TEST_NOW = new Date('2026-12-04T20:00:00+03:00');

export const TEST_TIME_ZONE = 'Europe/Moscow';

/** Cheap scrypt parameters: tests hash many passwords, and the cost does not change what is tested. */
const TEST_SCRYPT = { cost: 2 ** 10, blockSize: 8, parallelization: 1 };

/** Seeded users by name: one of each role, and a manager and a head of sales for each team. */
export type TestUserName = 'admin' | 'reviewer' | 'anna' | 'marina' | 'moscowHead' | 'kazanHead' | 'unlinkedManager';

export interface SeededApi {
  app: ApiApp;
  database: Database;
  services: ServerServices;
  morphology: Morphology;
  checklist: Checklist;
  /** Every sample call's evaluation as the analyzer stored it. */
  evaluations: Evaluation[];
  managers: Record<'anna' | 'igor' | 'denis' | 'marina', Manager>;
  teams: Record<'moscow' | 'kazan', Team>;
  /** A folder of this harness, removed by `cleanup`. */
  folder: string;
  /** Signs a seeded user in and returns a client with their cookie and CSRF token. */
  login(user: TestUserName): Promise<ApiClient>;
  /** The first stored call of a manager, by the manager's key. */
  callOf(manager: 'anna' | 'igor' | 'denis' | 'marina'): Evaluation;
  cleanup(): Promise<void>;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Requests as one signed-in user: the session cookie on every request, the CSRF token on changes. */
export class ApiClient {
  constructor(
    private readonly app: ApiApp,
    readonly cookie: string,
    readonly csrfToken: string,
  ) {}

  get<T = unknown>(url: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.send<T>('GET', url, undefined, headers);
  }

  post<T = unknown>(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.send<T>('POST', url, body, headers);
  }

  put<T = unknown>(url: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.send<T>('PUT', url, body);
  }

  patch<T = unknown>(url: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.send<T>('PATCH', url, body);
  }

  /** Sends a request as this user; `csrf: false` leaves the CSRF header out. */
  async send<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}, options: { csrf?: boolean } = {}): Promise<ApiResponse<T>> {
    const response = await this.app.request(url, {
      method,
      headers: {
        cookie: this.cookie,
        ...(method === 'GET' || options.csrf === false ? {} : { 'x-csrf-token': this.csrfToken }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, headers: response.headers, body: await readBody<T>(response) };
  }
}

export async function readBody<T>(response: Response): Promise<T> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    return (await response.json()) as T;
  }
  return (await response.text()) as T;
}

/** Signs in with a login and password and returns the response and, on success, a client. */
export async function signIn(app: ApiApp, login: string, password: string): Promise<{ response: Response; client: ApiClient | null }> {
  const response = await app.request('/api/v1/session/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (response.status !== 200) {
    return { response, client: null };
  }
  const body = (await response.clone().json()) as { csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { response, client: new ApiClient(app, cookie, body.csrfToken) };
}

export interface SeedOptions {
  /** Creates the re-evaluation starter over the seeded database; none by default. */
  reevaluation?: (database: Database, morphology: Morphology) => ReevaluationStarter;
  appOptions?: Partial<Omit<AppOptions, 'context'>>;
}

/**
 * Opens a test database (a temporary SQLite file or a fresh PostgreSQL schema), analyses the sample
 * calls of `samples/` into it with the real `CallAnalyzer`, creates a user of every role and builds the
 * app over it. Nothing listens on a port: requests go through `app.request()`.
 */
export async function seedApi(kind: DatabaseKind, options: SeedOptions = {}): Promise<SeededApi> {
  const testDatabase = await openTestDatabase(kind, { timeZone: TEST_TIME_ZONE });
  const { database } = testDatabase;
  const folder = await mkdtemp(path.join(tmpdir(), 'okk-api-'));
  const logger = createLogger({ level: 'silent' });
  const morphology = await loadMorphology();
  const checklist = await resolveActiveChecklist(database, null);

  const evaluations = await analyzeSamples(database, morphology, checklist);
  const managers = await managersByKey(database);
  const teams = await teamsByKey(database);

  const services = createServerServices({
    database,
    logger,
    timeZone: TEST_TIME_ZONE,
    morphology: () => Promise.resolve(morphology),
    reevaluation: options.reevaluation?.(database, morphology) ?? null,
    scrypt: TEST_SCRYPT,
    now: () => TEST_NOW,
  });
  await createUsers(services, database, managers, teams);
  const app = buildApp({
    context: { database, services, logger, cookies: { secure: 'never', trustProxy: false }, timeZone: TEST_TIME_ZONE },
    webDist: null,
    ...options.appOptions,
  });

  const callOf = (manager: keyof SeededApi['managers']): Evaluation => {
    const found = evaluations.find((evaluation) => evaluation.call.manager?.name === managers[manager].name);
    if (found === undefined) {
      throw new Error(`no sample call of ${manager}`);
    }
    return found;
  };
  return {
    app,
    database,
    services,
    morphology,
    checklist,
    evaluations,
    managers,
    teams,
    folder,
    callOf,
    login: async (user) => {
      const { client, response } = await signIn(app, USER_LOGINS[user], TEST_PASSWORD);
      if (client === null) {
        throw new Error(`seeded user ${user} could not sign in: ${response.status} ${await response.text()}`);
      }
      return client;
    },
    cleanup: async () => {
      await testDatabase.cleanup();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

const USER_LOGINS: Record<TestUserName, string> = {
  admin: 'admin',
  reviewer: 'okk.reviewer',
  anna: 'anna',
  marina: 'marina',
  moscowHead: 'moscow.head',
  kazanHead: 'kazan.head',
  unlinkedManager: 'nobody',
};

async function analyzeSamples(database: Database, morphology: Morphology, checklist: Checklist): Promise<Evaluation[]> {
  const analyzer = new CallAnalyzer({
    morphology,
    checklist,
    timeZone: TEST_TIME_ZONE,
    database,
    recognizer: () => Promise.reject(new AppError('CONFIG_INVALID', 'распознавание речи в этих тестах не нужно')),
    logger: createLogger({ level: 'silent' }),
  });
  const inputs = await collectInputFiles([path.join(REPO_ROOT, 'samples')]);
  const evaluations: Evaluation[] = [];
  for (const file of inputs.files) {
    const result = await analyzer.analyzeFile(file);
    if (!result.ok) {
      throw new Error(`sample ${file.path} was not analysed: ${result.message}`);
    }
    evaluations.push(...result.calls.map((call) => call.evaluation));
  }
  await analyzer.close();
  return evaluations;
}

async function managersByKey(database: Database): Promise<SeededApi['managers']> {
  const managers = await database.managers.listManagers();
  const named = (name: string): Manager => {
    const found = managers.find((manager) => manager.name === name);
    if (found === undefined) {
      throw new Error(`the samples have no manager ${name}`);
    }
    return found;
  };
  return { anna: named('Анна Соколова'), igor: named('Игорь Белов'), denis: named('Денис Орлов'), marina: named('Марина Кузьмина') };
}

async function teamsByKey(database: Database): Promise<SeededApi['teams']> {
  const teams = await database.managers.listTeams();
  const named = (name: string): Team => {
    const found = teams.find((team) => team.name === name);
    if (found === undefined) {
      throw new Error(`the samples have no team ${name}`);
    }
    return found;
  };
  return { moscow: named('Продажи, Москва'), kazan: named('Продажи, Казань') };
}

async function createUsers(services: ServerServices, database: Database, managers: SeededApi['managers'], teams: SeededApi['teams']): Promise<void> {
  const users: { name: TestUserName; role: RoleId; displayName: string; managerId?: number; teamIds?: number[] }[] = [
    { name: 'admin', role: 'admin', displayName: 'Администратор' },
    { name: 'reviewer', role: 'qa_reviewer', displayName: 'Ольга Проверкина' },
    { name: 'anna', role: 'manager', displayName: 'Анна Соколова', managerId: managers.anna.id },
    { name: 'marina', role: 'manager', displayName: 'Марина Кузьмина', managerId: managers.marina.id },
    { name: 'moscowHead', role: 'head_of_sales', displayName: 'Руководитель Москвы', teamIds: [teams.moscow.id] },
    { name: 'kazanHead', role: 'head_of_sales', displayName: 'Руководитель Казани', teamIds: [teams.kazan.id] },
  ];
  for (const user of users) {
    await services.accounts.createUser(SYSTEM_VIEWER, {
      login: USER_LOGINS[user.name],
      displayName: user.displayName,
      role: user.role,
      password: TEST_PASSWORD,
      ...(user.managerId === undefined ? {} : { managerId: user.managerId }),
      ...(user.teamIds === undefined ? {} : { teamIds: user.teamIds }),
    });
  }
  // A manager user whose manager record was deleted: the database clears the link, and the user sees no calls.
  const unlinked = await services.accounts.createUser(SYSTEM_VIEWER, {
    login: USER_LOGINS.unlinkedManager,
    role: 'manager',
    password: TEST_PASSWORD,
    managerId: managers.igor.id,
  });
  await database.users.updateUser(unlinked.user.id, { managerId: null });
}

/** Writes `size` bytes where byte `i` is `i % 251`, so any range of the file can be checked by value. */
export async function writePatternFile(file: string, size: number): Promise<Buffer> {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index++) {
    bytes[index] = index % 251;
  }
  await writeFile(file, bytes);
  return bytes;
}
