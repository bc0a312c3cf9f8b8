import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { corpusPath } from '../../test/corpus.ts';
import { openAudioSource, type DecoderBackend } from './audio-source.ts';
import { hasFfmpeg, makeTempFolder, runFfmpeg } from './testing/audio-fixtures.ts';
import { parseRawFormat } from './raw-format.ts';

interface DecodeCase {
  name: string;
  file: () => string;
  rawFormat?: string;
  sampleRate: number;
  channels: 1 | 2;
  durationSec: number;
  /** Where the JS path reads the container differently: Opus headers keep the original rate, and music-metadata 11 reports 2 channels for mono m4a. */
  js?: { sampleRate?: number; channels?: 1 | 2 };
}

const audio = (...parts: string[]): string => corpusPath('audio', ...parts);
const temp = makeTempFolder();
const tempPath = (name: string): string => path.join(temp.folder, name);

// Durations are what ffmpeg decodes; MP3 and AAC lose or gain up to ~0.1 s of encoder priming.
const CORPUS_CASES: DecodeCase[] = [
  { name: 'real telephony FLAC, 8 kHz', file: () => audio('real-telephony-8k', 'audio_long.flac'), sampleRate: 8000, channels: 1, durationSec: 50.76 },
  { name: 'headerless A-law by extension', file: () => audio('real-speech-voicekit', 'sample_3.al'), sampleRate: 8000, channels: 1, durationSec: 7.445 },
  { name: 'headerless s16 with rawFormat', file: () => audio('real-speech-voicekit', 'negative_sample.s16'), rawFormat: 's16:16000:1', sampleRate: 16000, channels: 1, durationSec: 3.622 },
  { name: 'WAV PCM 16 kHz', file: () => audio('real-speech-voicekit', 'sample_3.wav'), sampleRate: 16000, channels: 1, durationSec: 7.445 },
  { name: 'WAV PCM 48 kHz', file: () => audio('real-speech-voicekit', 'stierlitz.wav'), sampleRate: 16000, channels: 1, durationSec: 9.88 },
  { name: 'WAV µ-law 8 kHz', file: () => audio('synthetic-bank-calls-b', 'call_transfer_issue.wav'), sampleRate: 8000, channels: 1, durationSec: 58.494 },
  { name: 'WAV stereo 16 kHz', file: () => audio('real-speech-open-datasets', 'sample_09_ru.wav'), sampleRate: 16000, channels: 2, durationSec: 11.28 },
  { name: 'MP3', file: () => audio('synthetic-bank-calls-a', 'transfer-question-16k.mp3'), sampleRate: 16000, channels: 1, durationSec: 114.85 },
  { name: 'Ogg Vorbis', file: () => audio('synthetic-bank-calls-a', 'mobile-app-security-16k.ogg'), sampleRate: 16000, channels: 1, durationSec: 113.194 },
  { name: 'AAC (ADTS)', file: () => audio('real-speech-voicekit', 'privet_oleg.aac'), sampleRate: 16000, channels: 1, durationSec: 2.688 },
];

// Made from an 8 kHz call with ffmpeg; skipped where ffmpeg is missing.
const MADE_CASES: (DecodeCase & { encode: string[] })[] = [
  { name: 'Ogg Opus', file: () => tempPath('call.opus'), encode: ['-c:a', 'libopus', '-b:a', '24k'], sampleRate: 16000, channels: 1, durationSec: 119.434, js: { sampleRate: 8000 } },
  { name: 'M4A (AAC)', file: () => tempPath('call.m4a'), encode: ['-c:a', 'aac', '-b:a', '32k'], sampleRate: 8000, channels: 1, durationSec: 119.434, js: { channels: 2 } },
  { name: 'WAV A-law', file: () => tempPath('call-alaw.wav'), encode: ['-c:a', 'pcm_alaw'], sampleRate: 8000, channels: 1, durationSec: 119.434 },
  { name: 'WAV PCM 24-bit', file: () => tempPath('call-s24.wav'), encode: ['-c:a', 'pcm_s24le'], sampleRate: 8000, channels: 1, durationSec: 119.434 },
  { name: 'WAV PCM 8-bit', file: () => tempPath('call-u8.wav'), encode: ['-c:a', 'pcm_u8'], sampleRate: 8000, channels: 1, durationSec: 119.434 },
  { name: 'FLAC 44.1 kHz stereo', file: () => tempPath('call-44k.flac'), encode: ['-ar', '44100', '-ac', '2', '-c:a', 'flac'], sampleRate: 16000, channels: 2, durationSec: 119.434 },
  { name: 'headerless µ-law by extension', file: () => tempPath('call.ul'), encode: ['-f', 'mulaw'], sampleRate: 8000, channels: 1, durationSec: 119.434 },
];

