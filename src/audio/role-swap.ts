import type { Role, SignalMetrics, Transcript, Turn } from '../core/model/transcript.ts';

const SWAPPED: Record<Role, Role> = { manager: 'client', client: 'manager', unknown: 'unknown' };

/**
 * Swaps manager and client throughout a transcript, for a reviewer who finds the roles were assigned
 * the wrong way round: turn roles, talk times, who talked over whom and the monologue lengths. Signal
 * metrics without the client's monologue cannot be swapped whole and are left out. The result is marked
 * as a manual assignment. Pure: the input is left unchanged, and swapping twice restores the turn roles.
 */
export function swapRoles(transcript: Transcript): Transcript {
  const turns = transcript.turns.map((turn): Turn => ({ ...turn, role: SWAPPED[turn.role] }));
  const swapped: Transcript = { ...transcript, turns, roles: { method: 'manual', confidence: 1 } };
  delete swapped.signal;
  if (transcript.signal?.longestClientMonologueSec !== undefined) {
    swapped.signal = swapSignal(transcript.signal, transcript.signal.longestClientMonologueSec);
  }
  return swapped;
}

function swapSignal(signal: SignalMetrics, longestClientMonologueSec: number): SignalMetrics {
  return {
    ...signal,
    talkSec: { manager: signal.talkSec.client, client: signal.talkSec.manager },
    overlaps: signal.overlaps.map((overlap) => ({ ...overlap, by: SWAPPED[overlap.by] })),
    longestManagerMonologueSec: longestClientMonologueSec,
    longestClientMonologueSec: signal.longestManagerMonologueSec,
  };
}
