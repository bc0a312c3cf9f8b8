import type { Evidence } from '../../model/evaluation.ts';
import type { TimeSpan } from '../../model/transcript.ts';
import type { TurnView } from '../call-view.ts';
import { type DetectorInput, patternsOf } from '../detector-input.ts';
import { evidenceFromTurn, formatMoment } from '../evidence.ts';
import { HOLD_WARNING_PHRASES } from '../lexicon/conversation.lexicon.ts';
import { containsAnyPhrase } from '../../text/phrase-pattern.ts';
import { plural } from '../russian-text.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

// A warning counts when it is in one of this many turns right before the silence.
const WARNING_TURNS = 2;

// Speech rate used to estimate where a turn ends when the source gives only its start (150 words a minute).
const ESTIMATED_SEC_PER_WORD = 0.4;

/**
 * Stretches where nobody speaks: the signal's pauses when the audio was measured, otherwise the gaps
 * between timed turns. A turn with a start but no end is taken to last as long as its words take to say.
 * Untimed transcripts give none.
 */
export function silences(input: DetectorInput): TimeSpan[] {
  const signal = input.view.transcript.signal;
  if (signal !== undefined) {
    return [...signal.pauses].sort((a, b) => a.startSec - b.startSec);
  }
  const timed = input.view.turns
    .filter((turn) => turn.turn.startSec !== null)
    .sort((a, b) => (a.turn.startSec ?? 0) - (b.turn.startSec ?? 0));
  const gaps: TimeSpan[] = [];
  let speechEnd: number | null = null;
  for (const view of timed) {
    const { turn } = view;
    const start = turn.startSec ?? 0;
    if (speechEnd !== null && start > speechEnd) {
      gaps.push({ startSec: speechEnd, endSec: start });
    }
    const end = turn.endSec ?? start + view.words.length * ESTIMATED_SEC_PER_WORD;
    speechEnd = speechEnd === null ? end : Math.max(speechEnd, end);
  }
  return gaps;
}

function turnsBefore(input: DetectorInput, seconds: number): TurnView[] {
  return input.view.turns.filter((turn) => {
    const start = turn.turn.startSec;
    return turn.quotable && turn.words.length > 0 && start !== null && start < seconds;
  });
}

/**
 * Long hold: silence or hold longer than the checklist's `longHoldSec` without a warning. A warning such
 * as «минуточку, я уточню» in the turns right before the silence excuses it.
 */
export function detectLongHolds(input: DetectorInput): FindingDraft[] {
  const limit = input.checklist.settings.longHoldSec;
  const warning = patternsOf(input, HOLD_WARNING_PHRASES);
  const findings: FindingDraft[] = [];
  for (const silence of silences(input)) {
    const length = silence.endSec - silence.startSec;
    if (length <= limit) {
      continue;
    }
    const before = turnsBefore(input, silence.startSec);
    if (before.length === 0) {
      continue;
    }
    const warned = before.slice(-WARNING_TURNS).some((turn) => turn.turn.role === 'manager' && containsAnyPhrase(warning, turn.words));
    if (warned) {
      continue;
    }
    const last = before.at(-1);
    if (last === undefined) {
      continue;
    }
    const seconds = Math.round(length);
    const evidence: Evidence = { ...evidenceFromTurn(input.view, last, true), startSec: silence.startSec };
    const spell = `${seconds} ${plural(seconds, ['секунду', 'секунды', 'секунд'])}`;
    findings.push(draftFinding(
      'long_hold',
      evidence,
      `Клиент ждал ${spell} в тишине без предупреждения.`,
      `На ${formatMoment(silence.startSec)} после слов «${evidence.quote}» наступила тишина на ${spell} — прежде чем замолчать, предупредите клиента («минуточку, я уточню»), а при долгой проверке возвращайтесь к нему каждые 30–40 секунд.`,
    ));
  }
  return findings;
}
