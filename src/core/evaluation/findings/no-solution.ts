import type { CallWord } from '../call-view.ts';
import { lastStepMention } from '../criteria/next-step.ts';
import { closingTurns, type DetectorInput, patternsOf, turnMatchEvidence } from '../detector-input.ts';
import { momentLead } from '../evidence.ts';
import { CLIENT_DECISION_PHRASES, CLIENT_PROBLEM_PHRASES } from '../lexicon/client-request.lexicon.ts';
import { findAllPhrases, type PhraseMatch } from '../../text/phrase-pattern.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

// The client's unresolved request is looked for in the second half of the call.
const REQUEST_SHARE = 0.5;
const REQUEST_MIN_TURNS = 8;
// The client's own decision («подумаю», «сам перезвоню») is looked for in the last turns.
const DECISION_TURNS = 6;

/**
 * No solution: the client raised a problem or request, and the call ended with neither a solution, nor a
 * transfer to someone who can solve it, nor a concrete next step. A client who chose to think it over after
 * raising the problem is not left without a solution.
 */
export function detectNoSolution(input: DetectorInput): FindingDraft[] {
  if (input.completeness.endingMissing || input.completeness.managerSilent) {
    return [];
  }
  const step = lastStepMention(input);
  if (step !== null && step.kind !== 'vague') {
    return [];
  }
  const tail = closingTurns(input, REQUEST_SHARE, REQUEST_MIN_TURNS);
  const clientTail = tail.filter((turn) => turn.turn.role === 'client');
  const problems = patternsOf(input, CLIENT_PROBLEM_PHRASES);
  // The quote is the turn's first problem phrase, and its last one is what a decision must follow.
  let request: { turn: (typeof clientTail)[number]; match: PhraseMatch; lastWord: number } | null = null;
  for (const turn of clientTail) {
    const matches = findAllPhrases(problems, turn.words).filter((match) => !isGenericRemark(turn.words.slice(match.first, match.last + 1)));
    const [first] = matches;
    if (first !== undefined) {
      request = { turn, match: first, lastWord: Math.max(...matches.map((match) => match.last)) };
    }
  }
  if (request === null) {
    return [];
  }
  // The client's decision settles only what came before it. «Нет, пока не решили» turns down an offer, but a
  // problem the client raises after it («…но каналы так и будут повторяться») is still open.
  const decisions = patternsOf(input, CLIENT_DECISION_PHRASES);
  const decided = clientTail.slice(-DECISION_TURNS).some((turn) => {
    const lastDecision = Math.max(-1, ...findAllPhrases(decisions, turn.words).map((match) => match.first));
    return lastDecision >= 0 && (turn.position > request.turn.position || (turn === request.turn && lastDecision > request.lastWord));
  });
  if (decided) {
    return [];
  }
  const evidence = turnMatchEvidence(input, request.turn, request.match);
  return [draftFinding(
    'no_solution',
    evidence,
    'Проблема клиента осталась без решения: разговор закончился без перевода к специалисту и без конкретного следующего шага.',
    `${momentLead(evidence, 'client', 'сказал')} — не заканчивайте разговор, пока не предложите решение: исправьте сами, переведите к тому, кто решит, или договоритесь о конкретном шаге со сроком.`,
  )];
}


/**
 * Tells whether a problem phrase is put in the generic «ты» («там ничего не вернёшь», «до них не
 * дозвонишься»): a resigned remark about how things are, not a request the manager could act on.
 */
function isGenericRemark(words: readonly CallWord[]): boolean {
  return words.some((word) => word.pos === 'VERB' && word.grammemes.includes('2per') && word.grammemes.includes('sing'));
}