const BACKENDS: DecoderBackend[] = hasFfmpeg ? ['ffmpeg', 'js'] : ['js'];

beforeAll(() => {
  if (!hasFfmpeg) {
    return;
  }
  const source = audio('synthetic-bank-calls-a', 'card-complaint-8k.wav');
  for (const variant of MADE_CASES) {
    runFfmpeg(['-i', source, ...variant.encode, variant.file()]);
  }
});

afterAll(() => {
  temp.remove();
});

async function decodeWhole(file: string, backend: DecoderBackend, rawFormat?: string): Promise<{ sampleRate: number; channels: number; durationSec: number }> {
  const parsed = rawFormat === undefined ? null : parseRawFormat(rawFormat);
  const opened = await openAudioSource(file, { rawFormat: parsed?.ok === true ? parsed.format : null, decoder: backend });
  if (!opened.ok) {
    throw new Error(opened.error.message);
  }
  let samples = 0;
  for await (const block of opened.source.decode({ messages: [] })) {
    samples += block[0]?.length ?? 0;
    for (const channel of block) {
      expect(channel.length).toBe(block[0]?.length);
    }
  }
  const { sampleRate, channelCount } = opened.source.layout;
  return { sampleRate, channels: channelCount, durationSec: samples / sampleRate };
}

describe.each(BACKENDS)('decoding with %s', (backend) => {
  it.each(CORPUS_CASES)('$name', async (testCase) => {
    const decoded = await decodeWhole(testCase.file(), backend, testCase.rawFormat);
    expect(decoded.sampleRate).toBe(testCase.sampleRate);
    expect(decoded.channels).toBe(testCase.channels);
    expect(decoded.durationSec).toBeCloseTo(testCase.durationSec, 0);
    expect(Math.abs(decoded.durationSec - testCase.durationSec)).toBeLessThan(0.15);
  });

  it.skipIf(!hasFfmpeg).each(MADE_CASES)('$name', async (testCase) => {
    const decoded = await decodeWhole(testCase.file(), backend);
    const expected = backend === 'js' ? { ...testCase, ...testCase.js } : testCase;
    expect(decoded.sampleRate).toBe(expected.sampleRate);
    expect(decoded.channels).toBe(expected.channels);
    expect(Math.abs(decoded.durationSec - testCase.durationSec)).toBeLessThan(0.15);
  });
});

describe('bad input', () => {
  const bad = makeTempFolder();
  const empty = path.join(bad.folder, 'empty.wav');
  const text = path.join(bad.folder, 'notes.mp3');
  const folder = path.join(bad.folder, 'calls.wav');
  const headless = path.join(bad.folder, 'call.raw');
  const cutM4a = path.join(bad.folder, 'cut.m4a');

  beforeAll(() => {
    writeFileSync(empty, '');
    writeFileSync(text, 'Это не аудио, а текстовая заметка о звонке.\n');
    mkdirSync(folder);
    copyFileSync(audio('real-speech-voicekit', 'sample_3.al'), headless);
    if (hasFfmpeg) {
      runFfmpeg(['-i', audio('real-speech-voicekit', 'sample_3.wav'), '-c:a', 'aac', path.join(bad.folder, 'whole.m4a')]);
      writeFileSync(cutM4a, readFileSync(path.join(bad.folder, 'whole.m4a')).subarray(0, 2000));
    }
  });

  afterAll(() => {
    bad.remove();
  });

  it.each(BACKENDS)('missing file is named (%s)', async (backend) => {
    const result = await openAudioSource('/nowhere/call.wav', { rawFormat: null, decoder: backend });
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error.code).toBe('file_not_found');
    expect(result.ok ? '' : result.error.message).toContain('/nowhere/call.wav');
  });

  it.each([
    ['empty file', () => empty, 'empty_file'],
    ['text file', () => text, 'unsupported_format'],
    ['folder', () => folder, 'not_a_file'],
    ['headerless file without rawFormat', () => headless, 'raw_format_required'],
  ] as const)('%s is rejected in Russian', async (_name, file, code) => {
    for (const backend of BACKENDS) {
      const result = await openAudioSource(file(), { rawFormat: null, decoder: backend });
      expect(result.ok ? null : result.error.code).toBe(code);
      expect(result.ok ? '' : result.error.message).toContain(file());
      expect(result.ok ? '' : result.error.message).toMatch(/[а-яё]/i);
    }
  });

  it.skipIf(!hasFfmpeg)('damaged m4a fails without a crash', async () => {
    for (const backend of BACKENDS) {
      const opened = await openAudioSource(cutM4a, { rawFormat: null, decoder: backend });
      if (!opened.ok) {
        expect(opened.error.message).toContain(cutM4a);
        continue;
      }
      await expect(decodeWhole(cutM4a, backend)).rejects.toThrow();
    }
  });
});
