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

/** The kind of difference between two evaluations of a call, in what lists and reports show. */
export type OutcomeChange = 'score' | 'verdicts' | 'none';

/**
 * Compares two evaluations of one call as lists and reports show them: the score first, then the
 * criterion verdicts and the findings (kind, turn and severity). Texts, quotes and the checklist version
 * do not count. A call without an earlier evaluation counts as a changed score.
 */
export function outcomeChange(before: Evaluation | null, after: Evaluation): OutcomeChange {
  if (before?.score !== after.score) {
    return 'score';
  }
  const sameVerdicts = isDeepStrictEqual(verdictsOf(before), verdictsOf(after));
  const sameFindings = isDeepStrictEqual(findingsOf(before), findingsOf(after));
  return sameVerdicts && sameFindings ? 'none' : 'verdicts';
}

function verdictsOf(evaluation: Evaluation): string[] {
  return evaluation.criteria.map((criterion) => `${criterion.id}=${criterion.result}`).sort();
}

function findingsOf(evaluation: Evaluation): string[] {
  return evaluation.findings.map((finding) => `${finding.kind}@${finding.turn}:${finding.severity}`).sort();
}
