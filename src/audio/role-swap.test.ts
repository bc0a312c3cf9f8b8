import { describe, expect, it } from 'vitest';

import type { Transcript, Turn } from '../core/model/transcript.ts';
import { swapRoles } from './role-swap.ts';

const turn = (index: number, role: Turn['role']): Turn => ({
  index, role, channel: index % 2, speaker: null, startSec: index, endSec: index + 1, text: 'Алло', confidence: null, flags: [], overlapsTurn: null,
});

const signal: NonNullable<Transcript['signal']> = {
  durationSec: 10,
  talkSec: { manager: 6, client: 2 },
  silenceSec: 2,
  pauses: [],
  overlaps: [{ startSec: 1, endSec: 1.5, by: 'client' }],
  longestManagerMonologueSec: 5,
  longestClientMonologueSec: 1.5,
};

const transcript: Transcript = {
  call: { id: 'sha256:1', externalId: null, source: 'call.wav', startedAt: null, durationSec: 10, direction: null, manager: null, client: null },
  turns: [turn(0, 'manager'), turn(1, 'client'), turn(2, 'unknown')],
  roles: { method: 'channel', confidence: null },
  format: 'reference',
  warnings: [],
  signal,
};

describe('swapRoles', () => {
  it('swaps roles of turns and signal', () => {
    const swapped = swapRoles(transcript);
    expect(swapped.turns.map((item) => item.role)).toEqual(['client', 'manager', 'unknown']);
    expect(swapped.roles).toEqual({ method: 'manual', confidence: 1 });
    expect(swapped.signal?.talkSec).toEqual({ manager: 2, client: 6 });
    expect(swapped.signal?.overlaps).toEqual([{ startSec: 1, endSec: 1.5, by: 'manager' }]);
    expect(swapped.signal?.longestManagerMonologueSec).toBe(1.5);
    expect(swapped.signal?.longestClientMonologueSec).toBe(5);
  });

  it('leaves the input unchanged and swaps back', () => {
    const before = structuredClone(transcript);
    const twice = swapRoles(swapRoles(transcript));
    expect(transcript).toEqual(before);
    expect(twice.turns).toEqual(transcript.turns);
    expect(twice.signal).toEqual(transcript.signal);
  });

  it('drops signal metrics it cannot swap whole', () => {
    const partial = { ...signal };
    delete partial.longestClientMonologueSec;
    expect(swapRoles({ ...transcript, signal: partial }).signal).toBeUndefined();
  });
});
