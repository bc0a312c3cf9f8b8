import { evaluateCall } from '../../core/evaluation/evaluate-call.ts';
import type { Checklist } from '../../core/model/checklist.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import type { Morphology } from '../../core/text/morphology.ts';
import type { StoredCall } from '../../data/index.ts';
import { carryOutcomeFindings } from '../followthrough/outcome-findings.ts';
import { isSameEvaluation } from './evaluation-equality.ts';

/**
 * Evaluates a stored call again as its analysis did: the transcript as it was saved (roles, recognition
 * flags, metadata), in the time zone the call was analysed in, with the outcome findings of its current
 * evaluation kept. With the same checklist and engine the result equals the current evaluation.
 */
export function evaluateStoredCall(stored: StoredCall, checklist: Checklist, morphology: Morphology): Evaluation {
  const fresh = evaluateCall(stored.transcript, checklist, { morphology, timeZone: stored.timeZone });
  return stored.evaluation === null ? fresh : carryOutcomeFindings(fresh, stored.evaluation, checklist);
}

/**
 * Picks what to save for a call analysed again: the new evaluation with the current one's outcome
 * findings carried over, or null when that equals the current evaluation (saving it would only add a
 * duplicate to the call's history).
 */
export function evaluationToSave(current: Evaluation | null, fresh: Evaluation, checklist: Checklist): Evaluation | null {
  if (current === null) {
    return fresh;
  }
  const next = carryOutcomeFindings(fresh, current, checklist);
  return isSameEvaluation(current, next) ? null : next;
}
