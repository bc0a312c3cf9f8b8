import { describe, expect, it } from 'vitest';

import { parseRawFormat, rawFormatForExtension } from './raw-format.ts';

describe('parseRawFormat', () => {
  it.each([
    ['alaw:8000:1', { encoding: 'alaw', sampleRate: 8000, channels: 1 }],
    ['A-LAW:8000', { encoding: 'alaw', sampleRate: 8000, channels: 1 }],
    ['pcmu:8000:2', { encoding: 'ulaw', sampleRate: 8000, channels: 2 }],
    ['mulaw:16000:1', { encoding: 'ulaw', sampleRate: 16000, channels: 1 }],
    ['s16:16000:1', { encoding: 's16le', sampleRate: 16000, channels: 1 }],
    [' s16le:48000:2 ', { encoding: 's16le', sampleRate: 48000, channels: 2 }],
  ])('reads %s', (spec, format) => {
    expect(parseRawFormat(spec)).toEqual({ ok: true, format });
  });

  it.each([
    ['alaw', 'ожидается'],
    ['gsm:8000:1', 'Неизвестная кодировка'],
    ['alaw:4000:1', 'частота'],
    ['alaw:96000', 'частота'],
    ['alaw:8000.5', 'частота'],
    ['alaw:8000:3', 'каналов'],
    ['alaw:8000:1:extra', 'ожидается'],
  ])('rejects %s in Russian', (spec, text) => {
    const result = parseRawFormat(spec);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(text);
  });
});

describe('rawFormatForExtension', () => {
  it.each([
    ['call.al', 'alaw'],
    ['CALL.ALAW', 'alaw'],
    ['call.ul', 'ulaw'],
    ['call.mulaw', 'ulaw'],
  ])('%s is %s at 8 kHz mono', (file, encoding) => {
    expect(rawFormatForExtension(file)).toEqual({ encoding, sampleRate: 8000, channels: 1 });
  });

  it.each(['call.s16', 'call.raw', 'call.wav'])('%s implies no format', (file) => {
    expect(rawFormatForExtension(file)).toBeNull();
  });
});
