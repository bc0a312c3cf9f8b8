import { describe, expect, it } from 'vitest';

import { computeSignalMetrics } from './signal-metrics.ts';

const span = (startSec: number, endSec: number): { startSec: number; endSec: number } => ({ startSec, endSec });

describe('computeSignalMetrics', () => {
  it('measures talk, silence and pauses', () => {
    const metrics = computeSignalMetrics(60, [span(2, 10), span(20, 30)], [span(11, 15)]);
    expect(metrics.durationSec).toBe(60);
    expect(metrics.talkSec).toEqual({ manager: 18, client: 4 });
    expect(metrics.silenceSec).toBe(38);
    expect(metrics.pauses).toEqual([span(15, 20)]);
  });

  it('does not count ringing before the first word as a pause', () => {
    const metrics = computeSignalMetrics(40, [span(12, 20)], [span(20.5, 25)]);
    expect(metrics.pauses).toEqual([]);
    expect(metrics.silenceSec).toBe(27.5);
  });

  it.each([
    ['manager talks over client', [span(5, 12)], [span(0, 8)], [{ ...span(5, 8), by: 'manager' }]],
    ['client talks over manager', [span(0, 8)], [span(6, 9)], [{ ...span(6, 8), by: 'client' }]],
    ['a frame of overlap is no overlap', [span(0, 5)], [span(4.9, 8)], []],
  ] as const)('%s', (_name, manager, client, overlaps) => {
    expect(computeSignalMetrics(20, manager, client).overlaps).toEqual(overlaps);
  });

  it('monologue goes on over short pauses and backchannels', () => {
    const manager = [span(0, 10), span(11, 20), span(21.5, 30)];
    const client = [span(15, 15.4)];
    expect(computeSignalMetrics(40, manager, client).longestManagerMonologueSec).toBe(30);
  });

  it('monologue ends when the client really speaks or after a long pause', () => {
    const manager = [span(0, 10), span(12, 20), span(25, 27)];
    const client = [span(10.2, 11.8)];
    const metrics = computeSignalMetrics(40, manager, client);
    expect(metrics.longestManagerMonologueSec).toBe(10);
    expect(metrics.longestClientMonologueSec).toBe(1.6);
  });

  it('silent recording has zero talk', () => {
    const metrics = computeSignalMetrics(1, [], []);
    expect(metrics).toEqual({
      durationSec: 1,
      talkSec: { manager: 0, client: 0 },
      silenceSec: 1,
      pauses: [],
      overlaps: [],
      longestManagerMonologueSec: 0,
      longestClientMonologueSec: 0,
    });
  });
});
