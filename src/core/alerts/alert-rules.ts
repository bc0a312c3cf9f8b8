import { DateTime } from 'luxon';

import type { Evaluation, Finding, FindingKind } from '../model/evaluation.ts';

/** What makes a call worth telling the head of sales about. */
export interface AlertRules {
  /** A call scored below this gets an alert; null switches the rule off. */
  scoreBelow: number | null;
  /** Any finding of severity `critical` gets an alert. */
  criticalFindings: boolean;
  /** Findings of these kinds get an alert whatever their severity. */
  findingKinds: readonly FindingKind[];
}

/**
 * One reason a call is alerted for, and the key its deliveries are remembered by: `score_below`,
 * `critical:<kind>` or `finding:<kind>`. A kind has its own key, so a finding the follow-through
 * check adds later still alerts for a call that was already alerted for something else.
 */
export interface AlertTrigger {
  rule: string;
  /** Russian: why the call is alerted («оценка 42 ниже порога 60»). */
  reason: string;
  /** The moment the trigger counts from for the same-day window. */
  since: string;
}

export interface TriggerContext {
  /** The moment of the check, ISO 8601. */
  now: string;
  /** Triggers whose moment is older than this many hours are not alerted. */
  maxAgeHours: number;
  /** Russian names of the finding kinds. */
  findingTitles: Readonly<Record<FindingKind, string>>;
}

export type TriggerOutcome =
  | { alert: true; triggers: AlertTrigger[] }
  | { alert: false; reason: 'no_rule' | 'too_old' | 'no_start_time' | 'not_evaluated' };

/**
 * Decides which rules a call's evaluation meets. A trigger counts from the call's start, except a
 * broken promise, which counts from the promise's due time: the check finds it only after that time,
 * often a day or more after the call. Triggers older than the window are dropped, so an alert is about
 * today's calls and never about last month's call that a re-run happened to see.
 */
export function findAlertTriggers(evaluation: Evaluation, rules: AlertRules, context: TriggerContext): TriggerOutcome {
  if (evaluation.transcript.noSpeech && evaluation.score === null && evaluation.findings.length === 0) {
    return { alert: false, reason: 'not_evaluated' };
  }
  const startedAt = instantOf(evaluation.call.startedAt);
  if (startedAt === null) {
    return { alert: false, reason: 'no_start_time' };
  }
  const candidates = collectTriggers(evaluation, rules, startedAt, context.findingTitles);
  if (candidates.length === 0) {
    return { alert: false, reason: 'no_rule' };
  }
  const oldest = DateTime.fromISO(context.now).minus({ hours: context.maxAgeHours });
  const fresh = candidates.filter((trigger) => DateTime.fromISO(trigger.since) >= oldest);
  return fresh.length === 0 ? { alert: false, reason: 'too_old' } : { alert: true, triggers: fresh };
}

function collectTriggers(evaluation: Evaluation, rules: AlertRules, startedAt: string, titles: Readonly<Record<FindingKind, string>>): AlertTrigger[] {
  const triggers: AlertTrigger[] = [];
  if (rules.scoreBelow !== null && evaluation.score !== null && evaluation.score < rules.scoreBelow) {
    triggers.push({ rule: 'score_below', reason: `оценка ${evaluation.score} ниже порога ${rules.scoreBelow}`, since: startedAt });
  }
  const seen = new Set<string>();
  for (const finding of evaluation.findings) {
    const rule = ruleOf(finding, rules);
    if (rule === null || seen.has(rule)) continue;
    seen.add(rule);
    const title = titles[finding.kind];
    const reason = rule.startsWith('critical:') ? `критичная находка «${title}»` : `находка «${title}»`;
    triggers.push({ rule, reason, since: findingMoment(finding, evaluation, startedAt) });
  }
  return triggers;
}

/** The listed kind wins over the critical rule, so one finding gives one trigger. */
function ruleOf(finding: Finding, rules: AlertRules): string | null {
  if (rules.findingKinds.includes(finding.kind)) return `finding:${finding.kind}`;
  if (rules.criticalFindings && finding.severity === 'critical') return `critical:${finding.kind}`;
  return null;
}

function findingMoment(finding: Finding, evaluation: Evaluation, startedAt: string): string {
  if (finding.kind !== 'promise_not_kept') return startedAt;
  const promise = evaluation.promises.find((candidate) => candidate.turn === finding.turn && candidate.due !== null);
  const due = instantOf(promise?.due ?? null);
  return due !== null && due > startedAt ? due : startedAt;
}

/** The findings an alert shows, worst first: severity, then the listed kinds, then time in the call. */
export function alertFindings(evaluation: Evaluation, rules: AlertRules, limit: number): Finding[] {
  const rank = { critical: 0, major: 1, minor: 2 } as const;
  return [...evaluation.findings]
    .sort(
      (a, b) =>
        rank[a.severity] - rank[b.severity] ||
        Number(!rules.findingKinds.includes(a.kind)) - Number(!rules.findingKinds.includes(b.kind)) ||
        (a.startSec ?? Number.MAX_SAFE_INTEGER) - (b.startSec ?? Number.MAX_SAFE_INTEGER) ||
        a.turn - b.turn,
    )
    .slice(0, limit);
}

/** A call start as a UTC instant; a bare date (no time) cannot be placed in the same-day window. */
function instantOf(value: string | null): string | null {
  if (!value?.includes('T')) return null;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toUTC().toISO() : null;
}
