import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { addModel, pullModel } from './model-install.ts';
import { listInstalledModels } from './model-store.ts';

let work = '';
let modelsDir = '';
let archive = Buffer.alloc(0);
let whisperFile = Buffer.alloc(0);
let server: Server | undefined;
let baseUrl = '';
const served: { path: string; range: string | undefined }[] = [];
/** Reply to the next archive request: the whole file, a cut after half, or the whole file ignoring `Range`. */
let archiveMode: 'full' | 'cut' | 'no-ranges' = 'full';

const TOKENS = 'а 0\nб 1\n';
// Shaped like an ONNX file at its first byte, so the format check passes. No real model can be downloaded in
// tests, so the load probe is switched off where the archive is expected to install.
const FAKE_ONNX = Buffer.concat([Buffer.from([0x08, 0x07]), Buffer.alloc(200_000, 0x33)]);

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'okk-model-pull-'));
  const top = path.join(work, 'source', 'sherpa-onnx-streaming-t-one-russian-2025-09-08');
  await mkdir(top, { recursive: true });
  await writeFile(path.join(top, 'model.onnx'), FAKE_ONNX);
  await writeFile(path.join(top, 'tokens.txt'), TOKENS);
  execFileSync('tar', ['-cjf', path.join(work, 'model.tar.bz2'), '-C', path.join(work, 'source'), path.basename(top)]);
  archive = await readFile(path.join(work, 'model.tar.bz2'));
  whisperFile = Buffer.concat([Buffer.from('lmgg', 'ascii'), Buffer.alloc(50_000, 7)]);

  server = createServer((request, response) => {
    const url = request.url ?? '/';
    served.push({ path: url, range: request.headers.range });
    if (url === '/ggml-small.bin') {
      response.writeHead(200, { 'content-length': whisperFile.length });
      response.end(whisperFile);
      return;
    }
    if (url !== '/t-one.tar.bz2') {
      response.writeHead(404).end('not found');
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    if (archiveMode === 'cut') {
      archiveMode = 'full';
      response.writeHead(200, { 'content-length': archive.length });
      // The pause lets the client receive and store the first half before the connection drops.
      response.write(archive.subarray(0, Math.floor(archive.length / 2)), () => setTimeout(() => response.socket?.destroy(), 300));
      return;
    }
    if (range !== null && archiveMode === 'full') {
      const start = Number(range[1]);
      response.writeHead(206, { 'content-length': archive.length - start, 'content-range': `bytes ${start}-${archive.length - 1}/${archive.length}` });
      response.end(archive.subarray(start));
      return;
    }
    response.writeHead(200, { 'content-length': archive.length });
    response.end(archive);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => { resolve(); }));
  await rm(work, { recursive: true, force: true });
});

beforeEach(async () => {
  modelsDir = await mkdtemp(path.join(work, 'models-'));
  served.length = 0;
  archiveMode = 'full';
});

afterEach(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.catch((caught: unknown) => caught);
  if (!(error instanceof Error)) {
    throw new Error('the call succeeded although it should have failed');
  }
  return error;
}

