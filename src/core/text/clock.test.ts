import { describe, expect, it } from 'vitest';

import { formatClock } from './clock.ts';

describe('formatClock', () => {
  it.each([
    [0, '00:00'],
    [59.9, '00:59'],
    [134, '02:14'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [7384, '2:03:04'],
    [-5, '00:00'],
  ])('%s s is %s', (seconds, expected) => {
    expect(formatClock(seconds)).toBe(expected);
  });
});
