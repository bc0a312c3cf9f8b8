import type { Evidence } from '../../model/evaluation.ts';
import type { TurnView } from '../call-view.ts';
import { isBackchannel } from '../criteria/objections.ts';
import { type DetectorInput, patternsOf } from '../detector-input.ts';
import { evidenceFromTurn, formatMoment, momentLead } from '../evidence.ts';
import { BACKCHANNEL_WORDS, HOLD_WARNING_PHRASES } from '../lexicon/conversation.lexicon.ts';
import { containsAnyPhrase } from '../phrase-pattern.ts';
import { plural } from '../russian-text.ts';
import { tokenize } from '../../text/tokenize.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

// Overlaps measured on the signal shorter than this are a backchannel or a breath, not talking over.
const MIN_SIGNAL_OVERLAP_SEC = 1;
// A cut-in says at least this many words of its own; a shorter one is a reaction, not taking the floor.
const MIN_CUT_IN_WORDS = 3;
// A finding needs this many cut-ins, or one of at least `FLOOR_TAKING_WORDS` words.
const MIN_PLACES = 2;
const FLOOR_TAKING_WORDS = 8;
// The client's turn that was talked over is a sentence, not a word or two.
const MIN_OVERLAPPED_WORDS = 4;

/**
 * Places where the manager talks over the client: a manager turn that started while a client turn was
 * still going (`overlapsTurn`) and says more than a backchannel, and overlaps measured on the signal
 * where the manager came in last.
 */
export function interruptionPlaces(input: DetectorInput): Evidence[] {
  return [...textPlaces(input), ...signalPlaces(input)].sort((a, b) => a.turn - b.turn);
}

function textPlaces(input: DetectorInput): Evidence[] {
  return input.view.turns.filter((turn) => cutsIn(input, turn) || cutsInBeforeContinuation(input, turn)).map((turn) => evidenceFromTurn(input.view, turn));
}

/**
 * A manager turn right after a client turn, which the client's next turn talks over: the client had not
 * finished and went on speaking while the manager talked («…скорость постоянно [подскажите ваш адрес] вот
 * какие-то обрывы…»).
 */
function cutsInBeforeContinuation(input: DetectorInput, turn: TurnView): boolean {
  if (turn.turn.role !== 'manager' || turn.turn.overlapsTurn !== null || !turn.quotable || isBackchannel(turn)) {
    return false;
  }
  const before = input.view.turns[turn.position - 1];
  const after = input.view.turns[turn.position + 1];
  return before?.turn.role === 'client' && before.words.length >= MIN_OVERLAPPED_WORDS && !isBackchannel(before)
    && after?.turn.role === 'client' && after.turn.overlapsTurn === turn.turn.index && after.words.length >= MIN_CUT_IN_WORDS;
}

/** Overlaps measured on the signal where the manager came in last, at the manager turn of that moment. */
function signalPlaces(input: DetectorInput): Evidence[] {
  const places: Evidence[] = [];
  const seen = new Set(textPlaces(input).map((place) => place.turn));
  for (const overlap of input.view.transcript.signal?.overlaps ?? []) {
    if (overlap.by !== 'manager' || overlap.endSec - overlap.startSec < MIN_SIGNAL_OVERLAP_SEC) {
      continue;
    }
    const turn = managerTurnAt(input, overlap.startSec);
    if (turn !== undefined && !seen.has(turn.turn.index)) {
      seen.add(turn.turn.index);
      places.push({ ...evidenceFromTurn(input.view, turn), startSec: overlap.startSec });
    }
  }
  return places;
}

/**
 * A manager turn cuts in when it starts inside a client turn of some length, says at least a few words
 * of its own, and is neither a backchannel, nor the manager repeating dictated data back («пятьсот»,
 * «волгоград»), nor a request to hold.
 */
function cutsIn(input: DetectorInput, turn: TurnView): boolean {
  if (turn.turn.role !== 'manager' || turn.turn.overlapsTurn === null || !turn.quotable || turn.words.length < MIN_CUT_IN_WORDS) {
    return false;
  }
  // `Turn.index` is the turn's position in the transcript, so the overlapped turn is found by position.
  const candidate = input.view.turns[turn.turn.overlapsTurn];
  const overlapped = candidate?.turn.index === turn.turn.overlapsTurn ? candidate : input.view.turns.find((other) => other.turn.index === turn.turn.overlapsTurn);
  if (overlapped?.turn.role !== 'client' || overlapped.words.length < MIN_OVERLAPPED_WORDS || isBackchannel(turn)) {
    return false;
  }
  const own = turn.words.filter((word) => !BACKCHANNEL_WORDS.has(word.norm) && word.pos !== 'NUMR' && !/\d/u.test(word.norm));
  if (own.length < MIN_CUT_IN_WORDS) {
    return false;
  }
  const echoed = new Set(overlapped.words.map((word) => word.lemma));
  if (own.every((word) => echoed.has(word.lemma))) {
    return false;
  }
  return !containsAnyPhrase(patternsOf(input, HOLD_WARNING_PHRASES), turn.words) || own.length > MIN_CUT_IN_WORDS + 1;
}

function managerTurnAt(input: DetectorInput, seconds: number): TurnView | undefined {
  return input.view.turns.find((turn) => {
    const { startSec, endSec } = turn.turn;
    return turn.turn.role === 'manager' && turn.quotable && startSec !== null && startSec <= seconds + MIN_SIGNAL_OVERLAP_SEC && (endSec ?? startSec) >= seconds;
  });
}

/** Interruption: the manager talks over the client. One finding per call; every further place is its evidence. */
export function detectInterruptions(input: DetectorInput): FindingDraft[] {
  const places = interruptionPlaces(input);
  const [first, ...rest] = places;
  // One short overlap in recognised text may be ordinary turn-taking. A habit shows as two or more, or as
  // one cut-in where the manager takes the floor with a sentence of their own. An overlap measured on the
  // signal needs no such proof.
  const measured = signalPlaces(input).length > 0;
  if (first === undefined || (!measured && places.length < MIN_PLACES && tokenize(first.quote).length < FLOOR_TAKING_WORDS)) {
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
