import type { CallPromise, PromiseAction } from '../model/evaluation.ts';
import type { Turn } from '../model/transcript.ts';
import type { Morphology } from '../text/morphology.ts';
import { tokenize } from '../text/tokenize.ts';

export interface PromiseContext {
  morphology: Morphology;
  /** The call's start, ISO 8601, used to resolve due times; null when unknown. */
  callStartedAt: string | null;
  /** IANA zone for due times when `callStartedAt` carries no offset. */
  timeZone: string;
}

const ACTION_BY_LEMMA: Readonly<Record<string, PromiseAction>> = {
  перезвонить: 'callback',
  прислать: 'send',
  отправить: 'send',
  скинуть: 'send',
};

/** Extracts the manager's commitments to do something after the call. */
export function extractPromises(turns: readonly Turn[], context: PromiseContext): CallPromise[] {
  const promises: CallPromise[] = [];
  for (const turn of turns) {
    if (turn.role !== 'manager') {
      continue;
    }
    for (const token of tokenize(turn.text)) {
      const action = ACTION_BY_LEMMA[context.morphology.analyze(token.norm).lemma];
      if (action !== undefined) {
        promises.push({ turn: turn.index, startSec: turn.startSec, quote: turn.text, action, dueText: null, due: null });
        break;
      }
    }
  }
  return promises;
}
