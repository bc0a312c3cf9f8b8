import { describe, expect, it } from 'vitest';

import { encodeWav, resample, splitClip, toPcm16 } from './pcm.ts';
import { placeSegments } from './recognized-segments.ts';

describe('splitClip', () => {
  it('offsets each piece by the real length of the pieces before it', () => {
    const sampleRate = 8000;
    const samples = new Float32Array(sampleRate * 20 * 60 + 1234);
    // Loud speech everywhere but short pauses every 7.3 s, so cuts land at uneven places.
    samples.fill(0.5);
    for (let pause = 0; pause < samples.length; pause += Math.round(sampleRate * 7.3)) {
      samples.fill(0, pause, pause + 400);
    }
    const pieces = splitClip({ samples, sampleRate, offsetSec: 42 }, 30);

    let expected = 42;
    for (const piece of pieces) {
      expect(piece.offsetSec).toBeCloseTo(expected, 9);
      expect(piece.samples.length).toBeLessThanOrEqual(30 * sampleRate);
      expected += piece.samples.length / sampleRate;
    }
    expect(expected).toBeCloseTo(42 + samples.length / sampleRate, 9);
    expect(pieces.some((piece) => piece.samples.length < 30 * sampleRate - 1)).toBe(true);
  });

  it('keeps a short clip whole', () => {
    const clip = { samples: new Float32Array(100), sampleRate: 8000, offsetSec: 1 };
    expect(splitClip(clip, 30)).toEqual([clip]);
  });
});

describe('pcm', () => {
  it('clips and scales 16-bit samples', () => {
    const pcm = toPcm16(new Float32Array([0, 1, -1, 2, -2]));
    expect([0, 1, 2, 3, 4].map((index) => pcm.readInt16LE(index * 2))).toEqual([0, 32767, -32768, 32767, -32768]);
  });

  it('writes a mono 16-bit WAV header', () => {
    const wav = encodeWav(new Float32Array(8000), 8000);
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(40)).toBe(16000);
  });

  it.each([
    [8000, 16000, 16000],
    [48000, 16000, 8000],
    [16000, 16000, 24000],
  ])('resamples %i Hz to %i Hz keeping the length in time', (from, to, length) => {
    const output = resample(new Float32Array(length).fill(0.25), from, to);
    expect(output.length).toBe(Math.round((length * to) / from));
    expect(output[Math.floor(output.length / 2)]).toBeCloseTo(0.25, 6);
  });
});

describe('placeSegments', () => {
  it('adds the offset and gives untimed words the segment bounds', () => {
    const [segment] = placeSegments([{ startSec: 1, endSec: 3, text: ' номер 780 802 ', confidence: null, speaker: null, words: [
      { text: 'номер', startSec: 1, endSec: 1.4, confidence: 0.9 },
      { text: '780', startSec: null, endSec: null, confidence: null },
    ] }], 100);

    expect(segment?.text).toBe('номер 780 802');
    expect(segment?.words).toEqual([
      { text: 'номер', startSec: 101, endSec: 101.4, confidence: 0.9 },
      { text: '780', startSec: 101, endSec: 103, confidence: null },
    ]);
  });

  it('drops segments without text', () => {
    expect(placeSegments([{ startSec: 0, endSec: 1, text: '  ', confidence: null, speaker: null, words: [] }], 0)).toEqual([]);
  });
});
