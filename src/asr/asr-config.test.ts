import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../lib/config.ts';
import { loadAsrConfig } from './asr-config.ts';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'okk-asr-config-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function asrSectionOf(section: unknown): Promise<ReturnType<typeof loadAsrConfig>> {
  const file = path.join(folder, `${String(Math.random()).slice(2)}.json`);
  await writeFile(file, JSON.stringify(section === undefined ? {} : { asr: section }));
  return loadAsrConfig(loadConfig({ OKK_CONFIG: file }, folder));
}

describe('loadAsrConfig', () => {
  it('defaults to the local T-one engine', async () => {
    expect(await asrSectionOf(undefined)).toEqual({ engine: 't-one', model: 't-one', threads: 2 });
  });

  it('fills the defaults of an HTTP engine', async () => {
    const config = await asrSectionOf({ engine: 'yandex', apiKey: 'k' });
    expect(config).toMatchObject({ engine: 'yandex', sttUrl: 'https://stt.api.cloud.yandex.net', timeoutSec: 120, retries: 3, normalization: true });
  });

  it.each([
    [{ engine: 'google' }, /asr\.engine/],
    [{ engine: 'openai', baseUrl: 'not a url' }, /asr\.baseUrl/],
    [{ engine: 'tbank', retries: -1 }, /asr\.retries/],
    [{ engine: 'gigaam', chunkSec: 60 }, /asr\.chunkSec/],
  ])('rejects %j naming the setting', async (section, message) => {
    await expect(asrSectionOf(section)).rejects.toThrow(message);
    await expect(asrSectionOf(section)).rejects.toThrow(/^Ошибка в настройках/);
  });
});
