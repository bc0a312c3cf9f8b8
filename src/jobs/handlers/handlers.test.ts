import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Checklist } from '../../core/model/checklist.ts';
import { DATABASE_KINDS } from '../../data/testing/test-databases.ts';
import { readNumber } from '../../data/sql-dialect.ts';
import { AppError } from '../../lib/app-error.ts';
import { SYSTEM_VIEWER } from '../../services/accounts/access.ts';
import { resolveActiveChecklist } from '../../services/checklists/active-checklist.ts';
import { ReevaluationService } from '../../services/reevaluation/reevaluation.service.ts';
import { ReviewService } from '../../services/reviews/review.service.ts';
import { UploadService } from '../../services/uploads/upload.service.ts';
import type { UploadReceipt } from '../../services/uploads/upload.service.ts';
import { UploadStorage } from '../../services/uploads/upload-storage.ts';
import { loadMorphology } from '../../text/az-morphology.ts';
import { corpusPath, REPO_ROOT } from '../../../test/corpus.ts';
import type { JobContext, JobProgress, JobQueue } from '../job-queue.ts';
import type { JobName, JobPayload } from '../job-types.ts';
import { startJobWorker } from '../job-worker.ts';
import type { JobWorker } from '../job-worker.ts';
import { claimAsDeadWorker, createJobTestEnv, waitForJob } from '../testing/job-test-env.ts';
import type { JobTestEnv } from '../testing/job-test-env.ts';
import { createJobHandlers } from './index.ts';
import type { JobHandlers } from './index.ts';

const SAMPLES = path.join(REPO_ROOT, 'samples');
const SAMPLE_CALLS = 13;
const MISSING_MODEL = 'Модель распознавания речи не установлена: установите её командой okk models install.';
const morphology = loadMorphology();

function missingRecognizer(): Promise<never> {
  return Promise.reject(new AppError('MODEL_MISSING', MISSING_MODEL));
}

