import { readFileSync } from 'node:fs';

import { afterEach, describe, expect, it } from 'vitest';

import { corpusPath } from '../../test/corpus.ts';
import { isAppError } from '../lib/app-error.ts';
import { asrConfigSchema } from './asr-config.ts';
import type { YandexConfig } from './asr-config.ts';
import { QUICK_HTTP, silentClip, startMockService } from './testing/mock-service.ts';
import type { MockReply, MockRequest, MockService } from './testing/mock-service.ts';
import { YandexRecognizer } from './yandex.recognizer.ts';
import type { YandexCredentials } from './yandex.recognizer.ts';

const REAL_RESULT = readFileSync(corpusPath('asr-formats', 'yandex', 'speechkit-v3-getRecognition-ru.ndjson'), 'utf8');
let service: MockService | undefined;

afterEach(async () => {
  await service?.close();
  service = undefined;
});

interface Script {
  submit?: MockReply[];
  operation?: MockReply[];
  result?: MockReply;
}

/** A SpeechKit mock: `recognizeFileAsync`, then the operation replies in turn, then `getRecognition`. */
async function recognizerFor(script: Script, credentials: YandexCredentials = { apiKey: 'yc-api-key' }, settings: Partial<YandexConfig> = {}): Promise<YandexRecognizer> {
  const submit = [...(script.submit ?? [])];
  const operation = [...(script.operation ?? [{ json: { id: 'op-1', done: true } }])];
  service = await startMockService((request: MockRequest) => {
    if (request.path === '/stt/v3/recognizeFileAsync') {
      return submit.shift() ?? { json: { id: 'op-1', done: false } };
    }
    if (request.path === '/operations/op-1') {
      return operation.length > 1 ? (operation.shift() ?? {}) : (operation[0] ?? {});
    }
    if (request.path === '/stt/v3/getRecognition') {
      return script.result ?? { text: REAL_RESULT };
    }
    return { status: 404 };
  });
  const config = asrConfigSchema.parse({ engine: 'yandex', sttUrl: service.url, operationUrl: service.url, pollIntervalSec: 0.01, ...QUICK_HTTP, ...settings }) as YandexConfig;
  return new YandexRecognizer(config, credentials);
}

function ndjson(...objects: unknown[]): string {
  return objects.map((object) => JSON.stringify(object)).join('\n');
}

