import { describe, expect, it } from 'vitest';

import { downmix, fitChannels, mixToMono } from './pcm-blocks.ts';

const tone = (length: number, amplitude: number): Float32Array => Float32Array.from({ length }, (_, index) => amplitude * Math.sin(index / 3));

function peak(samples: Float32Array): number {
  return samples.reduce((max, sample) => Math.max(max, Math.abs(sample)), 0);
}

describe('downmix', () => {
  it('keeps the level of identical channels', () => {
    const channel = tone(800, 0.6);

    expect(Array.from(downmix(channel, channel))).toEqual(Array.from(channel));
    expect(peak(downmix(channel, channel))).toBeCloseTo(peak(channel), 6);
  });

  it('halves the sum of different channels', () => {
    const left = Float32Array.from([0.8, -0.4, 0]);
    const right = Float32Array.from([0.2, 0.4, -1]);

    expect(Array.from(downmix(left, right))).toEqual([0.5, 0, -0.5]);
  });
});

describe('mixToMono', () => {
  it('mixes a stereo block as the downmix does', () => {
    const left = tone(400, 0.9);
    const right = tone(400, 0.3);

    expect(Array.from(mixToMono([left, right]))).toEqual(Array.from(downmix(left, right)));
  });

  it('never raises the peak of full-scale identical channels', () => {
    const channel = tone(400, 1);

    expect(peak(fitChannels([channel, channel], 1)[0] ?? new Float32Array(0))).toBeLessThanOrEqual(1);
  });
});
