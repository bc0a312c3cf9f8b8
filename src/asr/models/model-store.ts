import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import * as tar from 'tar';
import unbzip2Stream from 'unbzip2-stream';
import { z } from 'zod';

import { AppError } from '../../lib/app-error.ts';
import { probeSherpaRecognizer } from '../sherpa-onnx.ts';
import type { LocalEngine } from './model-catalog.ts';
import { resolveModelFiles } from './model-files.ts';
import type { ModelFiles } from './model-files.ts';

/** File in each installed model folder that records what it is; a folder without it is not a model. */
export const MANIFEST = 'okk-model.json';

const manifestSchema = z.object({
  name: z.string(),
  engine: z.enum(['t-one', 'gigaam', 'whisper']),
  source: z.string(),
  sha256: z.string().nullable(),
  installedAt: z.string(),
});

export type ModelManifest = z.infer<typeof manifestSchema>;

export interface InstalledModel extends ModelManifest {
  path: string;
}

const NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** Lists the models installed in `modelsDir`, by name. */
export async function listInstalledModels(modelsDir: string): Promise<InstalledModel[]> {
  const entries = await readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  const models: InstalledModel[] = [];
  for (const entry of entries.filter((item) => item.isDirectory() && !item.name.startsWith('.'))) {
    const folder = path.join(modelsDir, entry.name);
    const manifest = manifestSchema.safeParse(await readFile(path.join(folder, MANIFEST), 'utf8').then((text) => JSON.parse(text) as unknown, () => null));
    if (manifest.success) {
      models.push({ ...manifest.data, path: folder });
    }
  }
  return models.sort((left, right) => left.name.localeCompare(right.name));
}

export interface InstallOptions {
  name: string;
  engine: LocalEngine;
  source: string;
  sha256: string | null;
  /** Replace an installed model of the same name. */
  force: boolean;
  /** Load ONNX models in a child process to prove they work; whisper files are checked by format only. */
  probe: boolean;
}

/**
 * Installs a model folder prepared in a staging folder inside `modelsDir`: checks the files the engine needs,
 * writes the manifest and renames the staging folder into place, so a model is either fully installed or not
 * at all. The staging folder is removed on failure.
 */
export async function installStaged(modelsDir: string, staging: string, options: InstallOptions): Promise<InstalledModel> {
  try {
    const target = path.join(modelsDir, options.name);
    const existing = (await listInstalledModels(modelsDir)).find((model) => model.name === options.name);
    if (existing !== undefined && !options.force) {
      throw new AppError('CONFLICT', `Модель «${options.name}» уже установлена в ${target}. Добавьте --force, чтобы заменить её.`);
    }
    await checkModel(options.engine, staging, options.probe).catch((error: unknown) => {
      // The checks ran on the staging copy; the user knows the files by where they came from.
      throw error instanceof AppError ? new AppError(error.code, error.message.replaceAll(staging, options.source), { cause: error }) : error;
    });
    const manifest: ModelManifest = { name: options.name, engine: options.engine, source: options.source, sha256: options.sha256, installedAt: new Date().toISOString() };
    await writeFile(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    return { ...manifest, path: target };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function checkModel(engine: LocalEngine, folder: string, probe: boolean): Promise<ModelFiles> {
  const files = await resolveModelFiles(engine, folder, folder);
  if (probe && engine !== 'whisper') {
    const config = engine === 't-one'
      ? { featConfig: { sampleRate: 8000, featureDim: 80 }, modelConfig: { toneCtc: { model: files.model }, tokens: files.tokens, numThreads: 1, debug: 0 } }
      : { featConfig: { sampleRate: 16000, featureDim: 64 }, modelConfig: { nemoCtc: { model: files.model }, tokens: files.tokens, numThreads: 1, debug: 0 } };
    await probeSherpaRecognizer(engine === 't-one' ? 'OnlineRecognizer' : 'OfflineRecognizer', config, files.model);
  }
  return files;
}

/** Creates an empty staging folder in `modelsDir` (same file system, so the final rename is atomic). */
export async function createStaging(modelsDir: string, name: string): Promise<string> {
  assertModelName(name);
  const staging = path.join(modelsDir, `.staging-${name}-${randomBytes(4).toString('hex')}`);
  await mkdir(staging, { recursive: true });
  return staging;
}

/** Unpacks a `.tar.bz2` archive as sherpa-onnx publishes models: one top folder, whose content lands in `folder`. */
export async function unpackTarBz2(archive: string, folder: string): Promise<void> {
  try {
    await pipeline(createReadStream(archive), unbzip2Stream(), tar.x({ cwd: folder, strip: 1, strict: true }));
  } catch (error) {
    throw new AppError('INVALID_INPUT', `Архив ${archive} не распаковывается как .tar.bz2: ${(error as Error).message}. Загрузите его заново.`, { cause: error });
  }
}

/** Copies a model folder (or a single model file) a user placed by hand into a staging folder. */
export async function copyIntoStaging(source: string, staging: string, isFile: boolean): Promise<void> {
  const target = isFile ? path.join(staging, path.basename(source)) : staging;
  await cp(source, target, { recursive: !isFile, errorOnExist: false, filter: (file) => path.basename(file) !== MANIFEST });
}

export function assertModelName(name: string): void {
  if (!NAME.test(name)) {
    throw new AppError('INVALID_INPUT', `Недопустимое имя модели «${name}»: используйте латинские буквы в нижнем регистре, цифры, точку, дефис и подчёркивание.`);
  }
}
