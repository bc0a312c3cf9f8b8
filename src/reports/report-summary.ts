import path from 'node:path';

import type { Evaluation, Finding, FindingKind } from '../core/model/evaluation.ts';
import { FINDING_TITLES, SEVERITY_RANK } from '../core/model/finding-titles.ts';
import { FINDING_PENALTY } from '../core/evaluation/score.ts';

/** The call's short name in tables and reports: the file name, plus the source's call id when a file holds several calls. */
export function callLabel(evaluation: Evaluation): string {
  const file = path.basename(evaluation.call.source.replace(/#.*$/, ''));
  return evaluation.call.externalId === null ? file : `${file} № ${evaluation.call.externalId}`;
}

export const UNKNOWN_MANAGER = 'Менеджер не указан';

export interface ManagerSummary {
  manager: string;
  team: string | null;
  calls: number;
  /** Calls that got a score (calls with no speech have none). */
  scoredCalls: number;
  averageScore: number | null;
  /** Calls with at least one critical finding or a failed critical criterion. */
  criticalCalls: number;
  findings: { kind: FindingKind; title: string; count: number }[];
}

export interface CauseExample {
  callId: string;
  manager: string;
  quote: string;
  startSec: number | null;
  turn: number;
}

export interface CauseSummary {
  kind: FindingKind;
  title: string;
  /** Calls with this finding. */
  calls: number;
  /** Share of scored calls with this finding, 0..1. */
  share: number;
  averageScoreWith: number | null;
  averageScoreWithout: number | null;
  /** How many points lower calls with this finding score on average; null without both groups. */
  scoreDrop: number | null;
  /**
   * Points the findings of this kind take from the score of a call that has them, on average. Unlike
   * `scoreDrop` it does not depend on what else is wrong in the other calls: a minor habit found in calls
   * that are otherwise good scores above the rest, so its `scoreDrop` is negative, yet it still costs points.
   */
  pointsLost: number | null;
  examples: CauseExample[];
}

export function managerNameOf(evaluation: Evaluation): string {
  return evaluation.call.manager?.name ?? UNKNOWN_MANAGER;
}

/** Groups evaluations by manager, best average score first; managers without scores go last. */
export function summarizeManagers(evaluations: readonly Evaluation[]): ManagerSummary[] {
  const groups = new Map<string, Evaluation[]>();
  for (const evaluation of evaluations) {
    const name = managerNameOf(evaluation);
    const group = groups.get(name) ?? [];
    group.push(evaluation);
    groups.set(name, group);
  }

  const summaries = [...groups.entries()].map(([manager, group]): ManagerSummary => {
    const scores = group.map((evaluation) => evaluation.score).filter((score): score is number => score !== null);
    const counts = countFindings(group.flatMap((evaluation) => evaluation.findings));
    return {
      manager,
      team: group.find((evaluation) => evaluation.call.manager?.team)?.call.manager?.team ?? null,
      calls: group.length,
      scoredCalls: scores.length,
      averageScore: average(scores),
      criticalCalls: group.filter(isCriticalCall).length,
      findings: counts,
    };
  });

  return summaries.sort((a, b) => (b.averageScore ?? -1) - (a.averageScore ?? -1) || a.manager.localeCompare(b.manager, 'ru'));
}

/**
 * Ranks finding kinds as causes of bad calls: by how many calls show them, then by how much lower
 * those calls score than the rest. Each cause keeps up to `exampleCount` quotes, worst calls first.
 */
export function rankCauses(evaluations: readonly Evaluation[], exampleCount = 3): CauseSummary[] {
  const scored = evaluations.filter((evaluation) => evaluation.score !== null);
  const kinds = new Set(scored.flatMap((evaluation) => evaluation.findings.map((finding) => finding.kind)));

  const causes = [...kinds].map((kind): CauseSummary => {
    const withKind = scored.filter((evaluation) => evaluation.findings.some((finding) => finding.kind === kind));
    const withoutKind = scored.filter((evaluation) => !withKind.includes(evaluation));
    const averageWith = average(withKind.map(scoreOf));
    const averageWithout = average(withoutKind.map(scoreOf));
    const examples = [...withKind]
      .sort((a, b) => scoreOf(a) - scoreOf(b))
      .slice(0, exampleCount)
      .map((evaluation): CauseExample => {
        const finding = worstFinding(evaluation.findings.filter((item) => item.kind === kind));
        return { callId: evaluation.call.id, manager: managerNameOf(evaluation), quote: finding.quote, startSec: finding.startSec, turn: finding.turn };
      });
    return {
      kind,
      title: FINDING_TITLES[kind],
      calls: withKind.length,
      share: scored.length === 0 ? 0 : withKind.length / scored.length,
      averageScoreWith: averageWith,
      averageScoreWithout: averageWithout,
      scoreDrop: averageWith !== null && averageWithout !== null ? round1(averageWithout - averageWith) : null,
      pointsLost: withKind.length === 0 ? null : round1(average(withKind.map((evaluation) => pointsLostTo(evaluation, kind))) ?? 0),
      examples,
    };
  });

  return causes.sort((a, b) => b.calls - a.calls || (b.scoreDrop ?? 0) - (a.scoreDrop ?? 0) || a.kind.localeCompare(b.kind));
}

/**
 * Points the call's findings of `kind` take from its score, as `scoreCall` counts them: their penalties,
 * but no more than the score the other findings left above 0.
 * NOTE: the checklist's cap for a failed critical criterion is not in the evaluation, so a call held at
 * that cap is counted as if the cap were not there and may show more points lost than it did.
 */
function pointsLostTo(evaluation: Evaluation, kind: FindingKind): number {
  const applicable = evaluation.criteria.filter((criterion) => criterion.result !== 'not_applicable' && criterion.weight > 0);
  const totalWeight = applicable.reduce((sum, criterion) => sum + criterion.weight, 0);
  if (totalWeight === 0) {
    return 0;
  }
  const passedWeight = applicable.filter((criterion) => criterion.result === 'passed').reduce((sum, criterion) => sum + criterion.weight, 0);
  const penaltyOf = (findings: readonly Finding[]) => findings.reduce((sum, finding) => sum + FINDING_PENALTY[finding.severity], 0);
  const ofKind = penaltyOf(evaluation.findings.filter((finding) => finding.kind === kind));
  const others = penaltyOf(evaluation.findings.filter((finding) => finding.kind !== kind));
  const leftByOthers = Math.max(0, (100 * passedWeight) / totalWeight - others);
  return Math.min(ofKind, leftByOthers);
}

/** Findings sorted from the worst: severity, then time in the call. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.turn - b.turn);
}

export function isCriticalCall(evaluation: Evaluation): boolean {
  return (
    evaluation.findings.some((finding) => finding.severity === 'critical') ||
    evaluation.criteria.some((criterion) => criterion.critical && criterion.result === 'failed')
  );
}

function countFindings(findings: readonly Finding[]): ManagerSummary['findings'] {
  const counts = new Map<FindingKind, number>();
  for (const finding of findings) {
    counts.set(finding.kind, (counts.get(finding.kind) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([kind, count]) => ({ kind, title: FINDING_TITLES[kind], count }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

function worstFinding(findings: readonly Finding[]): Finding {
  const [worst] = sortFindings(findings);
  if (worst === undefined) {
    throw new Error('worstFinding needs at least one finding');
  }
  return worst;
}

function scoreOf(evaluation: Evaluation): number {
  return evaluation.score ?? 0;
}

function average(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  return round1(values.reduce((sum, value) => sum + value, 0) / values.length);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
