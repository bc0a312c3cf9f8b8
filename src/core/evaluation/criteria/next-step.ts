import type { CriterionDefinition } from '../../model/checklist.ts';
import { turnsOf, type TurnView } from '../call-view.ts';
import type { Evidence } from '../../model/evaluation.ts';
import { closingTurns, type CriterionOutcome, type DetectorInput, findStatement, MANAGER_SILENT_EXPLANATION, notApplicable, patternsOf, timeExpressionsOf } from '../detector-input.ts';
import { evidenceFromTurn, evidenceFromWords } from '../evidence.ts';
import { containsAnyPhrase } from '../../text/phrase-pattern.ts';
import { TRANSFER_PHRASES } from '../lexicon/conversation.lexicon.ts';
import { DONE_PHRASES, NEXT_STEP_PHRASES, VAGUE_ENDING_PHRASES } from '../lexicon/outcome.lexicon.ts';
import { OFFER_PHRASES } from '../lexicon/sales.lexicon.ts';
import { findNeedDiscovery } from './needs.ts';
import { firstOffer } from './presentation.ts';

// The closing part of the call: its last 35 % of words, and at least its last ten turns.
const CLOSING_SHARE = 0.35;
const CLOSING_MIN_TURNS = 10;
// Manager turns at the very end of a cut-off transcript that may still show a step.
const LAST_TURNS_WHEN_CUT = 3;

export interface StepMention {
  turn: TurnView;
  /** Word positions of the mention within the turn. */
  first: number;
  last: number;
  kind: 'step' | 'transfer' | 'done' | 'time' | 'vague';
}

/**
 * The manager's last statement of a next step, a transfer or a result in the closing part, or else their
 * last brush-off («обращайтесь», «перезвоните позже»).
 */
export function lastStepMention(input: DetectorInput, extraPhrases: readonly string[] = NO_PHRASES): StepMention | null {
  // «Если будут вопросы — обращайтесь» after a solved problem is a polite close, not a brush-off.
  const mentions = stepMentions(input, extraPhrases);
  return mentions.findLast((mention) => mention.kind !== 'vague') ?? mentions.at(-1) ?? null;
}

/**
 * Every statement of a step, a transfer, a result or a brush-off in the closing part, in call order. A step
 * said after a brush-off in the same turn tells what happens once the client calls again («можете
 * обратиться на линию, и дальше вас соединят»), so it counts as part of the brush-off.
 */
export function stepMentions(input: DetectorInput, extraPhrases: readonly string[] = NO_PHRASES): StepMention[] {
  let byPhrases = mentionMemo.get(input);
  if (byPhrases === undefined) {
    byPhrases = new Map();
    mentionMemo.set(input, byPhrases);
  }
  let mentions = byPhrases.get(extraPhrases);
  if (mentions === undefined) {
    mentions = findStepMentions(input, extraPhrases);
    byPhrases.set(extraPhrases, mentions);
  }
  return mentions;
}

const NO_PHRASES: readonly string[] = [];

// Mentions per evaluation and phrase list: next step, summary and no-solution ask for the same ones.
const mentionMemo = new WeakMap<DetectorInput, Map<readonly string[], StepMention[]>>();

function findStepMentions(input: DetectorInput, extraPhrases: readonly string[]): StepMention[] {
  const concrete: [StepMention['kind'], readonly string[]][] = [
    ['step', NEXT_STEP_PHRASES],
    ['step', extraPhrases],
    ['transfer', TRANSFER_PHRASES],
    ['done', DONE_PHRASES],
  ];
  const mentions: StepMention[] = [];
  for (const turn of closingTurns(input, CLOSING_SHARE, CLOSING_MIN_TURNS)) {
    // The client may be the one to confirm the result: «о, всё заработало».
    if (turn.turn.role === 'client') {
      const done = mentionOf(input, turn, 'done', DONE_PHRASES);
      if (done !== null) {
        mentions.push(done);
      }
      continue;
    }
    if (turn.turn.role !== 'manager') {
      continue;
    }
    const step = concreteMention(input, turn, concrete);
    const vague = mentionOf(input, turn, 'vague', VAGUE_ENDING_PHRASES);
    const afterBrushOff = step !== null && vague !== null && vague.first < step.first && (step.kind === 'step' || step.kind === 'transfer');
    if (step !== null && !afterBrushOff && !(step.kind !== 'done' && isOffer(step) && isDeclined(input, turn))) {
      mentions.push(step);
    }
    if (vague !== null) {
      mentions.push(vague);
    }
  }
  return mentions;
}

/**
 * Tells whether the client's next turn turns down what the manager's turn offered: «нет, спасибо, не
 * нужно» after «можем записать вас на замер на субботу». A declined offer is no agreed step.
 */
function isDeclined(input: DetectorInput, turn: TurnView): boolean {
  for (let position = turn.position + 1; position < input.view.turns.length; position++) {
    const next = input.view.turns[position];
    if (next === undefined || !next.quotable || next.words.length === 0 || next.turn.role === 'unknown') {
      continue;
    }
    if (next.turn.role === 'manager') {
      return false;
    }
    const [first, second] = next.words;
    return first?.norm === 'нет' || first?.norm === 'неа' || containsAnyPhrase(patternsOf(input, REFUSAL_PHRASES), next.words.slice(0, REFUSAL_LEAD_WORDS)) || (first?.norm === 'не' && second?.norm === 'надо');
  }
  return false;
}

