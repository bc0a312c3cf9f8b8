import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openDatabase } from '../../data/database.ts';
import { loadConfig } from '../../lib/config.ts';
import { openJobQueue } from '../../jobs/open-job-queue.ts';
import { waitForJob, waitUntil } from '../../jobs/testing/job-test-env.ts';
import { UploadService } from '../../services/uploads/upload.service.ts';
import { UploadStorage } from '../../services/uploads/upload-storage.ts';
import { REPO_ROOT } from '../../../test/corpus.ts';

const OKK = path.join(REPO_ROOT, 'bin', 'okk.js');

describe('okk worker', () => {
  let folder: string;
  let configFile: string;
  let databaseUrl: string;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'okk-worker-'));
    databaseUrl = `sqlite:${path.join(folder, 'data', 'okk.sqlite')}`;
    configFile = path.join(folder, 'okk.config.json');
    await writeFile(configFile, JSON.stringify({ databaseUrl, dataDir: path.join(folder, 'data'), jobs: { pollIntervalSec: 0.5 } }));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('runs queued jobs, logs them and stops on SIGTERM', async () => {
    const config = loadConfig({ OKK_CONFIG: configFile }, folder);
    const database = await openDatabase(databaseUrl);
    const queue = await openJobQueue(database, config, pino({ level: 'silent' }));
    const uploads = UploadService.fromConfig(database, queue, config, pino({ level: 'silent' }));
    const content = await readFile(path.join(REPO_ROOT, 'samples', '06-net-sleduyushchego-shaga.txt'));
    const staged = await UploadStorage.forDataDir(config.dataDir).stage(Readable.from([content]), '06-net-sleduyushchego-shaga.txt', uploads.limits.maxFileBytes);
    const receipt = await uploads.acceptStaged([staged], 'qa-1');
    const jobId = receipt.uploads[0]?.jobId ?? '';

    const child = spawn(process.execPath, [OKK, 'worker', '--concurrency', '1'], {
      cwd: folder,
      env: { ...process.env, OKK_CONFIG: configFile, OKK_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
      resolve(code);
    }));

    try {
      const job = await waitForJob(queue, jobId);
      await waitUntil(() => stderr.includes('"msg":"job completed"'), 'the completion log line');
      child.kill('SIGTERM');
      const code = await exited;

      expect(job.state).toBe('completed');
      expect(code).toBe(0);
      expect(stderr).toContain('Обработчик задач запущен');
      expect(stderr).toContain('analyze-upload, reevaluate-calls');
      expect(stderr).toContain('по 1 одновременно');
      expect(stderr).toContain('Обработчик задач остановлен.');
      const logLines = stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
      const messages = logLines.map((line) => line.msg);
      expect(messages).toEqual(expect.arrayContaining(['job worker started', 'job started', 'uploaded call stored', 'job completed', 'job worker stopped']));
      expect(logLines.find((line) => line.msg === 'job started')).toMatchObject({ jobId, job: 'analyze-upload', attempt: 1 });
      expect(logLines.find((line) => line.msg === 'uploaded call stored')).toMatchObject({ jobId, callId: expect.any(String) as unknown });
    } finally {
      child.kill('SIGKILL');
      await queue.stop();
      await database.close();
    }
  });

  it.each([
    [['--concurrency', '0'], 'Укажите целое число от 1 до 64'],
    [['--jobs', 'send-mail'], 'Неизвестные виды задач: send-mail'],
  ])('rejects %j', async (args, message) => {
    const child = spawn(process.execPath, [OKK, 'worker', ...args], { cwd: folder, env: { ...process.env, OKK_CONFIG: configFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => {
      resolve(exitCode);
    }));

    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
