import { isDeepStrictEqual } from 'node:util';

import type { PromiseAction } from '../../core/model/evaluation.ts';
import type { Coverage } from '../../core/outcomes/contact-event.ts';
import { findMissedCalls, type MissedCallEpisode } from '../../core/outcomes/missed-calls.ts';
import { checkPromise } from '../../core/outcomes/promise-follow-through.ts';
import { addWorkingMinutes } from '../../core/outcomes/working-hours.ts';
import type { Database, MissedCall, PromiseCheck, PromiseToFollow } from '../../data/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { type LinkSummary, linkCallLogs } from './call-log-import.service.ts';
import { type ClientContacts, isSameCall, loadClientContacts } from './client-contacts.ts';
import type { FollowThroughSettings } from './follow-through-config.ts';
import { missedCallFinding, promiseFinding } from './follow-through-texts.ts';
import { type OutcomeFinding, reconcileOutcomeFindings } from './outcome-findings.ts';

export interface FollowThroughCounts {
  kept: number;
  broken: number;
  pending: number;
  unverified: number;
  /** Promises that cannot be checked: the call has no start time, or no known client phone. */
  skipped: number;
}

export interface MissedCallCounts {
  episodes: number;
  calledBack: number;
  late: number;
  noCallback: number;
  pending: number;
}

export interface FollowThroughRun {
  links: LinkSummary;
  promises: FollowThroughCounts;
  missedCalls: MissedCallCounts;
  /** Results that differ from the previous run (new or changed). */
  changed: { promises: number; missedCalls: number };
  /** Calls that got a new current evaluation with outcome findings added or removed. */
  evaluationsUpdated: number;
}

/**
 * Checks what happened after every promise and every missed client call, and records it: promise
 * checks and missed calls in their tables, the promises' status, and `promise_not_kept` /
 * `missed_call_no_callback` findings in the calls' current evaluations. `now` decides which deadlines
 * have passed. Running it twice with the same data and `now` changes nothing the second time.
 */
export async function runFollowThrough(database: Database, settings: FollowThroughSettings, now: string, logger: Logger): Promise<FollowThroughRun> {
  const links = await linkCallLogs(database, settings);
  const contacts = await loadClientContacts(database);
  const coverage = {
    callLog: await database.callLogs.timeSpan(),
    crm: await database.outcomes.crmEventSpan(),
  };

  const promiseResult = await checkPromises(database, contacts, coverage, settings, now);
  const missedResult = await checkMissedCalls(database, contacts, settings, now);

  const findings = [...promiseResult.findings, ...missedResult.findings];
  const evaluationsUpdated = await reconcileOutcomeFindings(database, findings, promiseResult.checkedCallIds, logger);
  // Statuses go last: saving a new evaluation rewrites the promise rows, carrying their status over.
  await database.followThrough.setPromiseStatuses(promiseResult.statuses);

  const run: FollowThroughRun = {
    links,
    promises: promiseResult.counts,
    missedCalls: missedResult.counts,
    changed: { promises: promiseResult.changed, missedCalls: missedResult.changed },
    evaluationsUpdated,
  };
  logger.info({ promises: run.promises, missedCalls: run.missedCalls, changed: run.changed, evaluationsUpdated }, 'follow-through checked');
  return run;
}

interface PromiseResult {
  counts: FollowThroughCounts;
  changed: number;
  findings: OutcomeFinding[];
  statuses: { callId: string; turn: number; action: string; quote: string; status: 'open' | 'kept' | 'broken' }[];
  checkedCallIds: Set<string>;
}

async function checkPromises(
  database: Database,
  contacts: ClientContacts,
  coverage: { callLog: Coverage | null; crm: Coverage | null },
  settings: FollowThroughSettings,
  now: string,
): Promise<PromiseResult> {
  const counts: FollowThroughCounts = { kept: 0, broken: 0, pending: 0, unverified: 0, skipped: 0 };
  const stored = new Map((await database.followThrough.listPromiseChecks()).map((check) => [checkKey(check.callId, check.promiseKey), check]));
  const result: PromiseResult = { counts, changed: 0, findings: [], statuses: [], checkedCallIds: new Set() };
  const toSave: PromiseCheck[] = [];

  for (const promise of await database.followThrough.listPromisesToFollow()) {
    const timing = promiseTiming(promise, settings);
    if (timing === null || promise.clientId === null) {
      counts.skipped += 1;
      continue;
    }
    result.checkedCallIds.add(promise.callId);
    const clientContacts = (contacts.byClient.get(promise.clientId) ?? []).filter((event) => !isSameCall(event, promise.callId, contacts));
    const verdict = checkPromise(
      { action: promise.action as PromiseAction, promisedAt: timing.promisedAt, dueAt: timing.dueAt, managerId: promise.managerId, teamId: promise.teamId },
      clientContacts,
      { now, scope: settings.scope, graceMinutes: settings.promiseGraceMinutes, callLogCoverage: coverage.callLog, crmCoverage: coverage.crm },
    );
    counts[verdict.outcome] += 1;

    const promiseKey = JSON.stringify([promise.turn, promise.action, promise.quote]);
    const previous = stored.get(checkKey(promise.callId, promiseKey));
    const check: PromiseCheck = {
      callId: promise.callId,
      promiseKey,
      turn: promise.turn,
      action: promise.action,
      quote: promise.quote,
      dueText: promise.dueText,
      promisedAt: timing.promisedAt,
      dueAt: timing.dueAt,
      dueSource: timing.dueSource,
      managerId: promise.managerId,
      teamId: promise.teamId,
      clientId: promise.clientId,
      outcome: verdict.outcome,
      evidence: verdict.outcome === 'kept' ? { kind: verdict.evidence.source, ref: verdict.evidence.ref, at: verdict.evidence.at } : null,
      lateFollowUpAt: verdict.outcome === 'broken' || verdict.outcome === 'unverified' ? (verdict.lateFollowUp?.at ?? null) : null,
      checkedAt: previous?.checkedAt ?? now,
    };
    if (previous === undefined || !sameCheck(previous, check)) {
      toSave.push({ ...check, checkedAt: now });
    }

    const status = verdict.outcome === 'kept' || verdict.outcome === 'broken' ? verdict.outcome : 'open';
    result.statuses.push({ callId: promise.callId, turn: promise.turn, action: promise.action, quote: promise.quote, status });
    if (verdict.outcome === 'broken') {
      result.findings.push(promiseFinding(promise, check, settings.workingHours.timeZone));
    }
  }
  result.changed = await database.followThrough.savePromiseChecks(toSave);
  return result;
}

