import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DATABASE_KINDS } from '../../data/testing/test-databases.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { createJobTestEnv } from '../../jobs/testing/job-test-env.ts';
import type { JobTestEnv } from '../../jobs/testing/job-test-env.ts';
import { REPO_ROOT } from '../../../test/corpus.ts';
import { UploadService } from './upload.service.ts';

const SAMPLES = path.join(REPO_ROOT, 'samples');

interface Part {
  name: string;
  content: Uint8Array<ArrayBuffer> | string;
}

/** Encodes parts as a browser would send a form with file inputs, and returns the body as a stream. */
function multipart(parts: readonly Part[]): { contentType: string; body: Readable } {
  const form = new FormData();
  for (const part of parts) {
    form.append('files', new Blob([part.content]), part.name);
  }
  const request = new Request('http://127.0.0.1/api/v1/uploads', { method: 'POST', body: form });
  const contentType = request.headers.get('content-type') ?? '';
  if (request.body === null) {
    throw new Error('the request has no body');
  }
  return { contentType, body: Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) };
}

async function sample(name: string): Promise<Part> {
  return { name, content: new Uint8Array(await readFile(path.join(SAMPLES, name))) };
}

function sha256(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}

describe.each(DATABASE_KINDS)('UploadService on %s', (kind) => {
  let env: JobTestEnv;
  let queue: JobQueue;
  let service: UploadService;

  beforeEach(async () => {
    env = await createJobTestEnv(kind, { uploads: { maxFileMb: 0.05, maxFilesPerRequest: 5 } });
    queue = await env.openQueue();
    service = UploadService.fromConfig(env.database, queue, env.config, env.logger);
  });

  afterEach(async () => {
    await env.cleanup();
  });

  async function upload(parts: readonly Part[], user: string | null = 'user-1') {
    const { contentType, body } = multipart(parts);
    return service.receiveMultipart(contentType, body, user);
  }

  it('stores files by hash and queues their analysis', async () => {
    const transcript = await sample('01-zamer-obrazcovyj.txt');
    const metadata = await sample('01-zamer-obrazcovyj.meta.json');
    const subtitles = await sample('03-ne-uslyshal-vopros.srt');

    const receipt = await upload([metadata, transcript, subtitles]);

    expect(receipt.rejected).toEqual([]);
    expect(receipt.uploads.map((item) => [item.fileName, item.kind, item.metadataFile, item.queued])).toEqual([
      ['01-zamer-obrazcovyj.txt', 'transcript', '01-zamer-obrazcovyj.meta.json', true],
      ['03-ne-uslyshal-vopros.srt', 'transcript', null, true],
    ]);
    const stored = path.join(env.dataDir, 'uploads', sha256(transcript.content), '01-zamer-obrazcovyj.txt');
    expect(await readFile(stored)).toEqual(Buffer.from(transcript.content));
    const sidecar = path.join(env.dataDir, 'uploads', sha256(transcript.content), 'sidecars', `${sha256(metadata.content)}.meta.json`);
    expect((await stat(sidecar)).isFile()).toBe(true);

    for (const item of receipt.uploads) {
      const status = await service.getUploadStatus(item.uploadId);
      expect(status?.state).toBe('queued');
      expect(status?.uploadedBy).toBe('user-1');
      expect(status?.job?.id).toBe(item.jobId);
      expect(status?.job?.state).toBe('queued');
    }
  });

  it('keeps a Cyrillic file name', async () => {
    const receipt = await upload([{ name: 'Звонок Иванову №2.txt', content: 'Менеджер: Добрый день!\nКлиент: Здравствуйте.' }]);

    expect(receipt.uploads[0]?.fileName).toBe('Звонок Иванову №2.txt');
  });

  it('does not queue the same file twice', async () => {
    const transcript = await sample('06-net-sleduyushchego-shaga.txt');

    const first = await upload([transcript, { ...transcript, name: 'copy.txt' }]);
    const second = await upload([{ ...transcript, name: 'renamed.txt' }], 'user-2');

    expect(first.uploads).toHaveLength(1);
    expect(second.uploads).toHaveLength(1);
    expect(second.uploads[0]?.uploadId).toBe(first.uploads[0]?.uploadId);
    expect(second.uploads[0]?.queued).toBe(false);
    expect(second.uploads[0]?.jobId).toBe(first.uploads[0]?.jobId);
    expect(second.uploads[0]?.fileName).toBe('06-net-sleduyushchego-shaga.txt');
    const folder = path.join(env.dataDir, 'uploads', sha256(transcript.content));
    expect(await readdir(folder)).toEqual(['06-net-sleduyushchego-shaga.txt']);
  });

  it('queues the same file with other metadata as a new upload', async () => {
    const transcript = await sample('01-zamer-obrazcovyj.txt');
    const metadata = await sample('01-zamer-obrazcovyj.meta.json');

    const plain = await upload([transcript]);
    const withMetadata = await upload([transcript, metadata]);

    expect(withMetadata.uploads[0]?.uploadId).not.toBe(plain.uploads[0]?.uploadId);
    expect(withMetadata.uploads[0]?.queued).toBe(true);
  });

  it('rejects a file over the size limit and keeps nothing', async () => {
    const small = await sample('01-zamer-obrazcovyj.txt');
    const large = { name: 'длинная запись.wav', content: new Uint8Array(60 * 1024) };

    const attempt = upload([small, large]);

    await expect(attempt).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'Файл «длинная запись.wav» больше допустимых 51 КБ: загрузка отменена.' });
    expect(await env.database.uploads.listRecent({ limit: 10 })).toEqual([]);
    expect(await readdir(path.join(env.dataDir, 'uploads', '.incoming'))).toEqual([]);
  });

  it('accepts a file of exactly the size limit', async () => {
    const receipt = await upload([{ name: 'ровно.txt', content: new Uint8Array(service.limits.maxFileBytes).fill(0x41) }]);

    expect(receipt.uploads[0]?.sizeBytes).toBe(service.limits.maxFileBytes);
  });

  it('rejects more files than allowed in one request', async () => {
    const parts = Array.from({ length: 6 }, (_, index) => ({ name: `call-${index}.txt`, content: `Менеджер: Алло, звонок ${index}` }));

    await expect(upload(parts)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('не больше 5 файлов') as unknown });
    expect(await env.database.uploads.listRecent({ limit: 10 })).toEqual([]);
  });

  it('reports a metadata file without its call file', async () => {
    const metadata = await sample('02-dostavka-razdrazhenie.meta.json');
    const other = await sample('03-ne-uslyshal-vopros.srt');

    const receipt = await upload([metadata, other]);

    expect(receipt.uploads).toHaveLength(1);
    expect(receipt.rejected).toEqual([
      {
        fileName: '02-dostavka-razdrazhenie.meta.json',
        message: 'Файл с данными звонка «02-dostavka-razdrazhenie.meta.json» пришёл без записи или расшифровки «02-dostavka-razdrazhenie.…»: загрузите их вместе.',
      },
    ]);
  });

  it.each([
    ['application/json', 'Файлы загружаются запросом multipart/form-data'],
    [undefined, 'Файлы загружаются запросом multipart/form-data'],
    ['multipart/form-data; charset=utf-8', 'нет границы частей'],
  ])('rejects content type %s', async (contentType, message) => {
    const attempt = service.receiveMultipart(contentType, Readable.from([Buffer.from('{}')]), 'user-1');

    await expect(attempt).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining(message) as unknown });
  });

  it('rejects a request without files', async () => {
    const form = new FormData();
    form.append('comment', 'без файлов');
    const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
    const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);

    await expect(service.receiveMultipart(request.headers.get('content-type') ?? '', body, 'user-1')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'В запросе нет файлов: добавьте записи звонков или расшифровки.',
    });
  });

  it('rejects a cut-off body', async () => {
    const { contentType, body } = multipart([await sample('01-zamer-obrazcovyj.txt')]);
    const chunks: Buffer[] = [];
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
    }
    const whole = Buffer.concat(chunks);
    const cut = Readable.from([whole.subarray(0, Math.floor(whole.length / 2))]);

    await expect(service.receiveMultipart(contentType, cut, 'user-1')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await env.database.uploads.listRecent({ limit: 10 })).toEqual([]);
  });

  it('returns nothing for an unknown upload', async () => {
    expect(await service.getUploadStatus('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
