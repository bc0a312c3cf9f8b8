import { describe, expect, it } from 'vitest';

import { checkDuration, seconds } from './duration-check.ts';

describe('checkDuration', () => {
  it.each([
    ['whole file', 119.4, 119.434, null, []],
    ['mp3 priming', 114.85, 114.948, null, []],
    ['cut file', 62.5, 119.434, null, ['audio_truncated']],
    ['cut against call log', 62.5, null, 120, ['audio_truncated']],
    ['ringing not in call log', 121, null, 118, []],
    ['cut against both', 50, 119, 120, ['audio_truncated', 'audio_truncated']],
  ])('%s', (_name, decodedSec, containerSec, expectedSec, codes) => {
    const warnings = checkDuration({ file: 'call.wav', decodedSec, containerSec, expectedSec });
    expect(warnings.map((warning) => warning.code)).toEqual(codes);
    for (const warning of warnings) {
      expect(warning.message).toContain('call.wav');
    }
  });

  it.each([
    [49.87, '49,9 с'],
    [125, '2 мин 05 с'],
    [3725, '1 ч 02 мин 05 с'],
  ])('formats %s s as %s', (value, text) => {
    expect(seconds(value)).toBe(text);
  });
});
