import { readFileSync } from 'node:fs';

import { afterEach, describe, expect, it } from 'vitest';

import { corpusPath } from '../../test/corpus.ts';
import { asrConfigSchema } from './asr-config.ts';
import type { OpenAiConfig } from './asr-config.ts';
import { OpenAiRecognizer } from './openai.recognizer.ts';
import { formDataOf, QUICK_HTTP, silentClip, startMockService } from './testing/mock-service.ts';
import type { MockReply, MockRequest, MockService } from './testing/mock-service.ts';

const KEY = 'sk-test-secret-key';
let service: MockService | undefined;

afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function recognizerFor(handle: (request: MockRequest) => MockReply | Promise<MockReply>, settings: Partial<OpenAiConfig> = {}): Promise<OpenAiRecognizer> {
  service = await startMockService(handle);
  const config = asrConfigSchema.parse({ engine: 'openai', baseUrl: service.url, ...QUICK_HTTP, ...settings }) as OpenAiConfig;
  return new OpenAiRecognizer(config, KEY);
}

function corpusJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(corpusPath('asr-formats', ...parts), 'utf8'));
}

/** The whisper.cpp server sample is cut after its second word as published; this closes its JSON there. */
function whisperCppServerSample(): unknown {
  const text = readFileSync(corpusPath('asr-formats', 'whisper-cpp', 'server-verbose_json.txt'), 'utf8');
  const json = text.split('\n').filter((line) => !line.startsWith('#')).join('\n');
  return JSON.parse(`${json.slice(0, json.lastIndexOf('}') + 1)}]}]}`);
}

