import { isDeepStrictEqual } from 'node:util';

import { loadDefaultChecklist } from '../../checklists/checklist-loader.ts';
import { DEFAULT_SEVERITY } from '../../core/evaluation/findings/index.ts';
import { scoreCall } from '../../core/evaluation/score.ts';
import type { Checklist } from '../../core/model/checklist.ts';
import type { Evaluation, Finding } from '../../core/model/evaluation.ts';
import type { Database } from '../../data/index.ts';
import type { Logger } from '../../lib/logger.ts';

/** Finding kinds that come from what happened after the call rather than from the transcript. */
export const OUTCOME_FINDING_KINDS = ['promise_not_kept', 'missed_call_no_callback'] as const;

export type OutcomeFindingKind = (typeof OUTCOME_FINDING_KINDS)[number];

/** A finding the follow-through check wants in a call's current evaluation. */
export interface OutcomeFinding {
  callId: string;
  kind: OutcomeFindingKind;
  turn: number;
  startSec: number | null;
  quote: string;
  explanation: string;
  recommendation: string;
}

/**
 * Brings the outcome findings of each call's current evaluation in line with the follow-through
 * results. A call whose findings differ gets a new current evaluation. Its transcript findings are kept,
 * its outcome findings replaced and the score recomputed with the checklist's formula, while the
 * earlier evaluation stays in the history. A call whose findings already match is not touched, so a second run
 * saves nothing. `checkedCallIds` are calls whose outcome findings may have to go. Kinds the checklist
 * switches off are left out. Returns how many evaluations were saved.
 */
export async function reconcileOutcomeFindings(database: Database, wanted: readonly OutcomeFinding[], checkedCallIds: Iterable<string>, logger: Logger): Promise<number> {
  const byCall = new Map<string, OutcomeFinding[]>();
  for (const finding of wanted) {
    const list = byCall.get(finding.callId) ?? [];
    list.push(finding);
    byCall.set(finding.callId, list);
  }
  const callIds = new Set([...byCall.keys(), ...checkedCallIds, ...(await database.followThrough.listCallIdsWithFindings(OUTCOME_FINDING_KINDS))]);
  const checklists = new ChecklistCache(database);

  let saved = 0;
  for (const callId of [...callIds].sort()) {
    const stored = await database.calls.getCall(callId);
    const evaluation = stored?.evaluation;
    if (evaluation == null) continue;
    const checklist = await checklists.get(evaluation.checklist);
    const desired = (byCall.get(callId) ?? []).flatMap((finding) => toFinding(finding, checklist));
    const current = evaluation.findings.filter((finding) => isOutcomeKind(finding.kind));
    if (isDeepStrictEqual(sortFindings(current), sortFindings(desired))) continue;

    const updated = withOutcomeFindings(evaluation, desired, checklist);
    await database.evaluations.saveEvaluation(updated);
    logger.info({ callId, outcomeFindings: desired.length, score: updated.score }, 'outcome findings updated');
    saved += 1;
  }
  return saved;
}

/**
 * Replaces the evaluation's outcome findings with `outcomeFindings`, after its transcript findings, and
 * recomputes the score with the checklist's formula. An evaluation without a score (no speech) keeps none.
 */
export function withOutcomeFindings(evaluation: Evaluation, outcomeFindings: readonly Finding[], checklist: Checklist): Evaluation {
  const findings = [...evaluation.findings.filter((finding) => !isOutcomeKind(finding.kind)), ...sortFindings(outcomeFindings)];
  return { ...evaluation, findings, score: evaluation.score === null ? null : scoreCall(evaluation.criteria, findings, checklist.settings) };
}

/**
 * Gives a new evaluation of a call the outcome findings of its previous one. The engine judges only the
 * transcript, so without them re-evaluating a call would drop what the follow-through check found until
 * its next run. A broken promise stays only while the new evaluation still has that promise, and kinds
 * the checklist switches off are dropped; the checklist's severity applies.
 */
export function carryOutcomeFindings(fresh: Evaluation, previous: Evaluation, checklist: Checklist): Evaluation {
  const carried = previous.findings.flatMap((finding): Finding[] => {
    if (!isOutcomeKind(finding.kind)) return [];
    if (finding.kind === 'promise_not_kept' && !fresh.promises.some((promise) => promise.turn === finding.turn && promise.quote === finding.quote)) return [];
    const settings = checklist.findings.find((entry) => entry.kind === finding.kind);
    if (settings?.enabled === false) return [];
    return [{ ...finding, severity: settings?.severity ?? finding.severity }];
  });
  return carried.length === 0 ? fresh : withOutcomeFindings(fresh, carried, checklist);
}

function toFinding(finding: OutcomeFinding, checklist: Checklist): Finding[] {
  const settings = checklist.findings.find((entry) => entry.kind === finding.kind);
  if (settings?.enabled === false) return [];
  return [
    {
      kind: finding.kind,
      severity: settings?.severity ?? DEFAULT_SEVERITY[finding.kind],
      turn: finding.turn,
      startSec: finding.startSec,
      quote: finding.quote,
      explanation: finding.explanation,
      recommendation: finding.recommendation,
      evidence: [],
    },
  ];
}

function isOutcomeKind(kind: string): boolean {
  return (OUTCOME_FINDING_KINDS as readonly string[]).includes(kind);
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.kind.localeCompare(b.kind) || a.turn - b.turn || a.quote.localeCompare(b.quote));
}

/** The checklist an evaluation was made with, else the shipped default (a file-only checklist is not stored). */
class ChecklistCache {
  private readonly cache = new Map<string, Promise<Checklist>>();

  constructor(private readonly database: Database) {}

  get(reference: { id: string; version: number }): Promise<Checklist> {
    const key = `${reference.id}@${reference.version}`;
    let checklist = this.cache.get(key);
    if (checklist === undefined) {
      checklist = this.database.checklists.getVersion(reference.id, reference.version).then((stored) => stored ?? loadDefaultChecklist());
      this.cache.set(key, checklist);
    }
    return checklist;
  }
}
