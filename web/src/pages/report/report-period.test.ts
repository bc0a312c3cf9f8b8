import { describe, expect, it } from 'vitest';

import { periodRange, readPeriod } from './report-period.ts';

describe('report period', () => {
  it('defaults to the last 30 days', () => {
    const period = readPeriod(new URLSearchParams());

    expect(periodRange(period, new Date(2026, 11, 4))).toEqual({ from: '2026-11-05', to: '2026-12-05' });
  });

  it('takes a preset from the URL', () => {
    expect(periodRange(readPeriod(new URLSearchParams('period=7')), new Date(2026, 0, 3))).toEqual({ from: '2025-12-28', to: '2026-01-04' });
  });

  it('prefers days picked by hand and ends after the last one', () => {
    const period = readPeriod(new URLSearchParams('period=7&from=2026-02-01&to=2026-02-28'));

    expect(periodRange(period)).toEqual({ from: '2026-02-01', to: '2026-03-01' });
  });

  it('ignores a reversed range', () => {
    expect(readPeriod(new URLSearchParams('from=2026-03-01&to=2026-02-01'))).toEqual({ kind: 'preset', days: '30' });
  });
});
