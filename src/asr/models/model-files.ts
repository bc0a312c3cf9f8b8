import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

import { AppError } from '../../lib/app-error.ts';
import { LAYOUTS } from './model-catalog.ts';
import type { LocalEngine } from './model-catalog.ts';

/** The files of one local model, checked to exist and to look like what the engine loads. */
export interface ModelFiles {
  model: string;
  tokens: string | null;
}

const INSTALL_HINT = 'Установите модель командой «okk models pull ИМЯ» или скопируйте её вручную и выполните «okk models add ПАПКА» (см. docs/asr.md).';

/**
 * Finds the model files for an engine. `setting` is a model name from the models folder or a path to a model
 * folder (or, for whisper, to the model file itself). Each file is checked before any native code sees it:
 * a corrupt ONNX file aborts the whole process inside onnxruntime instead of raising an error.
 */
export async function resolveModelFiles(engine: LocalEngine, setting: string, modelsDir: string): Promise<ModelFiles> {
  const location = isPath(setting) ? path.resolve(setting) : path.join(modelsDir, setting);
  const info = await stat(location).catch(() => null);
  if (info === null) {
    throw new AppError('MODEL_MISSING', `Модель «${setting}» для движка ${engine} не найдена: нет ${location}. ${INSTALL_HINT}`);
  }
  if (info.isFile()) {
    return await checkFiles(engine, { model: location, tokens: null });
  }
  const layout = LAYOUTS[engine];
  const names = await readdir(location);
  const model = layout.model.map((pattern) => names.find((name) => matches(pattern, name))).find((name) => name !== undefined);
  if (model === undefined) {
    throw new AppError('MODEL_MISSING', `В папке модели ${location} нет файла ${layout.model.join(' или ')}. ${INSTALL_HINT}`);
  }
  const tokens = layout.tokens === null ? null : path.join(location, layout.tokens);
  return await checkFiles(engine, { model: path.join(location, model), tokens });
}

async function checkFiles(engine: LocalEngine, files: ModelFiles): Promise<ModelFiles> {
  await checkModelFile(engine, files.model);
  if (files.tokens !== null) {
    await checkTokens(files.tokens);
  }
  return files;
}

async function checkModelFile(engine: LocalEngine, file: string): Promise<void> {
  const head = await readHead(file, 8);
  if (head === null) {
    throw new AppError('MODEL_MISSING', `Файл модели ${file} не найден или не читается. ${INSTALL_HINT}`);
  }
  if (head.length === 0) {
    throw new AppError('MODEL_MISSING', `Файл модели ${file} пуст — загрузка, видимо, прервалась. Удалите его и установите модель заново. ${INSTALL_HINT}`);
  }
  if (engine === 'whisper') {
    // whisper.cpp files start with the magic 0x67676d6c ("ggml") written little-endian.
    if (head.readUInt32LE(0) !== 0x67676d6c) {
      throw new AppError('MODEL_MISSING', `Файл ${file} не является моделью whisper.cpp в формате ggml (нет сигнатуры «ggml»). Нужен файл вида ggml-small.bin, а не модель PyTorch или ONNX. ${INSTALL_HINT}`);
    }
    return;
  }
  // An ONNX model is a protobuf ModelProto; its first field is ir_version (field 1, varint), so byte 0 is 0x08.
  if (head[0] !== 0x08) {
    throw new AppError('MODEL_MISSING', `Файл ${file} не похож на модель ONNX (повреждён или это другой формат). Установите модель заново. ${INSTALL_HINT}`);
  }
}

async function checkTokens(file: string): Promise<void> {
  const head = await readHead(file, 4096);
  if (head === null) {
    throw new AppError('MODEL_MISSING', `Нет таблицы токенов ${file}: она лежит рядом с моделью в том же архиве. ${INSTALL_HINT}`);
  }
  const firstLine = head.toString('utf8').split('\n')[0] ?? '';
  // sherpa-onnx token tables have one «token id» pair per line.
  if (!/^\S+\s+\d+\s*$/.test(firstLine) && !/^\s+\d+\s*$/.test(firstLine)) {
    throw new AppError('MODEL_MISSING', `Файл ${file} не похож на таблицу токенов sherpa-onnx (ожидались строки «токен номер»). Установите модель заново. ${INSTALL_HINT}`);
  }
}

async function readHead(file: string, bytes: number): Promise<Buffer | null> {
  const handle = await open(file, 'r').catch(() => null);
  if (handle === null) {
    return null;
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isPath(setting: string): boolean {
  return setting.includes('/') || setting.includes('\\') || setting.startsWith('.');
}

function matches(pattern: string, name: string): boolean {
  return pattern.startsWith('*') ? name.endsWith(pattern.slice(1)) : name === pattern;
}