/** When the promise was made and when it is due; null when the call has no start time to count from. */
function promiseTiming(promise: PromiseToFollow, settings: FollowThroughSettings): { promisedAt: string; dueAt: string; dueSource: 'said' | 'default' } | null {
  if (promise.callStartedAt === null) return null;
  const promisedAt = new Date(Date.parse(promise.callStartedAt) + (promise.callDateOnly ? 0 : (promise.startSec ?? 0) * 1000)).toISOString();
  if (promise.dueAt !== null) {
    return { promisedAt, dueAt: promise.dueAt, dueSource: 'said' };
  }
  // A call known only by date cannot start a window of working hours.
  if (promise.callDateOnly) return null;
  return { promisedAt, dueAt: addWorkingMinutes(promisedAt, settings.promiseDefaultHours * 60, settings.workingHours), dueSource: 'default' };
}

interface MissedResult {
  counts: MissedCallCounts;
  changed: number;
  findings: OutcomeFinding[];
}

async function checkMissedCalls(database: Database, contacts: ClientContacts, settings: FollowThroughSettings, now: string): Promise<MissedResult> {
  const counts: MissedCallCounts = { episodes: 0, calledBack: 0, late: 0, noCallback: 0, pending: 0 };
  const stored = new Map((await database.followThrough.listMissedCalls()).map((call) => [call.recordId, call]));
  const options = { now, workingHours: settings.workingHours, callbackMinutes: settings.callbackMinutes, droppedCallMaxSec: settings.droppedCallMaxSec };
  const toSave: MissedCall[] = [];
  const findings: OutcomeFinding[] = [];
  const current: number[] = [];

  for (const [clientId, events] of contacts.byClient) {
    for (const episode of findMissedCalls(events, options)) {
      if (episode.first.source !== 'call_log') continue;
      const recordId = Number(episode.first.ref);
      const record = contacts.records.get(recordId);
      if (record?.clientPhone == null) continue;
      counts.episodes += 1;
      countEpisode(counts, episode);
      current.push(recordId);

      const previous = stored.get(recordId);
      const missed = toMissedCall(recordId, clientId, record.clientPhone, episode, previous?.checkedAt ?? now);
      if (previous === undefined || !isDeepStrictEqual({ ...previous, checkedAt: '' }, { ...missed, checkedAt: '' })) {
        toSave.push({ ...missed, checkedAt: now });
      }
      const linkedCall = contacts.callOfRecord.get(recordId);
      if (linkedCall !== undefined && (episode.outcome === 'no_callback' || episode.outcome === 'late')) {
        const stored = await database.calls.getCall(linkedCall);
        findings.push(missedCallFinding(linkedCall, stored?.transcript.turns ?? [], missed, settings.workingHours.timeZone));
      }
    }
  }
  const changed = (await database.followThrough.saveMissedCalls(toSave)) + (await database.followThrough.deleteMissedCallsExcept(current));
  return { counts, changed, findings };
}

function countEpisode(counts: MissedCallCounts, episode: MissedCallEpisode): void {
  if (episode.outcome === 'called_back') counts.calledBack += 1;
  else if (episode.outcome === 'late') counts.late += 1;
  else if (episode.outcome === 'no_callback') counts.noCallback += 1;
  else counts.pending += 1;
}

function toMissedCall(recordId: number, clientId: number, phone: string, episode: MissedCallEpisode, checkedAt: string): MissedCall {
  return {
    recordId,
    clientId,
    clientPhone: phone,
    missedAt: episode.first.at,
    attempts: episode.attempts,
    dueAt: episode.dueAt,
    managerId: episode.managerId,
    teamId: episode.teamId,
    outcome: episode.outcome,
    callback: episode.callback === null ? null : { kind: episode.callback.source, ref: episode.callback.ref, at: episode.callback.at },
    callbackSec: episode.callbackSec,
    callbackWorkingSec: episode.callbackWorkingSec,
    checkedAt,
  };
}

function checkKey(callId: string, promiseKey: string): string {
  return JSON.stringify([callId, promiseKey]);
}

function sameCheck(a: PromiseCheck, b: PromiseCheck): boolean {
  return isDeepStrictEqual({ ...a, checkedAt: '' }, { ...b, checkedAt: '' });
}
