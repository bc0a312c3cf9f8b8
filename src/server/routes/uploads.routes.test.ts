// The server modules come first: the API schemas call `.openapi()` on zod schemas, which works only
// once @hono/zod-openapi has extended zod.
import { buildApp } from '../app.ts';
import { createServerServices } from '../server-services.ts';

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createJobServices } from '../../jobs/job-services.ts';
import type { JobServices } from '../../jobs/job-services.ts';
import { startJobWorker } from '../../jobs/job-worker.ts';
import type { JobWorker } from '../../jobs/job-worker.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { createJobTestEnv, waitUntil } from '../../jobs/testing/job-test-env.ts';
import type { JobTestEnv } from '../../jobs/testing/job-test-env.ts';
import { SYSTEM_VIEWER } from '../../services/accounts/access.ts';
import type { RoleId } from '../../services/accounts/roles.ts';
import { REPO_ROOT } from '../../../test/corpus.ts';
import type { ApiApp } from '../app-env.ts';
import type { JobResponse } from '../schemas/jobs.schemas.ts';
import type { UploadReceiptResponse, UploadStatusResponse } from '../schemas/uploads.schemas.ts';
import type { ServerServices } from '../server-context.ts';

const PASSWORD = 'проверка-загрузок-2026';
const SAMPLE = '06-net-sleduyushchego-shaga.txt';

interface Client {
  userId: number;
  headers: Record<string, string>;
}

interface ErrorBody {
  error: { code: string; message: string };
}

