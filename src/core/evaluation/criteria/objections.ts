import type { CriterionDefinition } from '../../model/checklist.ts';
import type { Evidence } from '../../model/evaluation.ts';
import type { TurnView } from '../call-view.ts';
import { type CriterionOutcome, type DetectorInput, MANAGER_SILENT_EXPLANATION, notApplicable, patternsOf, turnMatchEvidence } from '../detector-input.ts';
import { evidenceFromTurn } from '../evidence.ts';
import { BACKCHANNEL_WORDS } from '../lexicon/conversation.lexicon.ts';
import { ARGUING_PHRASES, OBJECTION_ACKNOWLEDGE_PHRASES, OBJECTION_PHRASES } from '../lexicon/sales.lexicon.ts';
import { containsAnyPhrase, findAnyPhrase } from '../../text/phrase-pattern.ts';

// A reply of this many words that does not argue is taken as an answer to the objection.
const ANSWER_WORDS = 8;

export interface Objection {
  turn: TurnView;
  evidence: Evidence;
}

/** Client turns that raise an objection: price, no need, no time, «подумаю», another provider. */
export function findObjections(input: DetectorInput): Objection[] {
  const patterns = patternsOf(input, OBJECTION_PHRASES);
  const objections: Objection[] = [];
  for (const turn of input.view.turns) {
    if (turn.turn.role !== 'client' || !turn.quotable) {
      continue;
    }
    const match = findAnyPhrase(patterns, turn.words);
    if (match !== null) {
      objections.push({ turn, evidence: turnMatchEvidence(input, turn, match) });
    }
  }
  return objections;
}

// The manager may first finish a step («назовите адрес») and take up the objection after the client's
// next answer, so the reply is looked for until the client's second turn of substance.
const CLIENT_TURNS_TO_REPLY = 2;

function repliesToObjection(input: DetectorInput, clientTurn: TurnView): TurnView[] {
  const replies: TurnView[] = [];
  let clientTurns = 0;
  for (let position = clientTurn.position + 1; position < input.view.turns.length; position++) {
    const turn = input.view.turns[position];
    if (!turn?.quotable || isBackchannel(turn)) {
      continue;
    }
    if (turn.turn.role === 'client') {
      clientTurns += 1;
      if (clientTurns >= CLIENT_TURNS_TO_REPLY) {
        break;
      }
    } else if (turn.turn.role === 'manager') {
      replies.push(turn);
    }
  }
  return replies;
}

export function isBackchannel(turn: TurnView): boolean {
  return turn.words.every((word) => BACKCHANNEL_WORDS.has(word.norm));
}

/**
 * Objection handling: every objection is acknowledged or answered, not argued with or ignored. Not
 * applicable when the client raised no objection.
 */
export function judgeObjections(input: DetectorInput, definition: CriterionDefinition): CriterionOutcome {
  if (input.completeness.managerSilent) {
    return notApplicable(MANAGER_SILENT_EXPLANATION);
  }
  const objections = findObjections(input);
  if (objections.length === 0) {
    return notApplicable('Клиент не высказывал возражений.');
  }
  const arguing = patternsOf(input, ARGUING_PHRASES);
  const acknowledging = [...patternsOf(input, OBJECTION_ACKNOWLEDGE_PHRASES), ...patternsOf(input, definition.phrases)];

  for (const objection of objections) {
    const replies = repliesToObjection(input, objection.turn);
    const argued = replies.find((turn) => containsAnyPhrase(arguing, turn.words));
    if (argued !== undefined) {
      return {
        result: 'failed',
        explanation: 'На возражение клиента менеджер стал спорить вместо того, чтобы разобраться.',
        evidence: [objection.evidence, evidenceFromTurn(input.view, argued)],
      };
    }
    const words = replies.reduce((sum, turn) => sum + turn.words.length, 0);
    const acknowledged = replies.some((turn) => containsAnyPhrase(acknowledging, turn.words));
    if (!acknowledged && words < ANSWER_WORDS) {
      return {
        result: 'failed',
        explanation: 'Возражение клиента осталось без ответа: менеджер его не отработал.',
        evidence: [objection.evidence],
      };
    }
  }
  return {
    result: 'passed',
    explanation: objections.length === 1 ? 'Менеджер ответил на возражение клиента.' : `Менеджер ответил на все возражения клиента (${objections.length}).`,
    evidence: objections.slice(0, 3).map((objection) => objection.evidence),
  };
}
