import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { asrConfigSchema } from './asr-config.ts';
import { createRecognizer } from './create-recognizer.ts';

let modelsDir = '';

beforeAll(async () => {
  modelsDir = await mkdtemp(path.join(tmpdir(), 'okk-models-'));
});

afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

const TOKENS = 'а 0\nб 1\n<blk> 2\n';

/** Writes a model folder with the given files (name → content) and returns its path. */
async function modelFolder(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const folder = path.join(modelsDir, name);
  await mkdir(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    await writeFile(path.join(folder, file), content);
  }
  return folder;
}

async function failureOf(settings: Record<string, unknown>): Promise<Error> {
  const config = asrConfigSchema.parse(settings);
  const error: unknown = await createRecognizer(config, { modelsDir, env: {} }).catch((caught: unknown) => caught);
  if (!(error instanceof Error)) {
    throw new Error('the engine was created although the model is unusable');
  }
  return error;
}

// Starts like a protobuf ModelProto (field 1, varint) but is random after that: onnxruntime rejects it with a
// C++ exception that would abort the test process if the model were loaded in it.
const FAKE_ONNX = Buffer.concat([Buffer.from([0x08, 0x07, 0x12, 0x40]), Buffer.alloc(4096, 0x5a)]);

describe('local engines: model checks', () => {
  it.each([
    ['t-one', 't-one'],
    ['gigaam', 'gigaam-v2-ctc'],
    ['whisper', 'whisper-small'],
  ])('%s names the missing model and the command to install it', async (engine, model) => {
    const error = await failureOf({ engine });

    expect((error as { code?: unknown }).code).toBe('MODEL_MISSING');
    expect(error.message).toContain(`Модель «${model}»`);
    expect(error.message).toContain(path.join(modelsDir, model));
    expect(error.message).toContain('okk models pull');
  });

  it.each([
    ['an empty model file', { 'model.onnx': '', 'tokens.txt': TOKENS }, /model\.onnx пуст/],
    ['a model that is not ONNX', { 'model.onnx': 'PK\u0003\u0004 zip archive', 'tokens.txt': TOKENS }, /model\.onnx не похож на модель ONNX/],
    ['no token table', { 'model.onnx': FAKE_ONNX }, /Нет таблицы токенов .*tokens\.txt/],
    ['a token table of another format', { 'model.onnx': FAKE_ONNX, 'tokens.txt': '{"a": 0}' }, /tokens\.txt не похож на таблицу токенов/],
    ['no model file in the folder', { 'tokens.txt': TOKENS }, /нет файла model\.onnx/],
  ])('t-one rejects %s', async (_name, files, message) => {
    const folder = await modelFolder(`t-one-${String(Math.random()).slice(2)}`, files);
    const error = await failureOf({ engine: 't-one', model: folder });

    expect((error as { code?: unknown }).code).toBe('MODEL_MISSING');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['t-one', 'model.onnx'],
    ['gigaam', 'model.int8.onnx'],
  ])('%s reports a corrupt ONNX model without crashing', async (engine, file) => {
    const folder = await modelFolder(`${engine}-corrupt`, { [file]: FAKE_ONNX, 'tokens.txt': TOKENS });
    const error = await failureOf({ engine, model: folder });

    expect((error as { code?: unknown }).code).toBe('MODEL_MISSING');
    expect(error.message).toContain(`Модель ${path.join(folder, file)} не загружается в sherpa-onnx`);
    expect(error.message).toContain('Protobuf parsing failed');
  });

  it('whisper rejects a file without the ggml signature', async () => {
    const folder = await modelFolder('whisper-onnx', { 'model.bin': FAKE_ONNX });
    const error = await failureOf({ engine: 'whisper', model: folder });

    expect(error.message).toMatch(/model\.bin не является моделью whisper\.cpp в формате ggml/);
  });

  it('whisper reports a corrupt ggml file', async () => {
    const folder = await modelFolder('whisper-corrupt', { 'ggml-small.bin': Buffer.concat([Buffer.from('lmgg', 'ascii'), Buffer.alloc(64, 1)]) });
    const error = await failureOf({ engine: 'whisper', model: path.join(folder, 'ggml-small.bin') });

    expect((error as { code?: unknown }).code).toBe('MODEL_MISSING');
    expect(error.message).toContain(`Модель whisper ${path.join(folder, 'ggml-small.bin')} не загружается`);
  });
});

describe('HTTP engines: keys', () => {
  it.each([
    ['yandex', /Yandex SpeechKit.*asr\.apiKey.*OKK_YANDEX_API_KEY/],
    ['salute', /SaluteSpeech.*asr\.authKey.*OKK_SALUTE_AUTH_KEY/],
    ['tbank', /T-Bank VoiceKit.*asr\.apiKey и asr\.secretKey.*OKK_TBANK_API_KEY/],
  ])('%s says which key is missing', async (engine, message) => {
    const error = await failureOf({ engine });

    expect((error as { code?: unknown }).code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(message);
  });

  it('takes keys from the environment', async () => {
    const config = asrConfigSchema.parse({ engine: 'salute' });
    const recognizer = await createRecognizer(config, { modelsDir, env: { OKK_SALUTE_AUTH_KEY: 'key' } });
    expect(recognizer.name).toBe('salute');
  });
});
