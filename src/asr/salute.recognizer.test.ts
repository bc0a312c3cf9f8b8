import { afterEach, describe, expect, it } from 'vitest';

import { isAppError } from '../lib/app-error.ts';
import { asrConfigSchema } from './asr-config.ts';
import type { SaluteConfig } from './asr-config.ts';
import { SaluteRecognizer } from './salute.recognizer.ts';
import { QUICK_HTTP, silentClip, startMockService } from './testing/mock-service.ts';
import type { MockReply, MockRequest, MockService } from './testing/mock-service.ts';

const AUTH_KEY = 'c2FsdXRlLWNsaWVudDpzZWNyZXQ=';
let service: MockService | undefined;

afterEach(async () => {
  await service?.close();
  service = undefined;
});

/** The result file as the SaluteSpeech documentation describes it: one entry per utterance. */
const RESULT_FILE = [
  {
    results: [{
      text: 'добрый день меня зовут анна',
      normalized_text: 'Добрый день, меня зовут Анна.',
      start: '0.480s',
      end: '2.100s',
      word_alignments: [
        { word: 'добрый', start: '0.480s', end: '0.800s' },
        { word: 'день', start: '0.820s', end: '1.100s' },
        { word: 'меня', start: '1.200s', end: '1.400s' },
        { word: 'зовут', start: '1.420s', end: '1.700s' },
        { word: 'анна', start: '1.750s', end: '2.100s' },
      ],
    }],
    eou: true,
    channel: 0,
    speaker_info: { speaker_id: -1, main_speaker_confidence: 1 },
    processed_audio_start: '0s',
    processed_audio_end: '2.500s',
  },
  { results: [{ text: 'добрый день', normalized_text: 'Добрый день', start: '0.480s', end: '1.100s' }], eou: false, channel: 0 },
];

interface Script {
  token?: MockReply;
  task?: MockReply[];
}

async function recognizerFor(script: Script = {}): Promise<SaluteRecognizer> {
  const task = [...(script.task ?? [{ json: { status: 200, result: { id: 'task-1', status: 'DONE', response_file_id: 'result-1' } } }])];
  service = await startMockService((request: MockRequest) => {
    switch (request.path) {
      case '/oauth':
        return script.token ?? { json: { access_token: 'salute-token', expires_at: Date.now() + 30 * 60_000 } };
      case '/rest/v1/data:upload':
        return { json: { status: 200, result: { request_file_id: 'file-1' } } };
      case '/rest/v1/speech:async_recognize':
        return { json: { status: 200, result: { id: 'task-1', status: 'NEW' } } };
      case '/rest/v1/task:get':
        return task.length > 1 ? (task.shift() ?? {}) : (task[0] ?? {});
      case '/rest/v1/data:download':
        return { json: RESULT_FILE };
      default:
        return { status: 404 };
    }
  });
  const config = asrConfigSchema.parse({
    engine: 'salute',
    oauthUrl: `${service.url}/oauth`,
    baseUrl: `${service.url}/rest/v1`,
    pollIntervalSec: 0.01,
    ...QUICK_HTTP,
  }) as SaluteConfig;
  return new SaluteRecognizer(config, AUTH_KEY);
}

function requestsTo(path: string): MockRequest[] {
  return service?.requests.filter((request) => request.path === path) ?? [];
}

describe('SaluteRecognizer', () => {
  it('runs token, upload, task, polling and download', async () => {
    const recognizer = await recognizerFor({
      task: [
        { json: { status: 200, result: { id: 'task-1', status: 'NEW' } } },
        { json: { status: 200, result: { id: 'task-1', status: 'RUNNING' } } },
        { json: { status: 200, result: { id: 'task-1', status: 'DONE', response_file_id: 'result-1' } } },
      ],
    });
    const segments = await recognizer.recognize(silentClip(3, 8000, 30), { language: 'ru' });

    expect(segments).toHaveLength(1);
    expect(segments[0]?.text).toBe('Добрый день, меня зовут Анна.');
    expect(segments[0]?.startSec).toBeCloseTo(30.48, 6);
    expect(segments[0]?.words.map((word) => word.text)).toEqual(['Добрый', 'день', 'меня', 'зовут', 'Анна']);
    expect(segments[0]?.words[4]?.endSec).toBeCloseTo(32.1, 6);
    expect(requestsTo('/rest/v1/task:get')).toHaveLength(3);
    expect(requestsTo('/rest/v1/data:download')[0]?.query.get('response_file_id')).toBe('result-1');
  });

  it('asks for a token with RqUID and the authorization key', async () => {
    const recognizer = await recognizerFor();
    await recognizer.recognize(silentClip(1, 8000), { language: 'ru' });

    const [oauth] = requestsTo('/oauth');
    expect(oauth?.headers.authorization).toBe(`Basic ${AUTH_KEY}`);
    expect(String(oauth?.headers.rquid)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(oauth?.body.toString('utf8')).toBe('scope=SALUTE_SPEECH_PERS');
    expect(requestsTo('/rest/v1/data:upload')[0]?.headers.authorization).toBe('Bearer salute-token');
  });

  it('uploads 16-bit PCM and describes it in the task', async () => {
    const recognizer = await recognizerFor();
    await recognizer.recognize(silentClip(2, 8000), { language: 'ru' });

    expect(requestsTo('/rest/v1/data:upload')[0]?.body).toHaveLength(2 * 8000 * 2);
    const task = JSON.parse(requestsTo('/rest/v1/speech:async_recognize')[0]?.body.toString('utf8') ?? '{}') as unknown;
    expect(task).toMatchObject({ request_file_id: 'file-1', options: { audio_encoding: 'PCM_S16LE', sample_rate: 8000, language: 'ru-RU', channels_count: 1 } });
  });

  it('reuses the token until it expires', async () => {
    const recognizer = await recognizerFor();
    await recognizer.recognize(silentClip(1, 8000), { language: 'ru' });
    await recognizer.recognize(silentClip(1, 8000), { language: 'ru' });

    expect(requestsTo('/oauth')).toHaveLength(1);
  });

  it.each([
    ['a rejected authorization key', { token: { status: 401, json: { code: 6, message: "credentials doesn't match db data" } } }, /SaluteSpeech: ошибка HTTP 401 на шаге «получение токена»: ключ не принят/],
    ['a failed task', { task: [{ json: { status: 200, result: { id: 'task-1', status: 'ERROR', error: 'unsupported audio' } } }] }, /задача task-1 завершилась со статусом ERROR: unsupported audio/],
    ['a token answer without a token', { token: { json: { expires_at: 1 } } }, /непонятный ответ на шаге «получение токена»/],
  ])('reports %s in Russian', async (_name, script, message) => {
    const recognizer = await recognizerFor(script);
    const error: unknown = await recognizer.recognize(silentClip(1, 8000), { language: 'ru' }).catch((caught: unknown) => caught);

    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(AUTH_KEY);
  });
});
