import type { Evidence } from '../../model/evaluation.ts';
import type { TurnView } from '../call-view.ts';
import { isBackchannel } from '../criteria/objections.ts';
import type { DetectorInput } from '../detector-input.ts';
import { evidenceFromTurn, formatMoment, momentLead } from '../evidence.ts';
import { plural } from '../russian-text.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

// Overlaps measured on the signal shorter than this are a backchannel or a breath, not talking over.
const MIN_SIGNAL_OVERLAP_SEC = 1;

/**
 * Places where the manager talks over the client: a manager turn that started while a client turn was
 * still going (`overlapsTurn`) and says more than a backchannel, and overlaps measured on the signal
 * where the manager came in last.
 */
export function interruptionPlaces(input: DetectorInput): Evidence[] {
  const places: Evidence[] = [];
  const seen = new Set<number>();
  for (const turn of input.view.turns) {
    if (cutsIn(input, turn)) {
      places.push(evidenceFromTurn(input.view, turn));
      seen.add(turn.turn.index);
    }
  }
  for (const overlap of input.view.transcript.signal?.overlaps ?? []) {
    if (overlap.by !== 'manager' || overlap.endSec - overlap.startSec < MIN_SIGNAL_OVERLAP_SEC) {
      continue;
    }
    const turn = managerTurnAt(input, overlap.startSec);
    if (turn === undefined) {
      places.push({ turn: -1, startSec: overlap.startSec, quote: '' });
      continue;
    }
    if (!seen.has(turn.turn.index)) {
      seen.add(turn.turn.index);
      places.push({ ...evidenceFromTurn(input.view, turn), startSec: overlap.startSec });
    }
  }
  return places.filter((place) => place.turn >= 0).sort((a, b) => a.turn - b.turn);
}

function cutsIn(input: DetectorInput, turn: TurnView): boolean {
  if (turn.turn.role !== 'manager' || turn.turn.overlapsTurn === null || !turn.quotable || turn.words.length === 0) {
    return false;
  }
  const overlapped = input.view.turns.find((other) => other.turn.index === turn.turn.overlapsTurn);
  return overlapped?.turn.role === 'client' && !isBackchannel(turn);
}

function managerTurnAt(input: DetectorInput, seconds: number): TurnView | undefined {
  return input.view.turns.find((turn) => {
    const { startSec, endSec } = turn.turn;
    return turn.turn.role === 'manager' && turn.quotable && startSec !== null && startSec <= seconds + MIN_SIGNAL_OVERLAP_SEC && (endSec ?? startSec) >= seconds;
  });
}

/** Interruption: the manager talks over the client. One finding per call; every further place is its evidence. */
export function detectInterruptions(input: DetectorInput): FindingDraft[] {
  const [first, ...rest] = interruptionPlaces(input);
  if (first === undefined) {
    return [];
  }
  const count = rest.length + 1;
  const when = first.startSec === null ? '' : ` (впервые на ${formatMoment(first.startSec)})`;
  return [draftFinding(
    'interruption',
    first,
    `Менеджер перебивает клиента: ${count} ${plural(count, ['раз', 'раза', 'раз'])}${when}.`,
    `${momentLead(first, 'manager', 'заговорили, не дослушав клиента')} — дайте клиенту договорить, затем коротко повторите его мысль и только после этого отвечайте.`,
    rest,
  )];
}