describe('OpenAiRecognizer', () => {
  it('sends a verbose_json request with word timestamps', async () => {
    const recognizer = await recognizerFor(() => ({ json: corpusJson('openai', 'verbose_json-segments.json') }));
    await recognizer.recognize(silentClip(2, 8000), { language: 'ru' });

    const request = service?.requests[0];
    if (request === undefined) {
      throw new Error('the mock service received no request');
    }
    expect(request.path).toBe('/v1/audio/transcriptions');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    const form = await formDataOf(request);
    expect(form.get('response_format')).toBe('verbose_json');
    expect(form.getAll('timestamp_granularities[]')).toEqual(['word', 'segment']);
    expect(form.get('language')).toBe('ru');
    expect(form.get('model')).toBe('whisper-1');
    // No prompt: text of an earlier chunk fed back as one is how a hallucinated line repeats chunk after chunk.
    expect(form.get('prompt')).toBeNull();
    const file = form.get('file') as File;
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 4).toString('ascii')).toBe('RIFF');
    // 2 s resampled to 16 kHz, 16-bit, plus the 44-byte header.
    expect(file.size).toBe(44 + 2 * 16000 * 2);
  });

  it('reads OpenAI segments and adds the clip offset', async () => {
    const recognizer = await recognizerFor(() => ({ json: corpusJson('openai', 'verbose_json-segments.json') }));
    const [segment] = await recognizer.recognize(silentClip(9, 16000, 100), { language: 'ru' });

    expect(segment?.text).toBe('The beach was a popular spot on a hot summer day.');
    expect(segment?.startSec).toBe(100);
    expect(segment?.endSec).toBeCloseTo(103.32, 5);
    expect(segment?.confidence).toBeCloseTo(Math.exp(-0.2860786020755768), 9);
  });

  it('falls back to the text when segments are missing', async () => {
    const recognizer = await recognizerFor(() => ({ json: corpusJson('openai', 'verbose_json-words.json') }));
    const segments = await recognizer.recognize(silentClip(9, 16000, 10), { language: 'ru' });

    expect(segments).toHaveLength(1);
    expect(segments[0]?.text).toMatch(/^The beach was a popular spot/);
    expect(segments[0]?.startSec).toBe(10);
    expect(segments[0]?.words.map((word) => [word.text, word.startSec])).toEqual([['The', 10], ['volleyball', 17.400000095367432]]);
  });

  it('reads the words inside whisper.cpp server segments', async () => {
    const recognizer = await recognizerFor(() => ({ json: whisperCppServerSample() }));
    const [segment] = await recognizer.recognize(silentClip(6, 16000), { language: 'ru' });

    expect(segment?.text).toBe("That's one small step for man.");
    expect(segment?.words.map((word) => [word.text, word.startSec, word.endSec, word.confidence])).toEqual([
      ['That', 0.16, 0.31, 0.31418749690055847],
      ["'s", 0.38, 0.49, 0.8378852009773254],
    ]);
  });

  it('keeps times exact across chunks of a long call', async () => {
    // Every chunk reports one segment one second into it; the last must land at its chunk's real offset + 1 s.
    const recognizer = await recognizerFor(() => ({ json: { text: 'алло', segments: [{ start: 1, end: 2, text: 'алло' }] } }), { chunkSec: 300 });
    const clip = silentClip(20 * 60 + 7.3, 8000, 5);
    const segments = await recognizer.recognize(clip, { language: 'ru' });

    const chunkCount = service?.requests.length ?? 0;
    expect(chunkCount).toBe(5);
    expect(segments).toHaveLength(chunkCount);
    let expectedOffset = 5;
    for (const [position, request] of (service?.requests ?? []).entries()) {
      expect(segments[position]?.startSec).toBeCloseTo(expectedOffset + 1, 6);
      const file = (await formDataOf(request)).get('file') as File;
      expectedOffset += (file.size - 44) / 2 / 16000;
    }
    expect(expectedOffset).toBeCloseTo(5 + 20 * 60 + 7.3, 6);
  });

  it.each([
    [401, 'UNAUTHENTICATED', /HTTP 401.*ключ не принят/],
    [403, 'FORBIDDEN', /HTTP 403.*нет прав/],
    [404, 'UPSTREAM_FAILED', /HTTP 404.*адрес не найден/],
    [400, 'UPSTREAM_FAILED', /HTTP 400.*запрос отклонён/],
  ])('reports HTTP %i in Russian without the key', async (status, code, message) => {
    const recognizer = await recognizerFor(() => ({ status, json: { error: { message: 'Incorrect API key provided' } } }));
    const error: unknown = await recognizer.recognize(silentClip(1, 16000), { language: 'ru' }).catch((caught: unknown) => caught);

    expect((error as { code?: unknown }).code).toBe(code);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(KEY);
    expect(service?.requests).toHaveLength(1);
  });

  it('retries after 429 and 503, then succeeds', async () => {
    const replies: MockReply[] = [{ status: 429, headers: { 'retry-after': '0' } }, { status: 503, text: 'busy' }, { json: corpusJson('openai', 'verbose_json-segments.json') }];
    const recognizer = await recognizerFor(() => replies.shift() ?? { status: 500 });
    const segments = await recognizer.recognize(silentClip(1, 16000), { language: 'ru' });

    expect(segments).toHaveLength(1);
    expect(service?.requests).toHaveLength(3);
  });

  it('gives up on 429 after the configured retries', async () => {
    const recognizer = await recognizerFor(() => ({ status: 429, text: 'Too Many Requests' }), { retries: 1 });
    const error: unknown = await recognizer.recognize(silentClip(1, 16000), { language: 'ru' }).catch((caught: unknown) => caught);

    expect((error as { code?: unknown }).code).toBe('RATE_LIMITED');
    expect((error as Error).message).toMatch(/HTTP 429.*превышен лимит/);
    expect(service?.requests).toHaveLength(2);
  });

  it('times out on a server that never answers', async () => {
    const recognizer = await recognizerFor(() => ({ hang: true }), { timeoutSec: 0.2, retries: 1 });
    const error: unknown = await recognizer.recognize(silentClip(1, 16000), { language: 'ru' }).catch((caught: unknown) => caught);

    expect((error as { code?: unknown }).code).toBe('UPSTREAM_TIMEOUT');
    expect((error as Error).message).toContain('нет ответа за 0.2 с');
    expect(service?.requests).toHaveLength(2);
  });

  it.each([
    ['an HTML page', { text: '<html>502 Bad Gateway</html>' }],
    ['JSON of another shape', { json: { segments: 'none' } }],
  ])('rejects %s as a malformed answer', async (_name, reply) => {
    const recognizer = await recognizerFor(() => reply);
    const error: unknown = await recognizer.recognize(silentClip(1, 16000), { language: 'ru' }).catch((caught: unknown) => caught);

    expect((error as { code?: unknown }).code).toBe('UPSTREAM_FAILED');
    expect((error as Error).message).toContain('непонятный ответ');
  });

  it('retries a dropped connection', async () => {
    const replies: MockReply[] = [{ drop: true }, { json: corpusJson('openai', 'verbose_json-segments.json') }];
    const recognizer = await recognizerFor(() => replies.shift() ?? { status: 500 });
    const segments = await recognizer.recognize(silentClip(1, 16000), { language: 'ru' });

    expect(segments).toHaveLength(1);
    expect(service?.requests).toHaveLength(2);
  });

  it('sends no authorization header to a local server without a key', async () => {
    service = await startMockService(() => ({ json: corpusJson('openai', 'verbose_json-segments.json') }));
    const config = asrConfigSchema.parse({ engine: 'openai', baseUrl: service.url, path: '/inference' }) as OpenAiConfig;
    await new OpenAiRecognizer(config, undefined).recognize(silentClip(1, 16000), { language: 'ru' });

    expect(service.requests[0]?.path).toBe('/inference');
    expect(service.requests[0]?.headers.authorization).toBeUndefined();
  });
});
