import { describe, expect, it } from 'vitest';

import { recognitionRegions } from './recognition-regions.ts';

const grid = { frameSamples: 240, sampleRate: 8000, totalSamples: 8000 * 120 };
const flat = new Float32Array(4000).fill(-30);
const options = { mergeGapSec: 1, maxRegionSec: 30, padSec: 0.2 };
const span = (startSec: number, endSec: number): { startSec: number; endSec: number } => ({ startSec, endSec });

describe('recognitionRegions', () => {
  it('merges close spans and pads them', () => {
    expect(recognitionRegions([span(1, 3), span(3.5, 5), span(8, 9)], flat, grid, options)).toEqual([span(0.8, 5.2), span(7.8, 9.2)]);
  });

  it('keeps padding off the neighbour', () => {
    const regions = recognitionRegions([span(1, 3), span(4.1, 5)], flat, grid, { ...options, padSec: 1 });
    expect(regions).toEqual([span(0, 3.55), span(3.55, 6)]);
  });

  it('caps regions at the limit, cutting at pauses', () => {
    const spans = Array.from({ length: 10 }, (_, index) => span(index * 8, index * 8 + 7.5));
    const regions = recognitionRegions(spans, flat, grid, { ...options, padSec: 0 });
    expect(regions.every((region) => region.endSec - region.startSec <= 30)).toBe(true);
    for (const region of regions) {
      expect(spans.some((item) => item.startSec === region.startSec)).toBe(true);
      expect(spans.some((item) => item.endSec === region.endSec)).toBe(true);
    }
  });

  it('cuts one long span at its quietest frame', () => {
    const levels = new Float32Array(4000).fill(-20);
    levels[Math.round(22 / 0.03)] = -70;
    const regions = recognitionRegions([span(0, 50)], levels, grid, { ...options, padSec: 0 });
    expect(regions.length).toBe(2);
    expect(regions[0]?.endSec).toBeCloseTo(22, 1);
    expect(regions[1]?.endSec).toBe(50);
  });
});
