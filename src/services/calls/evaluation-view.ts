import type { CriterionId } from '../../core/model/checklist.ts';
import type { Evaluation, Finding, FindingKind, Severity, CriterionResult, Evidence } from '../../core/model/evaluation.ts';
import { FINDING_TITLES } from '../../core/model/finding-titles.ts';
import type { ReviewedEvaluation, ReviewOverride, StoredDispute } from '../../data/index.ts';
import { findingKey } from '../../data/index.ts';
import { overrideView } from '../reviews/review-views.ts';
import type { OverrideView } from '../reviews/review-views.ts';

export interface ReviewMark {
  overrideId: number;
  source: 'review' | 'dispute';
  author: string | null;
  comment: string;
  at: string;
}

export interface CriterionView {
  id: CriterionId;
  title: string;
  weight: number;
  critical: boolean;
  result: CriterionResult;
  machineResult: CriterionResult;
  explanation: string;
  evidence: Evidence[];
  review: ReviewMark | null;
  openDisputeId: number | null;
}

export interface FindingView {
  key: string;
  kind: FindingKind;
  title: string;
  severity: Severity;
  origin: 'engine' | 'reviewer';
  turn: number;
  startSec: number | null;
  quote: string;
  explanation: string;
  recommendation: string;
  evidence: Evidence[];
  review: ReviewMark | null;
  openDisputeId: number | null;
}

export interface EvaluationView {
  id: number;
  checklist: { id: string; version: number };
  createdAt: string;
  score: number | null;
  machineScore: number | null;
  criteria: CriterionView[];
  findings: FindingView[];
  removedFindings: FindingView[];
  staleOverrides: OverrideView[];
  metrics: Evaluation['metrics'];
  promises: Evaluation['promises'];
  client: Evaluation['client'];
  transcript: Evaluation['transcript'];
}

/** Builds the API view of an evaluation with reviewers' decisions, marking each changed verdict and open dispute. */
export function evaluationView(
  record: { id: number; createdAt: string },
  reviewed: ReviewedEvaluation,
  openDisputes: readonly StoredDispute[],
): EvaluationView {
  const { evaluation, machine } = reviewed;
  const disputeOf = (target: 'criterion' | 'finding', key: string): number | null =>
    openDisputes.find((dispute) => dispute.status === 'open' && dispute.target === target && dispute.targetKey === key)?.id ?? null;
  const machineResults = new Map(machine.criteria.map((criterion) => [criterion.id, criterion.result]));

  return {
    id: record.id,
    checklist: evaluation.checklist,
    createdAt: record.createdAt,
    score: evaluation.score,
    machineScore: machine.score,
    criteria: evaluation.criteria.map((criterion) => ({
      id: criterion.id,
      title: criterion.title,
      weight: criterion.weight,
      critical: criterion.critical,
      result: criterion.result,
      machineResult: machineResults.get(criterion.id) ?? criterion.result,
      explanation: criterion.explanation,
      evidence: criterion.evidence,
      review: markOf(reviewed.criterionOverrides.get(criterion.id) ?? null),
      openDisputeId: disputeOf('criterion', criterion.id),
    })),
    findings: evaluation.findings.map((finding, position) => {
      const entry = reviewed.findings[position];
      return findingView(finding, entry?.origin ?? 'engine', entry?.override ?? null, disputeOf('finding', findingKey(finding)));
    }),
    removedFindings: reviewed.removedFindings.map(({ finding, override }) => findingView(finding, 'engine', override, null)),
    staleOverrides: reviewed.stale.map(overrideView),
    metrics: evaluation.metrics,
    promises: evaluation.promises,
    client: evaluation.client,
    transcript: evaluation.transcript,
  };
}

function findingView(finding: Finding, origin: 'engine' | 'reviewer', override: ReviewOverride | null, openDisputeId: number | null): FindingView {
  return {
    key: findingKey(finding),
    kind: finding.kind,
    title: FINDING_TITLES[finding.kind],
    severity: finding.severity,
    origin,
    turn: finding.turn,
    startSec: finding.startSec,
    quote: finding.quote,
    explanation: finding.explanation,
    recommendation: finding.recommendation,
    evidence: finding.evidence,
    review: markOf(override),
    openDisputeId,
  };
}

function markOf(override: ReviewOverride | null): ReviewMark | null {
  return override === null
    ? null
    : { overrideId: override.id, source: override.source, author: override.authorName, comment: override.comment, at: override.updatedAt };
}
