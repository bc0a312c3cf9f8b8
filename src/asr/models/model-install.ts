import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import { AppError } from '../../lib/app-error.ts';
import { findCatalogModel } from './model-catalog.ts';
import type { LocalEngine } from './model-catalog.ts';
import { downloadFile } from './model-download.ts';
import { copyIntoStaging, createStaging, installStaged, unpackTarBz2 } from './model-store.ts';
import type { InstalledModel } from './model-store.ts';

export interface PullRequest {
  name: string;
  /** Download address; defaults to the catalog's. */
  url?: string | undefined;
  /** Expected SHA-256; defaults to the catalog's. */
  sha256?: string | undefined;
  /** Engine of a model that is not in the catalog. */
  engine?: LocalEngine | undefined;
  force: boolean;
  probe: boolean;
  onProgress?: (receivedBytes: number, totalBytes: number | null) => void;
}

export interface PulledModel {
  model: InstalledModel;
  /** Digest of the download, to pin with `--sha256` when none was given. */
  sha256: string;
  checked: boolean;
}

/**
 * Downloads a model (a `.tar.bz2` archive or a single file), checks its SHA-256, unpacks it and installs it
 * under `modelsDir/<name>`. The download is kept for resuming until the model is installed; a model that fails
 * its checks is never registered.
 */
export async function pullModel(modelsDir: string, pull: PullRequest): Promise<PulledModel> {
  const known = findCatalogModel(pull.name);
  const url = pull.url ?? known?.url;
  const engine = pull.engine ?? known?.engine;
  if (url === undefined || engine === undefined) {
    throw new AppError('INVALID_INPUT', `Модель «${pull.name}» не из каталога: укажите её адрес (--url) и движок (--engine). Каталог: okk models list.`);
  }
  const expected = pull.sha256 ?? known?.sha256 ?? null;
  const downloads = path.join(modelsDir, '.downloads');
  await mkdir(downloads, { recursive: true });
  const fileName = path.basename(new URL(url).pathname) || `${pull.name}.download`;
  const downloadPath = path.join(downloads, `${pull.name}--${fileName}`);

  const downloaded = await downloadFile(url, downloadPath, { sha256: expected, ...(pull.onProgress ? { onProgress: pull.onProgress } : {}) });
  const staging = await createStaging(modelsDir, pull.name);
  if (fileName.endsWith('.tar.bz2')) {
    await unpackTarBz2(downloaded.path, staging).catch(async (error: unknown) => {
      await rm(staging, { recursive: true, force: true });
      await rm(downloaded.path, { force: true });
      throw error;
    });
  } else {
    await rename(downloaded.path, path.join(staging, fileName));
  }
  const model = await installStaged(modelsDir, staging, { name: pull.name, engine, source: url, sha256: downloaded.sha256, force: pull.force, probe: pull.probe });
  await rm(downloaded.path, { force: true });
  return { model, sha256: downloaded.sha256, checked: expected !== null };
}

export interface AddRequest {
  source: string;
  name?: string | undefined;
  engine?: LocalEngine | undefined;
  force: boolean;
  probe: boolean;
}

/** Registers a model copied by hand (offline installs): copies it into `modelsDir/<name>` after checking it. */
export async function addModel(modelsDir: string, add: AddRequest): Promise<InstalledModel> {
  const source = path.resolve(add.source);
  const info = await stat(source).catch(() => null);
  if (info === null) {
    throw new AppError('NOT_FOUND', `Не найдено: ${source}. Укажите папку распакованной модели или файл модели whisper.`);
  }
  const name = add.name ?? guessName(source);
  const engine = add.engine ?? findCatalogModel(name)?.engine ?? guessEngine(source, info.isFile());
  if (engine === undefined) {
    throw new AppError('INVALID_INPUT', `Не удалось определить движок для ${source}: укажите --engine (t-one, gigaam или whisper).`);
  }
  await mkdir(modelsDir, { recursive: true });
  const staging = await createStaging(modelsDir, name);
  await copyIntoStaging(source, staging, info.isFile());
  return await installStaged(modelsDir, staging, { name, engine, source, sha256: null, force: add.force, probe: add.probe });
}

function guessName(source: string): string {
  const base = path.basename(source).toLowerCase();
  if (base.includes('t-one')) {
    return 't-one';
  }
  if (base.includes('giga-am') || base.includes('gigaam')) {
    return 'gigaam-v2-ctc';
  }
  const whisper = /^ggml-([a-z0-9.-]+)\.bin$/.exec(base);
  if (whisper !== null) {
    return `whisper-${whisper[1] ?? 'model'}`;
  }
  return base.replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');
}

function guessEngine(source: string, isFile: boolean): LocalEngine | undefined {
  if (isFile) {
    return source.endsWith('.bin') ? 'whisper' : undefined;
  }
  const base = path.basename(source).toLowerCase();
  if (base.includes('t-one')) {
    return 't-one';
  }
  if (base.includes('giga-am') || base.includes('gigaam')) {
    return 'gigaam';
  }
  return base.includes('whisper') ? 'whisper' : undefined;
}
