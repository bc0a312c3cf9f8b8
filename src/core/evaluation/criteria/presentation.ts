import type { CriterionDefinition } from '../../model/checklist.ts';
import { type CallWord, turnsOf, type TurnView } from '../call-view.ts';
import { type CriterionOutcome, type DetectorInput, findInTurns, MANAGER_SILENT_EXPLANATION, notApplicable, patternsOf, turnMatchEvidence } from '../detector-input.ts';
import { OFFER_PHRASES, TIE_TO_NEED_PHRASES } from '../lexicon/sales.lexicon.ts';
import { containsAnyPhrase, type PhraseMatch } from '../../text/phrase-pattern.ts';
import { findNeedDiscovery } from './needs.ts';

/** The manager's first offer, if any. */
export function firstOffer(input: DetectorInput): { turn: TurnView; match: PhraseMatch } | null {
  return findInTurns(patternsOf(input, OFFER_PHRASES), turnsOf(input.view, 'manager'));
}

// Content nouns the client and the offer share show the offer answers what the client said.
const SHARED_NOUNS_TO_TIE = 2;

/**
 * Presentation: the offer is tied to what the client said they need — a need question came first, the
 * offer refers to the client's words, or it uses a tying phrase («вам подойдёт, раз …»). Not applicable
 * when the manager offered nothing.
 */
export function judgePresentation(input: DetectorInput, definition: CriterionDefinition): CriterionOutcome {
  if (input.completeness.managerSilent) {
    return notApplicable(MANAGER_SILENT_EXPLANATION);
  }
  const offer = firstOffer(input);
  if (offer === null) {
    return notApplicable('Менеджер ничего не предлагал клиенту — презентацию оценить нельзя.');
  }
  const evidence = turnMatchEvidence(input, offer.turn, offer.match);
  const offerPosition = offer.turn.position;

  const discovery = findNeedDiscovery(input);
  if (discovery !== null && discovery.position <= offerPosition) {
    return {
      result: 'passed',
      explanation: 'Менеджер сначала выяснил потребность клиента, затем сделал предложение.',
      evidence: [discovery.evidence, evidence],
    };
  }
  const tying = patternsOf(input, TIE_TO_NEED_PHRASES);
  if (containsAnyPhrase(tying, offer.turn.words) || containsAnyPhrase(patternsOf(input, definition.phrases), offer.turn.words)) {
    return { result: 'passed', explanation: 'Менеджер связал предложение с тем, что сказал клиент.', evidence: [evidence] };
  }
  if (sharedNouns(clientWordsBefore(input, offerPosition), offer.turn.words) >= SHARED_NOUNS_TO_TIE) {
    return { result: 'passed', explanation: 'Предложение опирается на слова клиента.', evidence: [evidence] };
  }
  return {
    result: 'failed',
    explanation: 'Менеджер сделал предложение, не выяснив, что нужно клиенту, и не связал его со словами клиента.',
    evidence: [evidence],
  };
}

function clientWordsBefore(input: DetectorInput, position: number): CallWord[] {
  return input.view.client.words.filter((word) => word.turnPosition < position);
}

function sharedNouns(client: readonly CallWord[], offer: readonly CallWord[]): number {
  const clientNouns = new Set(client.filter((word) => word.pos === 'NOUN' && word.lemma.length > 3).map((word) => word.lemma));
  const shared = new Set(offer.filter((word) => word.pos === 'NOUN' && clientNouns.has(word.lemma)).map((word) => word.lemma));
  return shared.size;
}