describe('pullModel', () => {
  it('downloads, checks and unpacks a sherpa-onnx archive', async () => {
    const progress: number[] = [];
    const pulled = await pullModel(modelsDir, { name: 't-one', url: `${baseUrl}/t-one.tar.bz2`, sha256: sha256(archive), force: false, probe: false, onProgress: (received) => progress.push(received) });

    expect(pulled.checked).toBe(true);
    expect(pulled.model).toMatchObject({ name: 't-one', engine: 't-one', sha256: sha256(archive), path: path.join(modelsDir, 't-one') });
    expect((await readdir(pulled.model.path)).sort()).toEqual(['model.onnx', 'okk-model.json', 'tokens.txt']);
    expect(await readFile(path.join(pulled.model.path, 'model.onnx'))).toEqual(FAKE_ONNX);
    expect(progress.at(-1)).toBe(archive.length);
    expect((await listInstalledModels(modelsDir)).map((model) => model.name)).toEqual(['t-one']);
    expect(await readdir(path.join(modelsDir, '.downloads'))).toEqual([]);
  });

  it('downloads a single whisper file', async () => {
    const pulled = await pullModel(modelsDir, { name: 'whisper-small', url: `${baseUrl}/ggml-small.bin`, force: false, probe: false });

    expect(pulled.checked).toBe(false);
    expect(pulled.sha256).toBe(sha256(whisperFile));
    expect(await readdir(pulled.model.path)).toContain('ggml-small.bin');
  });

  it('deletes a download whose checksum does not match and registers nothing', async () => {
    const error = await failureOf(pullModel(modelsDir, { name: 't-one', url: `${baseUrl}/t-one.tar.bz2`, sha256: 'ab'.repeat(32), force: false, probe: false }));

    expect((error as { code?: unknown }).code).toBe('INVALID_INPUT');
    expect(error.message).toContain(`ожидалась ${'ab'.repeat(32)}, получена ${sha256(archive)}`);
    expect(await listInstalledModels(modelsDir)).toEqual([]);
    expect(await readdir(path.join(modelsDir, '.downloads'))).toEqual([]);
  });

  it('resumes an interrupted download with a range request', async () => {
    archiveMode = 'cut';
    const first = await failureOf(pullModel(modelsDir, { name: 't-one', url: `${baseUrl}/t-one.tar.bz2`, sha256: sha256(archive), force: false, probe: false }));

    expect(first.message).toMatch(/прервалась|оборвалась/);
    expect(first.message).toContain('Повторите команду');
    expect(await listInstalledModels(modelsDir)).toEqual([]);

    const pulled = await pullModel(modelsDir, { name: 't-one', url: `${baseUrl}/t-one.tar.bz2`, sha256: sha256(archive), force: false, probe: false });
    expect(pulled.model.name).toBe('t-one');
    expect(served.at(-1)?.range).toMatch(/^bytes=\d+-$/);
    expect(await readFile(path.join(pulled.model.path, 'tokens.txt'), 'utf8')).toBe(TOKENS);
  });

  it('starts over when the server ignores the range', async () => {
    archiveMode = 'cut';
    await failureOf(pullModel(modelsDir, { name: 't-one', url: `${baseUrl}/t-one.tar.bz2`, sha256: sha256(archive), force: false, probe: false }));
    archiveMode = 'no-ranges';
    const pulled = await pullModel(modelsDir, { name: 't-one', url: `${baseUrl}/t-one.tar.bz2`, sha256: sha256(archive), force: false, probe: false });

    expect(pulled.sha256).toBe(sha256(archive));
  });

  it('reports a missing file with HTTP 404', async () => {
    const error = await failureOf(pullModel(modelsDir, { name: 't-one', url: `${baseUrl}/missing.tar.bz2`, force: false, probe: false }));

    expect((error as { code?: unknown }).code).toBe('NOT_FOUND');
    expect(error.message).toBe(`Файл модели не найден по адресу ${baseUrl}/missing.tar.bz2 (HTTP 404). Проверьте адрес (--url) или имя модели.`);
  });

  it('does not register a model that fails the load check', async () => {
    const error = await failureOf(pullModel(modelsDir, { name: 't-one', url: `${baseUrl}/t-one.tar.bz2`, force: false, probe: true }));

    expect((error as { code?: unknown }).code).toBe('MODEL_MISSING');
    expect(error.message).toContain('не загружается в sherpa-onnx');
    expect(await listInstalledModels(modelsDir)).toEqual([]);
    expect((await readdir(modelsDir)).filter((entry) => entry.startsWith('.staging'))).toEqual([]);
  });

  it('keeps an installed model unless forced', async () => {
    await pullModel(modelsDir, { name: 'whisper-small', url: `${baseUrl}/ggml-small.bin`, force: false, probe: false });
    const error = await failureOf(pullModel(modelsDir, { name: 'whisper-small', url: `${baseUrl}/ggml-small.bin`, force: false, probe: false }));

    expect((error as { code?: unknown }).code).toBe('CONFLICT');
    expect(error.message).toContain('--force');
    await expect(pullModel(modelsDir, { name: 'whisper-small', url: `${baseUrl}/ggml-small.bin`, force: true, probe: false })).resolves.toBeDefined();
  });

  it('asks for an address for a model outside the catalog', async () => {
    const error = await failureOf(pullModel(modelsDir, { name: 'my-model', force: false, probe: false }));
    expect(error.message).toContain('укажите её адрес (--url) и движок (--engine)');
  });
});

describe('addModel', () => {
  it('registers a whisper file copied by hand', async () => {
    const file = path.join(work, 'ggml-medium.bin');
    await writeFile(file, whisperFile);
    const model = await addModel(modelsDir, { source: file, force: false, probe: true });

    expect(model).toMatchObject({ name: 'whisper-medium', engine: 'whisper', sha256: null });
    expect(existsSync(path.join(modelsDir, 'whisper-medium', 'ggml-medium.bin'))).toBe(true);
  });

  it('refuses a folder whose model does not load', async () => {
    const error = await failureOf(addModel(modelsDir, { source: path.join(work, 'source', 'sherpa-onnx-streaming-t-one-russian-2025-09-08'), force: false, probe: true }));

    expect(error.message).toContain('не загружается в sherpa-onnx');
    expect(await listInstalledModels(modelsDir)).toEqual([]);
  });

  it.each([
    ['a missing path', { source: '/nonexistent/model' }, /Не найдено: \/nonexistent\/model/],
    ['an unknown folder without --engine', { source: path.join(tmpdir()) }, /укажите --engine/],
    ['a bad name', { source: '/tmp', name: '../etc', engine: 'whisper' as const }, /Недопустимое имя модели «\.\.\/etc»/],
  ])('rejects %s', async (_name, request, message) => {
    const error = await failureOf(addModel(modelsDir, { force: false, probe: true, ...request }));
    expect(error.message).toMatch(message);
  });
});
