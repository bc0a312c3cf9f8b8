import { describe, expect, it } from 'vitest';

import { dropEchoDuplicates } from './echo-duplicates.ts';
import type { LaneSegment } from './recognition-pass.ts';

const segment = (lane: number, startSec: number, endSec: number, text: string): LaneSegment => ({
  lane, clip: 0, startSec, endSec, text, confidence: null, words: [], engineSpeaker: null,
});

describe('dropEchoDuplicates', () => {
  const levels = (lane: number): number => (lane === 0 ? -20 : -40);

  it('keeps the louder channel of the same words', () => {
    const segments = [segment(0, 1, 4, 'Добрый день, компания Ромашка'), segment(1, 1.1, 4.1, 'добрый день компания ромашка')];
    const { kept, dropped } = dropEchoDuplicates(segments, levels);
    expect(kept).toEqual([segments[0]]);
    expect(dropped).toBe(1);
  });

  it.each([
    ['different words at once (crosstalk)', [segment(0, 1, 4, 'Добрый день, компания Ромашка'), segment(1, 2, 3, 'Алло, вы меня слышите')]],
    ['same words at other times', [segment(0, 1, 3, 'Да, конечно'), segment(1, 10, 12, 'Да, конечно')]],
    ['same words on one channel', [segment(0, 1, 3, 'Да, конечно'), segment(0, 2, 4, 'Да, конечно')]],
  ])('keeps %s', (_name, segments) => {
    expect(dropEchoDuplicates(segments, levels).kept).toEqual(segments);
  });
});
