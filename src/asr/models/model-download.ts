import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';

import { AppError } from '../../lib/app-error.ts';

export interface DownloadOptions {
  /** Expected SHA-256 in hex; a mismatch deletes the download. */
  sha256: string | null;
  onProgress?: (receivedBytes: number, totalBytes: number | null) => void;
  signal?: AbortSignal;
}

export interface DownloadedFile {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Downloads `url` to `destination`. Bytes go to `destination.part` first; a download cut off half-way keeps
 * that file, and the next call asks the server for the rest (`Range`) or starts over if the server ignores
 * ranges. Only a complete file whose SHA-256 matches is renamed to `destination`.
 */
export async function downloadFile(url: string, destination: string, options: DownloadOptions): Promise<DownloadedFile> {
  const partPath = `${destination}.part`;
  const existing = (await stat(partPath).catch(() => null))?.size ?? 0;
  const response = await request(url, existing, options.signal);

  const resumed = response.status === 206;
  const startAt = resumed ? existing : 0;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  const total = Number.isFinite(length) ? startAt + length : null;
  let received = startAt;
  const progress = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      options.onProgress?.(received, total);
      done(null, chunk);
    },
  });

  try {
    const body = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
    await pipeline(body, progress, createWriteStream(partPath, { flags: resumed ? 'a' : 'w' }), options.signal ? { signal: options.signal } : {});
  } catch (error) {
    throw new AppError('UPSTREAM_FAILED', `Загрузка ${url} прервалась на ${megabytes(received)} МБ${total === null ? '' : ` из ${megabytes(total)}`}. Повторите команду — загрузка продолжится с этого места.`, { cause: error });
  }
  if (total !== null && received < total) {
    throw new AppError('UPSTREAM_FAILED', `Загрузка ${url} оборвалась на ${megabytes(received)} МБ из ${megabytes(total)}. Повторите команду — загрузка продолжится с этого места.`);
  }

  const sha256 = await sha256Of(partPath);
  if (options.sha256 !== null && sha256 !== options.sha256.toLowerCase()) {
    await rm(partPath, { force: true });
    throw new AppError('INVALID_INPUT', `Контрольная сумма SHA-256 файла ${url} не совпала: ожидалась ${options.sha256.toLowerCase()}, получена ${sha256}. Загруженный файл удалён; проверьте адрес и --sha256.`);
  }
  await rename(partPath, destination);
  return { path: destination, bytes: received, sha256 };
}

async function request(url: string, existing: number, signal: AbortSignal | undefined): Promise<Response> {
  const headers: Record<string, string> = existing > 0 ? { range: `bytes=${existing}-` } : {};
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: 'follow', ...(signal ? { signal } : {}) });
  } catch (error) {
    throw new AppError('UPSTREAM_FAILED', `Не удалось подключиться к ${url}: ${(error as Error).message}. Проверьте адрес и сеть; без сети установите модель вручную командой «okk models add».`, { cause: error });
  }
  if (response.status === 416 && existing > 0) {
    // The part on disk is not a prefix the server recognises (the file changed): start over.
    await response.body?.cancel();
    return await request(url, 0, signal);
  }
  if (response.status === 404) {
    throw new AppError('NOT_FOUND', `Файл модели не найден по адресу ${url} (HTTP 404). Проверьте адрес (--url) или имя модели.`);
  }
  if (!response.ok || response.body === null) {
    throw new AppError('UPSTREAM_FAILED', `Сервер ${new URL(url).host} ответил HTTP ${response.status} на загрузку ${url}. Повторите позже или укажите другой адрес (--url).`);
  }
  return response;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1).replace('.', ',');
}
