import type { ChecklistSettings } from '../model/checklist.ts';
import type { CriterionVerdict, Finding, Severity } from '../model/evaluation.ts';

/** Points a finding of each severity takes from the score. */
export const FINDING_PENALTY: Readonly<Record<Severity, number>> = { critical: 15, major: 8, minor: 3 };

/**
 * Scores a call, 0–100:
 * 1. the weighted share of passed criteria among the applicable ones, times 100;
 * 2. minus the penalty of every finding by its severity (`FINDING_PENALTY`), not below 0;
 * 3. capped at `criticalCap` when a critical criterion failed;
 * 4. rounded to a whole number.
 * Returns null when no criterion could be judged.
 */
export function scoreCall(criteria: readonly CriterionVerdict[], findings: readonly Finding[], settings: ChecklistSettings): number | null {
  const applicable = criteria.filter((criterion) => criterion.result !== 'not_applicable' && criterion.weight > 0);
  const totalWeight = applicable.reduce((sum, criterion) => sum + criterion.weight, 0);
  if (totalWeight === 0) {
    return null;
  }
  const passedWeight = applicable.filter((criterion) => criterion.result === 'passed').reduce((sum, criterion) => sum + criterion.weight, 0);
  const penalty = findings.reduce((sum, finding) => sum + FINDING_PENALTY[finding.severity], 0);
  let score = Math.max(0, (100 * passedWeight) / totalWeight - penalty);
  if (criteria.some((criterion) => criterion.critical && criterion.result === 'failed')) {
    score = Math.min(score, settings.criticalCap);
  }
  return Math.round(score);
}
