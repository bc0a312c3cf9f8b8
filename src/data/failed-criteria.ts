import type { CriterionResult } from '../core/model/evaluation.ts';

/** A failed checklist criterion as the calls list shows it. */
export interface FailedCriterionBrief {
  id: string;
  title: string;
  critical: boolean;
}

/** Failed criteria a list row carries: critical ones first, then by weight. */
export const FAILED_CRITERIA_PER_CALL = 4;

/**
 * Picks the call's failed criteria for the calls list, so a row with a low score and no findings can say
 * what lowered it. The result is stored on the call, like the worst findings.
 */
export function failedCriteriaOf(criteria: readonly { id: string; title: string; critical: boolean; weight: number; result: CriterionResult }[]): FailedCriterionBrief[] {
  return [...criteria]
    .filter((criterion) => criterion.result === 'failed')
    .sort((left, right) => Number(right.critical) - Number(left.critical) || right.weight - left.weight)
    .slice(0, FAILED_CRITERIA_PER_CALL)
    .map((criterion) => ({ id: criterion.id, title: criterion.title, critical: criterion.critical }));
}
