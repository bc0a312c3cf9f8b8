import { lastStepMention } from '../criteria/next-step.ts';
import { closingTurns, type DetectorInput, patternsOf, turnMatchEvidence } from '../detector-input.ts';
import { momentLead } from '../evidence.ts';
import { CLIENT_DECISION_PHRASES, CLIENT_PROBLEM_PHRASES } from '../lexicon/client-request.lexicon.ts';
import { containsAnyPhrase, findAnyPhrase } from '../../text/phrase-pattern.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

// The client's unresolved request is looked for in the second half of the call.
const REQUEST_SHARE = 0.5;
const REQUEST_MIN_TURNS = 8;
// The client's own decision («подумаю», «сам перезвоню») is looked for in the last turns.
const DECISION_TURNS = 6;

/**
 * No solution: the client raised a problem or request, and the call ended with neither a solution, nor a
 * transfer to someone who can solve it, nor a concrete next step. A client who chose to think it over is
 * not left without a solution.
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
  const decided = clientTail.slice(-DECISION_TURNS).some((turn) => containsAnyPhrase(patternsOf(input, CLIENT_DECISION_PHRASES), turn.words));
  if (decided) {
    return [];
  }
  const problems = patternsOf(input, CLIENT_PROBLEM_PHRASES);
  let request: { turn: (typeof clientTail)[number]; match: NonNullable<ReturnType<typeof findAnyPhrase>> } | null = null;
  for (const turn of clientTail) {
    const match = findAnyPhrase(problems, turn.words);
    if (match !== null) {
      request = { turn, match };
    }
  }
  if (request === null) {
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
