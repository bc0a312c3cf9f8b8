import { findNeedDiscovery } from '../criteria/needs.ts';
import { firstOffer } from '../criteria/presentation.ts';
import { type DetectorInput, turnMatchEvidence } from '../detector-input.ts';
import { momentLead } from '../evidence.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

/** Needs not discovered: the manager offered or sold something before asking anything about the client's situation. */
export function detectNeedsNotDiscovered(input: DetectorInput): FindingDraft[] {
  const offer = firstOffer(input);
  if (offer === null) {
    return [];
  }
  const discovery = findNeedDiscovery(input);
  if (discovery !== null && discovery.position <= offer.turn.position) {
    return [];
  }
  const evidence = turnMatchEvidence(input, offer.turn, offer.match);
  return [draftFinding(
    'needs_not_discovered',
    evidence,
    'Менеджер перешёл к предложению, не задав ни одного вопроса о ситуации и потребностях клиента.',
    `${momentLead(evidence, 'manager', 'начали предложение')} — прежде чем предлагать, спросите, как клиент пользуется услугой и что для него важно, и стройте предложение на его ответе.`,
  )];
}
