import { describe, expect, it } from 'vitest';

import { clusterSpeakers, type DiarizationUnit } from './speaker-clustering.ts';

const unit = (startSec: number, pitchHz: number | null): DiarizationUnit => ({
  startSec, endSec: startSec + 2, pitch: pitchHz === null ? null : { medianHz: pitchHz, voicedFrames: 40 },
});

describe('clusterSpeakers', () => {
  it('splits a female and a male voice', () => {
    const units = [unit(0, 180), unit(2, 175), unit(4, 110), unit(6, 115), unit(8, 185), unit(10, 112), unit(12, 170), unit(14, null)];
    const result = clusterSpeakers(units);
    expect(result.twoSpeakers).toBe(true);
    expect(result.speakers).toEqual([1, 1, 0, 0, 1, 0, 1, 1]);
    expect(result.pitchGapSemitones).toBeGreaterThan(7);
  });

  it.each([
    ['one voice with intonation', [150, 160, 170, 155, 165, 158, 162, 168]],
    ['too little speech', [180, 110, 175]],
    ['a few outliers in one voice', [120, 118, 122, 125, 119, 121, 123, 200]],
  ])('keeps %s as one speaker', (_name, pitches) => {
    const result = clusterSpeakers(pitches.map((pitch, index) => unit(index * 2, pitch)));
    expect(result.twoSpeakers).toBe(false);
    expect(new Set(result.speakers)).toEqual(new Set([0]));
  });
});
