import type { DetectorInput } from '../detector-input.ts';
import { momentLead } from '../evidence.ts';
import { clientSentiment, cueEvidence, type MoodCue } from '../sentiment.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

// The end of the call, for the client's closing mood: the last 40 % of the client's words.
const END_SHARE = 0.4;

/**
 * Client dissatisfied: the client ends the call negative (complaints, threats to leave, «ничего не понял»,
 * sarcasm), or their mood drops during it. Quotes the clearest complaint near the end.
 */
export function detectClientDissatisfied(input: DetectorInput, cues: readonly MoodCue[]): FindingDraft[] {
  const total = input.view.client.words.length;
  if (total === 0) {
    return [];
  }
  const endFrom = Math.floor(total * (1 - END_SHARE));
  const { sentimentStart, sentimentEnd } = clientSentiment(input, cues);
  const strongAtEnd = cues.filter((cue) => cue.strong && cue.first >= endFrom);
  const dropped = sentimentStart === 'positive' && sentimentEnd === 'negative';
  const lastPositive = cues.filter((cue) => cue.weight > 0).at(-1);
  const lastStrong = strongAtEnd.at(-1);
  // Warm thanks after the last complaint mean the client left reconciled.
  const reconciled = lastStrong !== undefined && lastPositive !== undefined && lastPositive.first > lastStrong.last;
  if ((strongAtEnd.length === 0 || reconciled) && !dropped) {
    return [];
  }
  const clearest = lastStrong ?? cues.filter((cue) => cue.weight < 0).at(-1);
  if (clearest === undefined) {
    return [];
  }
  const evidence = cueEvidence(input, clearest);
  const further = strongAtEnd.filter((cue) => cue !== clearest).map((cue) => cueEvidence(input, cue));
  return [draftFinding(
    'client_dissatisfied',
    evidence,
    dropped ? 'Настроение клиента ухудшилось к концу разговора.' : 'Клиент заканчивает разговор недовольным.',
    `${momentLead(evidence, 'client', 'сказал')} — признайте недовольство («понимаю, это неприятно»), назовите, что вы сделаете прямо сейчас, и договоритесь о сроке; не завершайте звонок, пока клиент раздражён.`,
    further,
  )];
}
