import type { DetectorInput } from '../detector-input.ts';
import { momentLead } from '../evidence.ts';
import { clientSentiment, cueEvidence, type MoodCue } from '../sentiment.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

/**
 * Client dissatisfied: the client complains clearly (a strong complaint, a threat to leave, «ничего не понял»,
 * sarcasm) and does not leave reconciled — no warm thanks follow the last complaint — or their mood drops
 * from positive at the start to negative at the end. Quotes the last complaint; the others are its evidence.
 */
export function detectClientDissatisfied(input: DetectorInput, cues: readonly MoodCue[]): FindingDraft[] {
  if (input.view.client.words.length === 0) {
    return [];
  }
  const complaints = cues.filter((cue) => cue.strong && cue.weight < 0);
  const last = complaints.at(-1);
  const { sentimentStart, sentimentEnd } = clientSentiment(input, cues);
  const dropped = sentimentStart === 'positive' && sentimentEnd === 'negative';
  const reconciled = last !== undefined && cues.some((cue) => cue.strong && cue.weight > 0 && cue.first > last.last);
  if ((last === undefined || reconciled) && !dropped) {
    return [];
  }
  const clearest = last ?? cues.filter((cue) => cue.weight < 0).at(-1);
  if (clearest === undefined) {
    return [];
  }
  const evidence = cueEvidence(input, clearest);
  const further = complaints.filter((cue) => cue !== clearest).reverse().map((cue) => cueEvidence(input, cue));
  return [draftFinding(
    'client_dissatisfied',
    evidence,
    dropped ? 'Настроение клиента ухудшилось к концу разговора.' : 'Клиент недоволен и заканчивает разговор, так и не получив того, что его устроило бы.',
    `${momentLead(evidence, 'client', 'сказал')} — признайте недовольство («понимаю, это неприятно»), назовите, что вы сделаете прямо сейчас, и договоритесь о сроке; не завершайте звонок, пока клиент раздражён.`,
    further,
  )];
}
