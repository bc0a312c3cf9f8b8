import { jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';

import { isAppError } from '../lib/app-error.ts';
import { asrConfigSchema } from './asr-config.ts';
import type { TbankConfig } from './asr-config.ts';
import { TbankRecognizer } from './tbank.recognizer.ts';
import { QUICK_HTTP, silentClip, startMockService } from './testing/mock-service.ts';
import type { MockReply, MockRequest, MockService } from './testing/mock-service.ts';

const API_KEY = 'tbank-api-key';
const SECRET = Buffer.from('tbank-secret-bytes-for-signing!!');
let service: MockService | undefined;

afterEach(async () => {
  await service?.close();
  service = undefined;
});

/** A recognition response in the REST (snake_case, «1.5s» durations) form of VoiceKit's stt.proto. */
const RESPONSE = {
  results: [{
    alternatives: [{
      transcript: 'перезвоню вам в 15:00',
      confidence: -2.5,
      words: [
        { word: 'перезвоню', start_time: '0.400s', end_time: '0.900s', confidence: -1 },
        { word: 'вам', start_time: '0.950s', end_time: '1.100s', confidence: -1 },
        { word: 'в', start_time: '1.150s', end_time: '1.200s', confidence: -1 },
        { word: 'пятнадцать', start_time: '1.250s', end_time: '1.800s', confidence: -1 },
        { word: 'ноль', start_time: '1.850s', end_time: '2.100s', confidence: -1 },
        { word: 'ноль', start_time: '2.150s', end_time: '2.400s', confidence: -1 },
      ],
    }],
    channel: 0,
    start_time: '0.400s',
    end_time: '2.400s',
  }],
};

async function recognizerFor(replies: Record<string, MockReply[]>, settings: Partial<TbankConfig> = {}, secret = SECRET.toString('base64')): Promise<TbankRecognizer> {
  service = await startMockService((request: MockRequest) => {
    const queue = replies[request.path] ?? [];
    return queue.length > 1 ? (queue.shift() ?? {}) : (queue[0] ?? { status: 404 });
  });
  const config = asrConfigSchema.parse({ engine: 'tbank', baseUrl: service.url, pollIntervalSec: 0.01, ...QUICK_HTTP, ...settings }) as TbankConfig;
  return new TbankRecognizer(config, API_KEY, secret);
}

describe('TbankRecognizer', () => {
  it('polls a long-running operation until it is done', async () => {
    const recognizer = await recognizerFor({
      '/v1/stt:longrunningrecognize': [{ json: { id: 'op-7', state: 'ENQUEUED' } }],
      '/v1/operations/op-7': [{ json: { id: 'op-7', state: 'PROCESSING' } }, { json: { id: 'op-7', state: 'DONE', response: RESPONSE } }],
    });
    const [segment] = await recognizer.recognize(silentClip(3, 8000, 12), { language: 'ru' });

    expect(segment?.text).toBe('перезвоню вам в 15:00');
    expect(segment?.startSec).toBeCloseTo(12.4, 6);
    expect(segment?.confidence).toBeNull();
    expect(segment?.words.map((word) => word.text)).toEqual(['перезвоню', 'вам', 'в', '15', '00']);
    expect(segment?.words[3]?.startSec).toBeCloseTo(13.25, 6);
    expect(segment?.words[4]?.endSec).toBeCloseTo(14.4, 6);
    expect(service?.requests.filter((request) => request.path === '/v1/operations/op-7')).toHaveLength(2);
  });

  it('signs each request with a JWT for the stt audience', async () => {
    const recognizer = await recognizerFor({ '/v1/stt:recognize': [{ json: RESPONSE }] }, { mode: 'recognize' });
    await recognizer.recognize(silentClip(1, 8000), { language: 'ru' });

    const header = String(service?.requests[0]?.headers.authorization);
    expect(header).toMatch(/^Bearer /);
    const { payload, protectedHeader } = await jwtVerify(header.slice('Bearer '.length), new Uint8Array(SECRET), { audience: 'tinkoff.cloud.stt' });
    expect(protectedHeader).toMatchObject({ alg: 'HS256', kid: API_KEY });
    expect((payload.exp ?? 0) - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(600);
  });

  it('sends LINEAR16 audio with punctuation and digits on', async () => {
    const recognizer = await recognizerFor({ '/v1/stt:recognize': [{ json: RESPONSE }] }, { mode: 'recognize' });
    await recognizer.recognize(silentClip(2, 8000), { language: 'ru' });

    const body = JSON.parse(service?.requests[0]?.body.toString('utf8') ?? '{}') as { config: unknown; audio: { content: string } };
    expect(body.config).toMatchObject({ encoding: 'LINEAR16', sample_rate_hertz: 8000, num_channels: 1, enable_automatic_punctuation: true, enable_denormalization: true });
    expect(Buffer.from(body.audio.content, 'base64')).toHaveLength(2 * 8000 * 2);
  });

  it('retries 500 answers and then succeeds', async () => {
    const recognizer = await recognizerFor({ '/v1/stt:recognize': [{ status: 500 }, { status: 502 }, { json: RESPONSE }] }, { mode: 'recognize' });
    const segments = await recognizer.recognize(silentClip(1, 8000), { language: 'ru' });

    expect(segments).toHaveLength(1);
    expect(service?.requests).toHaveLength(3);
  });

  it.each([
    ['a failed operation', { '/v1/stt:longrunningrecognize': [{ json: { id: 'op-7', state: 'FAILED', error: { code: 3, message: 'bad audio' } } }] }, /операция op-7 завершилась ошибкой: bad audio/],
    ['a rejected token', { '/v1/stt:longrunningrecognize': [{ status: 401, json: { error: 'invalid token' } }] }, /HTTP 401 на шаге «отправка записи»: ключ не принят/],
    ['lasting server errors', { '/v1/stt:longrunningrecognize': [{ status: 503 }] }, /HTTP 503 на шаге «отправка записи»: сбой на стороне сервиса/],
    ['an operation without an id', { '/v1/stt:longrunningrecognize': [{ json: { state: 'DONE' } }] }, /нет идентификатора или состояния операции/],
  ])('reports %s in Russian', async (_name, replies, message) => {
    const recognizer = await recognizerFor(replies);
    const error: unknown = await recognizer.recognize(silentClip(1, 8000), { language: 'ru' }).catch((caught: unknown) => caught);

    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects an empty secret key at start', async () => {
    await expect(recognizerFor({}, {}, '')).rejects.toThrow(/секретный ключ .* пуст/);
  });
});