describe.each(DATABASE_KINDS)('job handlers on %s', (kind) => {
  let env: JobTestEnv;
  let queue: JobQueue;
  let uploads: UploadService;
  let handlers: JobHandlers;
  let worker: JobWorker | undefined;

  beforeEach(async () => {
    env = await createJobTestEnv(kind);
    queue = await env.openQueue();
    uploads = UploadService.fromConfig(env.database, queue, env.config, env.logger);
    handlers = createJobHandlers({
      database: env.database,
      queue,
      storage: UploadStorage.forDataDir(env.dataDir),
      morphology: () => morphology,
      recognizer: missingRecognizer,
      timeZone: env.config.timeZone,
      logger: env.logger,
    });
    worker = undefined;
  });

  afterEach(async () => {
    await worker?.stop();
    await env.cleanup();
  });

  async function uploadFiles(files: readonly { name: string; content: Buffer }[]): Promise<UploadReceipt> {
    const storage = UploadStorage.forDataDir(env.dataDir);
    const staged = [];
    for (const file of files) {
      staged.push(await storage.stage(Readable.from([file.content]), file.name, uploads.limits.maxFileBytes));
    }
    return uploads.acceptStaged(staged, 'qa-1');
  }

  async function uploadSamples(names?: readonly string[]): Promise<UploadReceipt> {
    const chosen = names ?? (await readdir(SAMPLES));
    return uploadFiles(await Promise.all(chosen.map(async (name) => ({ name, content: await readFile(path.join(SAMPLES, name)) }))));
  }

  async function runWorker(): Promise<void> {
    worker = await startJobWorker(env.database, env.config, env.logger, { queue, concurrency: 2, recognizer: missingRecognizer });
  }

  async function finishAll(receipt: UploadReceipt): Promise<void> {
    for (const item of receipt.uploads) {
      await waitForJob(queue, item.jobId ?? '');
    }
  }

  function context<N extends JobName>(name: N, payload: JobPayload<N>, progress: JobProgress[] = [], signal = new AbortController().signal): JobContext<N> {
    return {
      id: 'direct-run',
      name,
      payload,
      attempt: 1,
      maxAttempts: 1,
      signal,
      logger: env.logger,
      reportProgress: (report) => {
        progress.push(report);
        return Promise.resolve();
      },
    };
  }

  async function count(table: 'calls' | 'evaluations' | 'turns' | 'findings'): Promise<number> {
    const result = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(env.database.db);
    return readNumber(result.rows[0]?.n ?? 0) ?? 0;
  }

  async function scores(): Promise<Map<string, number | null>> {
    const rows = await env.database.db.selectFrom('calls').select(['id', 'score']).execute();
    return new Map(rows.map((row) => [row.id, row.score]));
  }

  describe('analyze-upload', () => {
    it('analyses the sample calls with their metadata', async () => {
      const receipt = await uploadSamples();
      await runWorker();
      await finishAll(receipt);

      expect(receipt.uploads).toHaveLength(10);
      expect(receipt.rejected).toEqual([]);
      const statuses = await Promise.all(receipt.uploads.map((item) => uploads.getUploadStatus(item.uploadId)));
      expect(statuses.map((status) => status?.state)).toEqual(receipt.uploads.map(() => 'done'));
      expect(statuses.reduce((sum, status) => sum + (status?.result?.callsCreated ?? 0), 0)).toBe(SAMPLE_CALLS);
      expect(await count('calls')).toBe(SAMPLE_CALLS);
      expect(await count('evaluations')).toBe(SAMPLE_CALLS);

      const first = statuses.find((status) => status?.fileName === '01-zamer-obrazcovyj.txt');
      expect(first?.metadataFile).toBe('01-zamer-obrazcovyj.meta.json');
      expect(first?.job?.progress).toEqual({ done: 1, total: 1, message: 'Готово: звонков в файле — 1' });
      const call = await env.database.calls.getCall(first?.result?.calls[0]?.id ?? '');
      expect(call?.transcript.call.manager?.name).toBe('Анна Соколова');
      expect(call?.transcript.call.source).toBe(path.join(env.dataDir, 'uploads', first?.result === null ? '' : (await env.database.uploads.get(first?.id ?? ''))?.sha256 ?? '', '01-zamer-obrazcovyj.txt'));
      expect(await readdir(path.join(env.dataDir, 'uploads', '.work'))).toEqual([]);
    });

    it('reports bad files and analyses the rest', async () => {
      const receipt = await uploadFiles([
        { name: 'пустой.txt', content: Buffer.alloc(0) },
        { name: 'не звонок.json', content: Buffer.from('{"заказ": 15, "сумма": 990}') },
        { name: 'запись.wav', content: Buffer.from('RIFF....WAVEfmt не совсем запись') },
        { name: 'zametki.txt', content: Buffer.from('купить молоко, хлеб и яйца\nзабрать заказ в пункте выдачи до пятницы\n') },
        { name: 'logo.svg', content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>') },
        { name: '03-ne-uslyshal-vopros.srt', content: await readFile(path.join(SAMPLES, '03-ne-uslyshal-vopros.srt')) },
      ]);
      await runWorker();
      await finishAll(receipt);

      const byName = new Map<string, Awaited<ReturnType<UploadService['getUploadStatus']>>>();
      for (const item of receipt.uploads) {
        byName.set(item.fileName, await uploads.getUploadStatus(item.uploadId));
      }
      for (const name of ['пустой.txt', 'не звонок.json', 'запись.wav', 'zametki.txt', 'logo.svg']) {
        const status = byName.get(name);
        expect(status?.state, name).toBe('failed');
        expect(status?.job?.state, name).toBe('completed');
        expect(status?.error, name).toContain(name);
        expect(status?.error, name).not.toContain(env.dataDir);
        expect(status?.result, name).toBeNull();
      }
      expect(byName.get('запись.wav')?.error).toBe(
        'Файл «запись.wav»: запись не расшифрована — на этой установке okk нет модели распознавания речи. Записи можно будет загружать, когда администратор установит модель (состояние распознавания показано на странице «Интеграции»). Готовые расшифровки звонков загружаются уже сейчас.',
      );
      expect(byName.get('logo.svg')?.error).toMatch(/^Файл «logo\.svg»: формат не распознан: это не похоже на расшифровку звонка\. Принимаются записи разговоров \(WAV, MP3/u);
      expect(byName.get('logo.svg')?.error).not.toContain('--format');
      expect(byName.get('zametki.txt')?.error).toContain('это не похоже на расшифровку разговора');
      expect(byName.get('03-ne-uslyshal-vopros.srt')?.state).toBe('done');
      expect(await count('calls')).toBe(1);
    });

    it('names the uploaded file in call warnings', async () => {
      const receipt = await uploadFiles([{ name: 'zvonok-bez-rolej.txt', content: await readFile(corpusPath('audio', 'synthetic-bank-calls-b', 'call_dialog.txt')) }]);
      await runWorker();
      await finishAll(receipt);
      const status = await uploads.getUploadStatus(receipt.uploads[0]?.uploadId ?? '');
      const call = await env.database.calls.getCall(status?.result?.calls[0]?.id ?? '');
      const messages = [...(call?.transcript.warnings ?? []), ...(call?.evaluation?.transcript.warnings ?? [])].map((warning) => warning.message);

      expect(status?.state).toBe('done');
      expect(messages.filter((message) => message.startsWith('Файл «zvonok-bez-rolej.txt»: в тексте нет меток ролей'))).toHaveLength(2);
      expect(messages.filter((message) => message.includes(env.dataDir))).toEqual([]);
    });

    it('gives the same result when run twice', async () => {
      const receipt = await uploadSamples(['01-zamer-obrazcovyj.txt', '01-zamer-obrazcovyj.meta.json', 'vygruzka-zvonkov.json']);
      const payloads = receipt.uploads.map((item) => ({ uploadId: item.uploadId }));

      const firstRun = [];
      for (const payload of payloads) {
        firstRun.push(await handlers['analyze-upload'](context('analyze-upload', payload)));
      }
      const rowsAfterFirst = { calls: await count('calls'), evaluations: await count('evaluations'), turns: await count('turns'), findings: await count('findings') };
      const secondRun = [];
      for (const payload of payloads) {
        secondRun.push(await handlers['analyze-upload'](context('analyze-upload', payload)));
      }

      expect(secondRun).toEqual(firstRun);
      expect(firstRun.every((result) => result.ok && result.calls.every((call) => call.created))).toBe(true);
      expect(rowsAfterFirst.calls).toBe(5);
      expect(rowsAfterFirst.evaluations).toBe(5);
      expect({ calls: await count('calls'), evaluations: await count('evaluations'), turns: await count('turns'), findings: await count('findings') }).toEqual(rowsAfterFirst);
    });

    it('reruns after its worker died, no duplicates', async () => {
      const receipt = await uploadSamples(['02-dostavka-razdrazhenie.txt', '02-dostavka-razdrazhenie.meta.json']);
      const jobId = receipt.uploads[0]?.jobId ?? '';
      expect(await claimAsDeadWorker(env, 'analyze-upload')).toBe(jobId);
      // The dead worker had stored the call before it was killed.
      await handlers['analyze-upload'](context('analyze-upload', { uploadId: receipt.uploads[0]?.uploadId ?? '' }));

      await runWorker();
      const job = await waitForJob(queue, jobId);

      expect(job.state).toBe('completed');
      expect(job.attempts).toBe(2);
      expect(await count('calls')).toBe(1);
      expect(await count('evaluations')).toBe(1);
      const status = await uploads.getUploadStatus(receipt.uploads[0]?.uploadId ?? '');
      expect(status?.state).toBe('done');
      expect(status?.result?.callsCreated).toBe(1);
    });

    it('keeps stored details for a copy uploaded without metadata', async () => {
      const original = await uploadSamples(['01-zamer-obrazcovyj.txt', '01-zamer-obrazcovyj.meta.json']);
      await handlers['analyze-upload'](context('analyze-upload', { uploadId: original.uploads[0]?.uploadId ?? '' }));
      const copy = await uploadFiles([{ name: 'kopiya.txt', content: await readFile(path.join(SAMPLES, '01-zamer-obrazcovyj.txt')) }]);

      const result = await handlers['analyze-upload'](context('analyze-upload', { uploadId: copy.uploads[0]?.uploadId ?? '' }));

      expect(result.ok).toBe(true);
      const warnings = result.ok ? result.warnings : [];
      expect(warnings).toEqual([expect.stringContaining('звонок уже сохранён ранее (из файла 01-zamer-obrazcovyj.txt)')]);
      expect(await count('calls')).toBe(1);
      const call = await env.database.calls.getCall(result.ok ? (result.calls[0]?.id ?? '') : '');
      expect(call?.transcript.call.manager?.name).toBe('Анна Соколова');
      expect(call?.transcript.call.startedAt).toBe('2026-12-03T10:14:00+03:00');
      expect(call?.transcript.call.client).toEqual({ name: 'Ольга Викторовна', phone: '+79161234567' });
      expect(call?.transcript.call.source).toMatch(/01-zamer-obrazcovyj\.txt$/u);
      expect(call?.evaluation?.promises[0]?.due).toBe('2026-12-05T18:00:00+03:00');
    });

    it('reports a missing upload as a failed result', async () => {
      const result = await handlers['analyze-upload'](context('analyze-upload', { uploadId: 'no-such-upload' }));

      expect(result).toEqual({ ok: false, message: 'Загрузка no-such-upload не найдена: её запись удалена из базы.' });
    });
  });

  describe('reevaluate-calls', () => {
    async function storeSamples(): Promise<void> {
      const receipt = await uploadSamples();
      for (const item of receipt.uploads) {
        await handlers['analyze-upload'](context('analyze-upload', { uploadId: item.uploadId }));
      }
    }

    /** Stores the next version of the default checklist with other weights and without the farewell criterion. */
    async function changeChecklist(): Promise<Checklist> {
      const current = await resolveActiveChecklist(env.database, null);
      const changed: Checklist = {
        ...current,
        criteria: current.criteria.map((criterion) => {
          if (criterion.id === 'summary') {
            return { ...criterion, weight: 40 };
          }
          return criterion.id === 'farewell' ? { ...criterion, enabled: false } : criterion;
        }),
      };
      return env.database.checklists.saveChecklist(changed);
    }

    function service(): ReevaluationService {
      return new ReevaluationService({ database: env.database, queue, morphology: () => morphology, timeZone: env.config.timeZone, batchSize: 5 });
    }

    it('re-evaluates stored calls with a changed checklist', async () => {
      await runWorker();
      await finishAll(await uploadSamples());
      const before = await scores();
      const checklist = await changeChecklist();

      const started = await service().start({ checklistId: checklist.id, since: '2026-12-01' }, 'admin-1');
      const job = await waitForJob(queue, started.jobId);

      expect(started.checklist).toEqual({ id: 'sales-default', version: 2 });
      expect(job.state).toBe('completed');
      expect(job.requestedBy).toBe('admin-1');
      expect(job.result).toMatchObject({ total: SAMPLE_CALLS, reevaluated: SAMPLE_CALLS, failures: [], failureCount: 0 });
      expect(job.progress).toEqual({ done: SAMPLE_CALLS, total: SAMPLE_CALLS, message: 'Переоценка: 13 из 13 звонков' });
      const after = await scores();
      const changed = [...after].filter(([id, score]) => before.get(id) !== score);
      expect(changed.length).toBeGreaterThan(0);
      expect(job.result).toMatchObject({ scoreChanged: changed.length });
      for (const id of after.keys()) {
        const history = await env.database.evaluations.listHistory(id);
        expect(history.map((record) => [record.checklist.version, record.current])).toEqual([
          [2, true],
          [1, false],
        ]);
      }
    });

    it('changes nothing when run twice', async () => {
      await storeSamples();
      const checklist = await changeChecklist();
      const payload = { checklistId: checklist.id, checklistVersion: checklist.version, since: '2026-12-01', managerId: null, teamId: null };
      const progress: JobProgress[] = [];

      const first = await handlers['reevaluate-calls'](context('reevaluate-calls', payload));
      const scoresAfterFirst = await scores();
      const evaluationsAfterFirst = await count('evaluations');
      const second = await handlers['reevaluate-calls'](context('reevaluate-calls', payload, progress));

      expect(first).toMatchObject({ total: SAMPLE_CALLS, reevaluated: SAMPLE_CALLS });
      expect(second).toEqual({ total: SAMPLE_CALLS, reevaluated: 0, scoreChanged: 0, verdictsChanged: 0, unchanged: SAMPLE_CALLS, failures: [], failureCount: 0 });
      expect(await scores()).toEqual(scoresAfterFirst);
      expect(await count('evaluations')).toBe(evaluationsAfterFirst);
      expect(progress.map((report) => report.done)).toEqual([0, SAMPLE_CALLS]);
    });

    it('reports progress after every batch', async () => {
      await storeSamples();
      const checklist = await changeChecklist();
      const progress: JobProgress[] = [];

      await service().run(
        { checklistId: checklist.id, checklistVersion: checklist.version, since: '2026-12-01', managerId: null, teamId: null },
        context('reevaluate-calls', { checklistId: checklist.id, checklistVersion: checklist.version, since: '2026-12-01', managerId: null, teamId: null }, progress),
      );

      expect(progress.map((report) => report.done)).toEqual([0, 5, 10, 13]);
      expect(progress.map((report) => report.total)).toEqual([13, 13, 13, 13]);
      expect(progress.at(-1)?.message).toBe('Переоценка: 13 из 13 звонков');
    });

    it('keeps reviewers\' overrides', async () => {
      await storeSamples();
      const call = (await env.database.calls.listCalls({}, { field: 'startedAt', direction: 'asc' }, { limit: 100 })).items.find((item) => item.source.endsWith('06-net-sleduyushchego-shaga.txt'));
      const callId = call?.id ?? '';
      const machine = await env.database.calls.getCall(callId);
      expect(machine?.evaluation?.criteria.find((criterion) => criterion.id === 'next_step')?.result).toBe('failed');
      await new ReviewService({ database: env.database, logger: env.logger }).reviewCriterion(SYSTEM_VIEWER, callId, 'next_step', {
        result: 'passed',
        comment: 'Договорились созвониться в пятницу',
      });
      const checklist = await changeChecklist();

      await handlers['reevaluate-calls'](context('reevaluate-calls', { checklistId: checklist.id, checklistVersion: checklist.version, since: '2026-12-01', managerId: null, teamId: null }));

      const review = await env.database.reviews.currentReview(callId);
      expect(review?.reviewed.machine.checklist.version).toBe(2);
      expect(review?.reviewed.evaluation.criteria.find((criterion) => criterion.id === 'next_step')?.result).toBe('passed');
      const row = await env.database.db.selectFrom('evaluation_criteria').select('result').where('call_id', '=', callId).where('criterion_id', '=', 'next_step').executeTakeFirst();
      expect(row?.result).toBe('passed');
      expect((await env.database.calls.getCall(callId))?.score).toBe(review?.reviewed.evaluation.score);
    });

    it('limits the calls by date and manager', async () => {
      await storeSamples();
      const checklist = await changeChecklist();
      const managers = await env.database.managers.listManagers();
      const anna = managers.find((manager) => manager.name === 'Анна Соколова');

      const sinceFourth = await handlers['reevaluate-calls'](
        context('reevaluate-calls', { checklistId: checklist.id, checklistVersion: checklist.version, since: '2026-12-04', managerId: null, teamId: null }),
      );
      const annasCalls = await handlers['reevaluate-calls'](
        context('reevaluate-calls', { checklistId: checklist.id, checklistVersion: checklist.version, since: '2026-12-01', managerId: anna?.id ?? 0, teamId: null }),
      );

      expect(sinceFourth.total).toBe(6);
      expect(annasCalls.total).toBe(4);
    });

    it('stops before saving when cancelled', async () => {
      await storeSamples();
      const checklist = await changeChecklist();
      const controller = new AbortController();
      controller.abort();

      const run = handlers['reevaluate-calls'](
        context('reevaluate-calls', { checklistId: checklist.id, checklistVersion: checklist.version, since: '2026-12-01', managerId: null, teamId: null }, [], controller.signal),
      );

      await expect(run).rejects.toThrow();
      expect(await count('evaluations')).toBe(SAMPLE_CALLS);
    });

    it('returns the queued job for the same request', async () => {
      await storeSamples();
      const checklist = await changeChecklist();

      const first = await service().start({ checklistId: checklist.id, since: '2026-12-01' }, 'admin-1');
      const again = await service().start({ checklistId: checklist.id, checklistVersion: 2, since: '2026-12-01' }, 'admin-2');
      const otherDate = await service().start({ checklistId: checklist.id, since: '2026-12-03' }, 'admin-1');

      expect(again).toEqual({ ...first, created: false });
      expect(otherDate.jobId).not.toBe(first.jobId);
    });

    it.each([
      [{ checklistId: 'no-such-list', since: '2026-12-01' }, 'NOT_FOUND', 'Чек-лист «no-such-list» не найден.'],
      [{ checklistId: 'sales-default', checklistVersion: 99, since: '2026-12-01' }, 'NOT_FOUND', 'Чек-лист «sales-default» версии 99 не найден.'],
      [{ checklistId: 'sales-default', since: 'вчера' }, 'VALIDATION_FAILED', 'Дата «вчера» не распознана: укажите дату ГГГГ-ММ-ДД или время ISO 8601.'],
      [{ checklistId: 'sales-default', since: '2026-12-01', managerId: 999 }, 'NOT_FOUND', 'Менеджер с номером 999 не найден.'],
      [{ checklistId: 'sales-default', since: '2026-12-01', teamId: 999 }, 'NOT_FOUND', 'Команда с номером 999 не найдена.'],
    ])('rejects request %j', async (request, code, message) => {
      await resolveActiveChecklist(env.database, null);

      await expect(service().start(request, 'admin-1')).rejects.toMatchObject({ code, message });
    });
  });
});