/** Tells whether a step is put as an offer: its turn has «могу», «можем», «можно», «давайте» or «хотите». */
function isOffer(mention: StepMention): boolean {
  return mention.turn.words.some((word) => OFFER_WORDS.has(word.norm));
}

const OFFER_WORDS = new Set(['могу', 'можем', 'можно', 'давайте', 'хотите', 'хотели', 'предлагаю', 'предлагаем', 'желаете']);

// A refusal comes at the start of the reply.
const REFUSAL_LEAD_WORDS = 6;
const REFUSAL_PHRASES: readonly string[] = ['не+надо|нужно|интересно|интересует', 'не+хочу', '=откажусь'];

/**
 * Tells whether the call only passed the client on: a transfer is its one step, and before it the manager
 * neither asked about the client's situation nor offered anything.
 */
function isTransferOnly(input: DetectorInput, extraPhrases: readonly string[]): boolean {
  const concrete = stepMentions(input, extraPhrases).filter((mention) => mention.kind !== 'vague');
  return concrete.length > 0 && concrete.every((mention) => mention.kind === 'transfer') && findNeedDiscovery(input) === null && firstOffer(input) === null;
}

function concreteMention(input: DetectorInput, turn: TurnView, groups: readonly [StepMention['kind'], readonly string[]][]): StepMention | null {
  for (const [kind, phrases] of groups) {
    const mention = mentionOf(input, turn, kind, phrases);
    if (mention !== null) {
      return mention;
    }
  }
  const [time] = timeExpressionsOf(turn);
  if (time === undefined || time.precision === 'vague') {
    return null;
  }
  // In a sales pitch a time is a term of the offer («акция до конца недели»), not an agreed step.
  if (containsAnyPhrase(patternsOf(input, OFFER_PHRASES), turn.words)) {
    return null;
  }
  return { turn, first: time.firstToken, last: time.lastToken, kind: 'time' };
}

function mentionOf(input: DetectorInput, turn: TurnView, kind: StepMention['kind'], phrases: readonly string[]): StepMention | null {
  // A brush-off is one in a condition too: «если что — перезвоните».
  const match = phrases.length === 0 ? null : findStatement(input, patternsOf(input, phrases), turn, kind === 'done', kind !== 'vague');
  return match === null ? null : { turn, first: match.first, last: match.last, kind };
}

/**
 * Next step: the call ends with a concrete step — a time or date, a visit, a callback, a transfer, or the
 * problem solved. A brush-off («обращайтесь», «перезвоните в любое время») is not a step. Not applicable
 * when the transcript stops before the end of the call.
 */
export function judgeNextStep(input: DetectorInput, definition: CriterionDefinition): CriterionOutcome {
  if (input.completeness.managerSilent) {
    return notApplicable(MANAGER_SILENT_EXPLANATION);
  }
  const mention = lastStepMention(input, definition.phrases);
  if (input.completeness.endingMissing) {
    // A cut-off transcript shows a step only if the manager states it in their very last turns.
    const lastTurns = turnsOf(input.view, 'manager').slice(-LAST_TURNS_WHEN_CUT);
    if (mention !== null && (mention.kind === 'step' || mention.kind === 'transfer') && lastTurns.includes(mention.turn)) {
      return { result: 'passed', explanation: EXPLANATION_BY_KIND[mention.kind], evidence: [mentionEvidence(input, mention)] };
    }
    return notApplicable('Расшифровка обрывается до конца разговора — следующий шаг оценить нельзя.');
  }
  if (mention?.kind === 'transfer' && isTransferOnly(input, definition.phrases)) {
    return notApplicable('Звонок только переведён к специалисту: следующий шаг оценивает тот, кто примет звонок.');
  }
  if (mention !== null && mention.kind !== 'vague') {
    return {
      result: 'passed',
      explanation: EXPLANATION_BY_KIND[mention.kind],
      evidence: [mentionEvidence(input, mention)],
    };
  }
  if (mention !== null) {
    return {
      result: 'failed',
      explanation: 'Разговор закончился без конкретного следующего шага: менеджер предложил клиенту обратиться самому.',
      evidence: [mentionEvidence(input, mention)],
    };
  }
  const lastManager = closingTurns(input, CLOSING_SHARE, CLOSING_MIN_TURNS).filter((turn) => turn.turn.role === 'manager').at(-1);
  return {
    result: 'failed',
    explanation: 'Разговор закончился без конкретного следующего шага: ни срока, ни визита, ни перезвона, ни перевода.',
    evidence: lastManager === undefined ? [] : [evidenceFromTurn(input.view, lastManager, true)],
  };
}

const EXPLANATION_BY_KIND: Record<Exclude<StepMention['kind'], 'vague'>, string> = {
  step: 'Менеджер договорился с клиентом о конкретном следующем шаге.',
  transfer: 'Менеджер перевёл клиента к тому, кто решит вопрос.',
  done: 'Вопрос клиента решён в ходе разговора.',
  time: 'Менеджер назвал клиенту срок следующего шага.',
};

export function mentionEvidence(input: DetectorInput, mention: StepMention): Evidence {
  return evidenceFromWords(input.view, mention.turn.position, mention.first, mention.last);
}
