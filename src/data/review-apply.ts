import { scoreCall } from '../core/evaluation/score.ts';
import type { CriterionId } from '../core/model/checklist.ts';
import type { CriterionResult, Evaluation, Finding, FindingKind, Severity } from '../core/model/evaluation.ts';

export type ReviewTargetType = 'criterion' | 'finding';
export type FindingAction = 'keep' | 'remove';

/** A reviewer's decision in force on one criterion verdict or one finding of a call. */
export interface ReviewOverride {
  id: number;
  callId: string;
  target: ReviewTargetType;
  /** A criterion id, or a finding key from `findingKey`. */
  targetKey: string;
  /** For a criterion: the verdict in force. A confirmation stores the engine's verdict. */
  criterionResult: CriterionResult | null;
  /** For a finding: `keep` (confirmed, severity changed, or added) or `remove` (false). */
  findingAction: FindingAction | null;
  findingSeverity: Severity | null;
  /** The kept or added finding as the reviewer saw it. */
  finding: Finding | null;
  /** True for a finding the engine missed and a reviewer added. */
  added: boolean;
  comment: string;
  source: 'review' | 'dispute';
  disputeId: number | null;
  authorId: number | null;
  authorName: string | null;
  createdAt: string;
  updatedAt: string;
}

export type FindingOrigin = 'engine' | 'reviewer';

/** An evaluation with reviewers' decisions applied, and which decision changed what. */
export interface ReviewedEvaluation {
  /** The evaluation in force: the engine's with the decisions applied and the score recomputed. */
  evaluation: Evaluation;
  machine: Evaluation;
  /** Applied decisions on criteria, by criterion id. */
  criterionOverrides: ReadonlyMap<CriterionId, ReviewOverride>;
  /** For each finding of `evaluation.findings`, at the same position: where it came from and the decision on it. */
  findings: readonly { origin: FindingOrigin; override: ReviewOverride | null }[];
  /** The engine's findings a reviewer removed as false. */
  removedFindings: readonly { finding: Finding; override: ReviewOverride }[];
  /** Decisions whose criterion or finding is not part of this evaluation, kept to show but not applied. */
  stale: readonly ReviewOverride[];
}

export interface ReviewRules {
  /** The checklist's score cap for a failed critical criterion. */
  criticalCap: number;
  /** Finding kinds the checklist switched off: kept or added findings of these kinds no longer count. */
  disabledFindingKinds: ReadonlySet<FindingKind>;
  /** The severity the checklist gives each finding kind. */
  findingSeverities: ReadonlyMap<FindingKind, Severity>;
}

/**
 * Names a finding within its call: its kind and the turn it points to. Turn indexes do not change when
 * a call is evaluated again, so the key finds the same finding in a new evaluation. Two findings of one
 * kind on one turn share a key, and a decision on the key applies to both.
 */
export function findingKey(finding: Pick<Finding, 'kind' | 'turn'>): string {
  return `${finding.kind}@${finding.turn}`;
}

/**
 * Applies reviewers' decisions to the engine's evaluation and recomputes the score with the engine's
 * formula. A criterion decision applies while the criterion is still judged, and a removal while the
 * engine still finds the finding. A kept or added finding applies even when the engine no longer finds
 * it, as long as the checklist still checks its kind, so a re-evaluation does not undo a reviewer's
 * work. Pure: the inputs are left unchanged.
 */
export function applyReview(machine: Evaluation, overrides: readonly ReviewOverride[], rules: ReviewRules): ReviewedEvaluation {
  const stale: ReviewOverride[] = [];
  const criterionOverrides = new Map<CriterionId, ReviewOverride>();
  const criterionIds = new Set<string>(machine.criteria.map((criterion) => criterion.id));
  const findingOverrides = new Map<string, ReviewOverride>();

  for (const override of overrides) {
    if (override.target === 'criterion') {
      if (criterionIds.has(override.targetKey) && override.criterionResult !== null) {
        criterionOverrides.set(override.targetKey as CriterionId, override);
      } else {
        stale.push(override);
      }
    } else {
      findingOverrides.set(override.targetKey, override);
    }
  }

  const criteria = machine.criteria.map((criterion) => {
    const override = criterionOverrides.get(criterion.id);
    return override?.criterionResult == null ? criterion : { ...criterion, result: override.criterionResult };
  });

  const findings: Finding[] = [];
  const origins: { origin: FindingOrigin; override: ReviewOverride | null }[] = [];
  const removedFindings: { finding: Finding; override: ReviewOverride }[] = [];
  const machineKeys = new Set<string>();
  for (const finding of machine.findings) {
    const key = findingKey(finding);
    machineKeys.add(key);
    const override = findingOverrides.get(key);
    if (override?.findingAction === 'remove') {
      removedFindings.push({ finding, override });
      continue;
    }
    findings.push(override?.findingSeverity == null ? finding : { ...finding, severity: override.findingSeverity });
    origins.push({ origin: 'engine', override: override ?? null });
  }

  for (const override of findingOverrides.values()) {
    if (machineKeys.has(override.targetKey)) {
      continue;
    }
    const kept = override.findingAction === 'keep' ? override.finding : null;
    if (kept === null || rules.disabledFindingKinds.has(kept.kind)) {
      stale.push(override);
      continue;
    }
    findings.push(override.findingSeverity === null ? kept : { ...kept, severity: override.findingSeverity });
    origins.push({ origin: 'reviewer', override });
  }

  const changed = criterionOverrides.size > 0 || origins.some((entry) => entry.override !== null) || removedFindings.length > 0;
  // scoreCall reads only the cap of the settings; the other two do not change a score.
  const settings = { criticalCap: rules.criticalCap, longHoldSec: 0, minWordsPerMinute: 0 };
  const score = changed ? scoreCall(criteria, findings, settings) : machine.score;
  return {
    evaluation: { ...machine, criteria, findings, score },
    machine,
    criterionOverrides,
    findings: origins,
    removedFindings,
    stale: stale.sort((left, right) => left.id - right.id),
  };
}