describe('YandexRecognizer', () => {
  it('recognizes the documented answer after several polls', async () => {
    const recognizer = await recognizerFor({ operation: [{ json: { id: 'op-1', done: false } }, { json: { id: 'op-1', done: false } }, { json: { id: 'op-1', done: true } }] });
    const segments = await recognizer.recognize(silentClip(8, 8000, 60), { language: 'ru' });

    expect(segments).toHaveLength(1);
    expect(segments[0]?.text).toBe('Я яндекс спичкит я могу превратить любой текст в речь теперь и вы можете');
    expect(segments[0]?.startSec).toBe(60);
    expect(segments[0]?.endSec).toBeCloseTo(67.4, 6);
    expect(segments[0]?.words).toHaveLength(14);
    expect(segments[0]?.words[0]).toEqual({ text: 'Я', startSec: 60.459, endSec: 60.52, confidence: null });
    expect(service?.requests.filter((request) => request.path === '/operations/op-1')).toHaveLength(3);
    expect(service?.requests.at(-1)?.query.get('operationId')).toBe('op-1');
  });

  it('sends raw PCM with normalisation and the API key', async () => {
    const recognizer = await recognizerFor({});
    await recognizer.recognize(silentClip(3, 8000), { language: 'ru' });

    const submit = service?.requests[0];
    expect(submit?.headers.authorization).toBe('Api-Key yc-api-key');
    const body = JSON.parse(submit?.body.toString('utf8') ?? '{}') as { content: string; recognitionModel: Record<string, unknown> };
    expect(Buffer.from(body.content, 'base64')).toHaveLength(3 * 8000 * 2);
    expect(body.recognitionModel).toMatchObject({
      model: 'general',
      audioFormat: { rawAudio: { audioEncoding: 'LINEAR16_PCM', sampleRateHertz: '8000', audioChannelCount: '1' } },
      textNormalization: { textNormalization: 'TEXT_NORMALIZATION_ENABLED' },
      languageRestriction: { restrictionType: 'WHITELIST', languageCode: ['ru-RU'] },
    });
  });

  it('sends an IAM token with the folder id', async () => {
    const recognizer = await recognizerFor({}, { iamToken: 't1.iam', folderId: 'b1g-folder' });
    await recognizer.recognize(silentClip(1, 16000), { language: 'ru' });

    expect(service?.requests[0]?.headers.authorization).toBe('Bearer t1.iam');
    expect(service?.requests[0]?.headers['x-folder-id']).toBe('b1g-folder');
  });

  it('aligns spoken words with the digits of the normalised text', async () => {
    const spokenWords = ['мой', 'номер', 'восемь', 'девятьсот', 'шестнадцать', 'записали'].map((text, position) => ({ text, startTimeMs: String(position * 500), endTimeMs: String(position * 500 + 400) }));
    const result = ndjson(
      { result: { audioCursors: { finalIndex: '0' }, final: { alternatives: [{ words: spokenWords, text: 'мой номер восемь девятьсот шестнадцать записали', startTimeMs: '0', endTimeMs: '3000' }], channelTag: '0' }, channelTag: '0' } },
      { result: { finalRefinement: { finalIndex: '0', normalizedText: { alternatives: [{ words: spokenWords, text: 'Мой номер 8 916, записали.', startTimeMs: '0', endTimeMs: '3000' }], channelTag: '0' } }, channelTag: '0' } },
    );
    const recognizer = await recognizerFor({ result: { text: result } });
    const [segment] = await recognizer.recognize(silentClip(3, 8000), { language: 'ru' });

    expect(segment?.text).toBe('Мой номер 8 916, записали.');
    expect(segment?.words.map((word) => [word.text, word.startSec, word.endSec])).toEqual([
      ['Мой', 0, 0.4],
      ['номер', 0.5, 0.9],
      ['8', 1, 1.4],
      ['916', 1.5, 2.4],
      ['записали', 2.5, 2.9],
    ]);
  });

  it('keeps spoken words when normalisation is off', async () => {
    const result = ndjson({ result: { final: { alternatives: [{ words: [{ text: 'алло', startTimeMs: '100', endTimeMs: '400' }], text: 'алло', startTimeMs: '0', endTimeMs: '500' }] } } });
    const recognizer = await recognizerFor({ result: { text: result } }, { apiKey: 'k' }, { normalization: false });
    const [segment] = await recognizer.recognize(silentClip(1, 8000), { language: 'ru' });

    expect(segment?.words).toEqual([{ text: 'алло', startSec: 0.1, endSec: 0.4, confidence: null }]);
  });

  it('retries the submission after 429', async () => {
    const recognizer = await recognizerFor({ submit: [{ status: 429, json: { message: 'quota' } }, { json: { id: 'op-1', done: false } }] });
    const segments = await recognizer.recognize(silentClip(1, 8000), { language: 'ru' });

    expect(segments).toHaveLength(1);
    expect(service?.requests.filter((request) => request.path === '/stt/v3/recognizeFileAsync')).toHaveLength(2);
  });

  it.each([
    ['a rejected key', { submit: [{ status: 401, json: { code: 16, message: 'Unknown api key' } }] }, /HTTP 401 на шаге «отправка записи»: ключ не принят/],
    ['a failed operation', { operation: [{ json: { id: 'op-1', done: true, error: { code: 3, message: 'audio is too long' } } }] }, /распознавание завершилось ошибкой: audio is too long \(код 3\)/],
    ['a broken result line', { result: { text: `${REAL_RESULT.split('\n')[0] ?? ''}\n{"result": ` } }, /непонятный ответ на шаге «получение результата»: строка 2/],
    ['an answer without an operation id', { submit: [{ json: { done: false } }] }, /нет идентификатора операции/],
  ])('reports %s in Russian', async (_name, script, message) => {
    const recognizer = await recognizerFor(script);
    const error: unknown = await recognizer.recognize(silentClip(1, 8000), { language: 'ru' }).catch((caught: unknown) => caught);

    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('yc-api-key');
  });

  it('stops waiting after maxWaitSec', async () => {
    const recognizer = await recognizerFor({ operation: [{ json: { id: 'op-1', done: false } }] }, { apiKey: 'k' }, { maxWaitSec: 0.05 });
    const error: unknown = await recognizer.recognize(silentClip(1, 8000), { language: 'ru' }).catch((caught: unknown) => caught);

    expect((error as { code?: unknown }).code).toBe('UPSTREAM_TIMEOUT');
    expect((error as Error).message).toContain('не завершилась за 0.05 с');
  });
});