describe('upload and job routes', () => {
  let env: JobTestEnv;
  let queue: JobQueue;
  let jobServices: JobServices;
  let services: ServerServices;
  let app: ApiApp;
  let users: Record<RoleId, Client>;
  let worker: JobWorker | undefined;

  beforeEach(async () => {
    env = await createJobTestEnv('sqlite', { uploads: { maxFileMb: 0.05, maxFilesPerRequest: 10 } });
    queue = await env.openQueue();
    jobServices = createJobServices(env.database, queue, env.config, env.logger);
    services = createServerServices({ database: env.database, logger: env.logger, timeZone: 'Europe/Moscow', scrypt: { cost: 2 ** 10, blockSize: 8, parallelization: 1 } });
    app = buildApp({
      context: { database: env.database, services, logger: env.logger, cookies: { secure: 'never', trustProxy: false }, timeZone: 'Europe/Moscow', jobQueue: queue, jobServices },
      webDist: null,
      bodyLimits: [{ pathPrefix: '/api/v1/uploads', maxBytes: jobServices.uploads.maxRequestBytes }],
    });
    users = await signInEveryRole();
    worker = undefined;
  });

  afterEach(async () => {
    await worker?.stop();
    await env.cleanup();
  });

  async function signInEveryRole(): Promise<Record<RoleId, Client>> {
    const team = await env.database.managers.findOrCreateTeam('Продажи, Москва');
    const manager = await env.database.managers.findOrCreateManager({ name: 'Денис Орлов', team: team.name, supervisor: null, position: null });
    const specs: { login: string; role: RoleId; managerId?: number; teamIds?: number[] }[] = [
      { login: 'admin', role: 'admin' },
      { login: 'okk', role: 'qa_reviewer' },
      { login: 'rop', role: 'head_of_sales', teamIds: [team.id] },
      { login: 'manager', role: 'manager', managerId: manager.id },
    ];
    const clients = {} as Record<RoleId, Client>;
    for (const spec of specs) {
      await services.accounts.createUser(SYSTEM_VIEWER, { ...spec, displayName: spec.login, password: PASSWORD });
      const session = await services.sessions.login(spec.login, PASSWORD, { ip: null, userAgent: null });
      clients[spec.role] = { userId: session.user.id, headers: { cookie: `okk_session=${session.token}`, 'x-csrf-token': session.csrfToken } };
    }
    return clients;
  }

  function form(files: readonly { name: string; content: Uint8Array<ArrayBuffer> | string }[]): FormData {
    const body = new FormData();
    for (const file of files) {
      body.append('files', new Blob([file.content]), file.name);
    }
    return body;
  }

  async function sampleForm(): Promise<FormData> {
    return form([{ name: SAMPLE, content: new Uint8Array(await readFile(path.join(REPO_ROOT, 'samples', SAMPLE))) }]);
  }

  function post(url: string, client: Client, body?: FormData): Promise<Response> {
    return Promise.resolve(app.request(url, { method: 'POST', headers: client.headers, ...(body === undefined ? {} : { body }) }));
  }

  function get(url: string, client: Client): Promise<Response> {
    return Promise.resolve(app.request(url, { headers: client.headers }));
  }

  it('accepts an upload and shows its analysis', async () => {
    const response = await post('/api/v1/uploads', users.qa_reviewer, await sampleForm());
    const receipt = (await response.json()) as UploadReceiptResponse;
    worker = await startJobWorker(env.database, env.config, env.logger, { queue, concurrency: 1 });
    const uploadId = receipt.uploads[0]?.uploadId ?? '';
    await waitUntil(async () => ((await (await get(`/api/v1/uploads/${uploadId}`, users.qa_reviewer)).json()) as UploadStatusResponse).state === 'done', 'the upload to be analysed');

    const status = (await (await get(`/api/v1/uploads/${uploadId}`, users.qa_reviewer)).json()) as UploadStatusResponse;
    const job = (await (await get(`/api/v1/jobs/${receipt.uploads[0]?.jobId ?? ''}`, users.qa_reviewer)).json()) as JobResponse;

    expect(response.status).toBe(202);
    expect(receipt.uploads).toMatchObject([{ fileName: SAMPLE, kind: 'transcript', queued: true, metadataFile: null }]);
    expect(status.uploadedBy).toBe(String(users.qa_reviewer.userId));
    expect(status.result?.callsCreated).toBe(1);
    expect(status.result?.calls).toHaveLength(1);
    expect(job.state).toBe('completed');
    expect(job.name).toBe('analyze-upload');
    expect(job.progress).toEqual({ done: 1, total: 1, message: 'Готово: звонков в файле — 1' });
    expect(job.result).toMatchObject({ ok: true, format: 'labeled-text' });
  });

  it('answers 413 for a file over the limit', async () => {
    const response = await post('/api/v1/uploads', users.admin, form([{ name: 'большая запись.wav', content: new Uint8Array(60 * 1024) }]));

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Файл «большая запись.wav» больше допустимых 51 КБ: загрузка отменена.' } });
    expect(await env.database.uploads.listRecent({ limit: 10 })).toEqual([]);
  });

  it('lets a head of sales upload', async () => {
    const response = await post('/api/v1/uploads', users.head_of_sales, await sampleForm());

    expect(response.status).toBe(202);
  });

  it('forbids a manager to upload or watch jobs', async () => {
    const admin = (await (await post('/api/v1/uploads', users.admin, await sampleForm())).json()) as UploadReceiptResponse;

    const upload = await post('/api/v1/uploads', users.manager, await sampleForm());
    const status = await get(`/api/v1/uploads/${admin.uploads[0]?.uploadId ?? ''}`, users.manager);
    const job = await get(`/api/v1/jobs/${admin.uploads[0]?.jobId ?? ''}`, users.manager);

    expect(upload.status).toBe(403);
    expect(((await upload.json()) as ErrorBody).error.message).toBe(
      'Недостаточно прав: загружать записи и расшифровки звонков могут только пользователи с ролью «Администратор», «Руководитель отдела продаж», «Специалист ОКК».',
    );
    expect(status.status).toBe(403);
    expect(job.status).toBe(403);
  });

  it('rejects an upload without a session or CSRF token', async () => {
    const anonymous = await app.request('/api/v1/uploads', { method: 'POST', body: await sampleForm() });
    const withoutToken = await app.request('/api/v1/uploads', { method: 'POST', headers: { cookie: users.admin.headers.cookie ?? '' }, body: await sampleForm() });

    expect(anonymous.status).toBe(401);
    expect(withoutToken.status).toBe(403);
  });

  it('rejects a body that is not multipart', async () => {
    const response = await app.request('/api/v1/uploads', { method: 'POST', headers: { ...users.admin.headers, 'content-type': 'application/json' }, body: '{}' });

    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe('BAD_REQUEST');
  });

  it('answers 404 for an unknown upload or job', async () => {
    const upload = await get('/api/v1/uploads/no-such-upload', users.admin);
    const job = await get('/api/v1/jobs/no-such-job', users.admin);

    expect(upload.status).toBe(404);
    expect(((await upload.json()) as ErrorBody).error.message).toBe('Загрузка «no-such-upload» не найдена.');
    expect(job.status).toBe(404);
  });

  it('lists recent uploads, or only mine', async () => {
    await post('/api/v1/uploads', users.admin, await sampleForm());
    await post('/api/v1/uploads', users.qa_reviewer, form([{ name: 'второй.txt', content: 'Менеджер: Здравствуйте!\nКлиент: Добрый день.' }]));

    const all = (await (await get('/api/v1/uploads?limit=10', users.qa_reviewer)).json()) as { items: UploadStatusResponse[] };
    const mine = (await (await get('/api/v1/uploads?mine=true', users.qa_reviewer)).json()) as { items: UploadStatusResponse[] };

    expect(all.items.map((item) => item.fileName)).toEqual(['второй.txt', SAMPLE]);
    expect(mine.items.map((item) => item.fileName)).toEqual(['второй.txt']);
  });

  it('cancels a queued job once, for its author or an admin', async () => {
    const byQa = (await (await post('/api/v1/uploads', users.qa_reviewer, await sampleForm())).json()) as UploadReceiptResponse;
    const jobId = byQa.uploads[0]?.jobId ?? '';

    const byOther = await post(`/api/v1/jobs/${jobId}/cancel`, users.head_of_sales);
    const byAuthor = await post(`/api/v1/jobs/${jobId}/cancel`, users.qa_reviewer);
    const again = await post(`/api/v1/jobs/${jobId}/cancel`, users.admin);
    const upload = (await (await get(`/api/v1/uploads/${byQa.uploads[0]?.uploadId ?? ''}`, users.qa_reviewer)).json()) as UploadStatusResponse;

    expect(byOther.status).toBe(403);
    expect(byAuthor.status).toBe(200);
    expect(((await byAuthor.json()) as JobResponse).state).toBe('cancelled');
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.message).toBe('Задача уже завершена (отменена): отменять нечего.');
    expect(upload.state).toBe('cancelled');
  });

  it('answers 503 where no job queue runs', async () => {
    const withoutQueue = buildApp({
      context: { database: env.database, services, logger: env.logger, cookies: { secure: 'never', trustProxy: false }, timeZone: 'Europe/Moscow' },
      webDist: null,
    });

    const response = await withoutQueue.request('/api/v1/jobs/any', { headers: users.admin.headers });

    expect(response.status).toBe(503);
    expect(((await response.json()) as ErrorBody).error.code).toBe('UNAVAILABLE');
  });

  it('describes the upload routes in the OpenAPI document', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
      components: { schemas: Record<string, unknown> };
    };

    expect(Object.keys(document.paths['/api/v1/uploads']?.post?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
    expect(document.paths['/api/v1/jobs/{jobId}/cancel']?.post).toBeDefined();
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Job', 'UploadStatus', 'AnalyzeUploadResult', 'ReevaluateCallsResult']));
  });
});
