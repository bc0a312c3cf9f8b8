import type { Turn } from '../model/transcript.ts';

/** The parts of a turn the search reads. `turns[i]` is the turn with index `i`, and turns after the cut may be absent. */
export type TurnOutline = Pick<Turn, 'role' | 'text' | 'overlapsTurn'>;

/**
 * Finds the client turn the manager cut at `managerTurn`: the one the manager's words overlap when the
 * importer recorded it, or else the nearest client turn before it. An interruption finding quotes the
 * manager; this turn is what the client was saying, which a reviewer needs to judge it.
 */
export function interruptedClientTurn(turns: readonly (TurnOutline | undefined)[], managerTurn: number): { index: number; text: string } | null {
  const overlapped = turns[managerTurn]?.overlapsTurn;
  if (overlapped !== null && overlapped !== undefined && turns[overlapped]?.role === 'client') {
    return { index: overlapped, text: turns[overlapped].text };
  }
  for (let index = managerTurn - 1; index >= 0; index -= 1) {
    const turn = turns[index];
    if (turn?.role === 'client') {
      return { index, text: turn.text };
    }
  }
  return null;
}
