import path from 'node:path';

import type { CallLogLink, LinkCandidateCall, StoredCallLogRecord } from '../../data/index.ts';

export interface LinkOptions {
  /** Seconds between the two start times that still link a record and a call. */
  toleranceSec: number;
}

/** A duration differing by at most this many seconds, or this share of the longer one, is the same call. */
const DURATION_SLACK_SEC = 15;
const DURATION_SLACK_SHARE = 0.15;

/**
 * Pairs call-log records with analysed calls, each record and each call at most once: first by the
 * source's call id, then by the recording's file name, then by time. A time link needs an answered
 * record, starts within the tolerance, the same direction (when the call has one), the same client
 * phone or manager, and a duration that agrees when both are known. The closest start wins.
 */
export function linkRecordsToCalls(records: readonly StoredCallLogRecord[], calls: readonly LinkCandidateCall[], options: LinkOptions): CallLogLink[] {
  const links: CallLogLink[] = [];
  const usedRecords = new Set<number>();
  const usedCalls = new Set<string>();
  const add = (record: StoredCallLogRecord, call: LinkCandidateCall, method: CallLogLink['method']) => {
    links.push({ recordId: record.id, callId: call.id, method });
    usedRecords.add(record.id);
    usedCalls.add(call.id);
  };

  const byExternalId = new Map(calls.flatMap((call) => (call.externalId === null ? [] : [[call.externalId, call] as const])));
  for (const record of records) {
    const call = record.externalId === null ? undefined : byExternalId.get(record.externalId);
    if (call !== undefined && !usedCalls.has(call.id)) add(record, call, 'external_id');
  }

  // A name that several calls share (one file holding many calls) identifies none of them.
  const byRecordingName = new Map<string, LinkCandidateCall | null>();
  for (const call of calls) {
    const names = new Set([baseName(call.source), call.audioPath === null ? '' : baseName(call.audioPath)]);
    for (const name of names) {
      if (name !== '') byRecordingName.set(name, byRecordingName.has(name) ? null : call);
    }
  }
  for (const record of records) {
    if (usedRecords.has(record.id)) continue;
    const names = [record.recordingFile, record.recordingUrl].flatMap((value) => (value === null ? [] : [baseName(value)]));
    const call = names.map((name) => byRecordingName.get(name)).find((candidate) => candidate != null && !usedCalls.has(candidate.id));
    if (call != null) add(record, call, 'recording');
  }

  const pairs: { record: StoredCallLogRecord; call: LinkCandidateCall; distance: number }[] = [];
  const timed = calls.filter((call) => call.startedAt !== null && !call.dateOnly).sort((a, b) => Date.parse(a.startedAt ?? '') - Date.parse(b.startedAt ?? ''));
  for (const record of records) {
    if (usedRecords.has(record.id) || !record.answered || record.direction === 'internal') continue;
    const start = Date.parse(record.startedAt);
    for (const call of callsNear(timed, start, options.toleranceSec)) {
      if (!usedCalls.has(call.id) && matchesByTime(record, call)) {
        pairs.push({ record, call, distance: Math.abs(Date.parse(call.startedAt ?? '') - start) });
      }
    }
  }
  pairs.sort((a, b) => a.distance - b.distance || a.record.id - b.record.id || a.call.id.localeCompare(b.call.id));
  for (const pair of pairs) {
    if (!usedRecords.has(pair.record.id) && !usedCalls.has(pair.call.id)) add(pair.record, pair.call, 'time');
  }
  return links;
}

function matchesByTime(record: StoredCallLogRecord, call: LinkCandidateCall): boolean {
  if (call.direction !== null && call.direction !== record.direction) return false;
  const samePhone = call.clientPhone !== null && call.clientPhone === record.clientPhone;
  const sameManager = call.managerId !== null && call.managerId === record.managerId;
  if (!samePhone && !sameManager) return false;
  return durationsAgree(call.durationSec, record);
}

// The analysed recording may be the conversation only (talk time) or include ringing (duration).
function durationsAgree(callSec: number | null, record: StoredCallLogRecord): boolean {
  const known = [record.talkSec, record.durationSec].filter((value): value is number => value !== null);
  if (callSec === null || known.length === 0) return true;
  return known.some((recordSec) => Math.abs(callSec - recordSec) <= Math.max(DURATION_SLACK_SEC, DURATION_SLACK_SHARE * Math.max(callSec, recordSec)));
}

/** Calls (sorted by start) starting within `toleranceSec` of `start`, by binary search. */
function callsNear(sorted: readonly LinkCandidateCall[], start: number, toleranceSec: number): LinkCandidateCall[] {
  const from = start - toleranceSec * 1000;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (Date.parse(sorted[middle]?.startedAt ?? '') < from) low = middle + 1;
    else high = middle;
  }
  const near: LinkCandidateCall[] = [];
  for (let index = low; index < sorted.length; index += 1) {
    const call = sorted[index];
    if (call === undefined || Date.parse(call.startedAt ?? '') > start + toleranceSec * 1000) break;
    near.push(call);
  }
  return near;
}

/** Returns the file name without folders, query or extension, in lower case: «/rec/2026/1709.123.WAV?x=1» → «1709.123». */
export function baseName(location: string): string {
  const withoutQuery = location.split(/[?#]/u)[0] ?? location;
  const file = path.posix.basename(withoutQuery.replaceAll('\\', '/'));
  const extension = /\.(wav|mp3|ogg|opus|flac|m4a|aac|gsm|json|txt|srt|vtt)$/iu.exec(file);
  return (extension === null ? file : file.slice(0, -extension[0].length)).toLowerCase();
}
