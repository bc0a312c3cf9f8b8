import { isDeepStrictEqual } from 'node:util';

import type { Evaluation } from '../../core/model/evaluation.ts';

/**
 * Checks that a fresh evaluation has exactly the stored one's content and checklist version.
 * The fresh one goes through JSON first, as the stored one did, so absent and undefined fields agree.
 * Saving an equal evaluation again would only add a duplicate to the call's history.
 */
export function isSameEvaluation(stored: Evaluation, fresh: Evaluation): boolean {
  if (stored.checklist.id !== fresh.checklist.id || stored.checklist.version !== fresh.checklist.version) {
    return false;
  }
  return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(fresh)) as unknown);
}
