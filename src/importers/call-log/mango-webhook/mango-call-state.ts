import { normalizePhoneNumber, type PhoneNumberOptions } from '../../shared/phone-number.ts';
import { instantToIso } from '../../shared/zoned-time.ts';
import type { CallLogDirection, CallLogRecord } from '../call-log-record.ts';
import type { MangoCallEvent, MangoRecordingEvent, MangoSummaryEvent } from './mango-event.parser.ts';

/** One leg of a Mango call (`call_id`), merged from all its events received so far. */
export interface MangoLeg {
  callId: string;
  /** Unix seconds of the leg's first event. */
  appearedAt: number;
  /** Unix seconds of the leg's Disconnected event, or null while it lasts. */
  disconnectedAt: number | null;
  /** True once the leg was Connected to an employee. */
  connected: boolean;
  /** `seq` of the latest event, whose state and location the leg shows. */
  seq: number;
  state: MangoCallEvent['call_state'];
  location: string | null;
  fromExtension: string | null;
  fromNumber: string | null;
  toExtension: string | null;
  toNumber: string | null;
}

/** State of one call (`entry_id`) built from the events received so far. */
export interface MangoCallState {
  entryId: string;
  /** Unix seconds of the first event. */
  startedAt: number;
  /** Unix seconds of the first leg that connected to an employee, or null. */
  connectedAt: number | null;
  /** Unix seconds of the last disconnect, set once no leg is still active. */
  endedAt: number | null;
  legs: Record<string, MangoLeg>;
  recordingIds: string[];
  /** The final word from `events/summary`, which wins over the legs. */
  summary: MangoSummaryEvent | null;
}

/**
 * Applies one `events/call` notification to a call's state. Notifications may arrive late, twice or out
 * of order, so each leg is merged, not replaced: its state is that of the highest `seq`, while times are
 * the earliest or latest seen. Applying events in any order, or one event twice, gives the same state.
 */
export function applyMangoCallEvent(state: MangoCallState | undefined, event: MangoCallEvent): MangoCallState {
  const current = state ?? emptyState(event.entry_id, event.timestamp);
  const leg = mergeLeg(current.legs[event.call_id], event);
  const legs = { ...current.legs, [event.call_id]: leg };
  const connectedToEmployee = event.call_state === 'Connected' && event.location === 'abonent';
  const allLegs = Object.values(legs);
  const ended = allLegs.every((item) => item.state === 'Disconnected');
  return {
    ...current,
    startedAt: Math.min(current.startedAt, event.timestamp),
    connectedAt: connectedToEmployee ? Math.min(current.connectedAt ?? event.timestamp, event.timestamp) : current.connectedAt,
    endedAt: ended ? Math.max(...allLegs.map((item) => item.disconnectedAt ?? item.appearedAt)) : null,
    legs,
  };
}

function mergeLeg(previous: MangoLeg | undefined, event: MangoCallEvent): MangoLeg {
  const newer = previous === undefined || event.seq > previous.seq;
  const pick = (fresh: string | undefined, old: string | null | undefined): string | null =>
    newer ? (fresh ?? old ?? null) : (old ?? fresh ?? null);
  const disconnectedAt = event.call_state === 'Disconnected' ? event.timestamp : null;
  return {
    callId: event.call_id,
    appearedAt: Math.min(previous?.appearedAt ?? event.timestamp, event.timestamp),
    disconnectedAt: previous?.disconnectedAt ?? disconnectedAt,
    connected: (previous?.connected ?? false) || (event.call_state === 'Connected' && event.location === 'abonent'),
    seq: newer ? event.seq : previous.seq,
    state: newer ? event.call_state : previous.state,
    location: newer ? event.location : previous.location,
    fromExtension: pick(event.from.extension, previous?.fromExtension),
    fromNumber: pick(event.from.number, previous?.fromNumber),
    toExtension: pick(event.to.extension, previous?.toExtension),
    toNumber: pick(event.to.number, previous?.toNumber),
  };
}

/** Applies an `events/summary` notification: it carries the call's final times and result. */
export function applyMangoSummary(state: MangoCallState | undefined, summary: MangoSummaryEvent): MangoCallState {
  const current = state ?? emptyState(summary.entry_id, summary.create_time);
  return { ...current, summary };
}

/** Applies an `events/recording` notification; only a completed recording is kept. */
export function applyMangoRecording(state: MangoCallState | undefined, event: MangoRecordingEvent): MangoCallState {
  const current = state ?? emptyState(event.entry_id, event.timestamp ?? Number.MAX_SAFE_INTEGER);
  if (event.recording_state !== 'Completed' || current.recordingIds.includes(event.recording_id)) {
    return current;
  }
  return { ...current, recordingIds: [...current.recordingIds, event.recording_id] };
}

function emptyState(entryId: string, startedAt: number): MangoCallState {
  return { entryId, startedAt, connectedAt: null, endedAt: null, legs: {}, recordingIds: [], summary: null };
}

/** `call_direction` of a summary: 0 internal, 1 inbound, 2 outbound. */
const SUMMARY_DIRECTION: Readonly<Record<number, CallLogDirection>> = { 0: 'internal', 1: 'inbound', 2: 'outbound' };

/**
 * Builds the call log record of a call: from its summary when one arrived, otherwise from its legs.
 * Returns null while a call without a summary is still going on.
 */
export function mangoCallRecord(state: MangoCallState, options: { timeZone: string; phone?: PhoneNumberOptions }): CallLogRecord | null {
  if (state.summary !== null) {
    return summaryRecord(state, state.summary, options);
  }
  if (state.endedAt === null) {
    return null;
  }
  return legsRecord(state, options);
}

function summaryRecord(state: MangoCallState, summary: MangoSummaryEvent, options: { timeZone: string; phone?: PhoneNumberOptions }): CallLogRecord {
  const direction = SUMMARY_DIRECTION[summary.call_direction] ?? 'inbound';
  const answered = summary.entry_result === 1;
  const talkStart = summary.talk_time !== undefined && summary.talk_time > 0 ? summary.talk_time : null;
  const clientSide = direction === 'outbound' ? summary.to : summary.from;
  const managerSide = direction === 'inbound' ? summary.to : summary.from;
  return baseRecord(state, options, {
    startedAt: summary.create_time,
    direction,
    answered,
    clientNumber: direction === 'internal' ? null : (clientSide.number ?? null),
    managerExtension: managerSide.extension ?? null,
    waitSec: Math.max(0, (talkStart ?? summary.end_time) - summary.create_time),
    durationSec: Math.max(0, summary.end_time - summary.create_time),
    talkSec: talkStart === null ? 0 : Math.max(0, summary.end_time - talkStart),
    sourceStatus: `entry_result=${summary.entry_result}${summary.disconnect_reason === undefined ? '' : `, disconnect_reason=${summary.disconnect_reason}`}`,
  });
}

/**
 * Reads a finished call from its legs, where the first leg shows who called. An employee calling a
 * number outside the PBX is outbound, and an employee calling only employees is internal. Any other
 * caller makes the call inbound, and its employee is the one whose leg connected.
 */
function legsRecord(state: MangoCallState, options: { timeZone: string; phone?: PhoneNumberOptions }): CallLogRecord {
  const legs = Object.values(state.legs).sort((a, b) => a.appearedAt - b.appearedAt || a.seq - b.seq);
  const first = legs[0];
  const externalLeg = legs.find((leg) => leg.toExtension === null && leg.toNumber !== null);
  let direction: CallLogDirection = 'inbound';
  if (first?.fromExtension !== null && first?.fromExtension !== undefined) {
    direction = externalLeg === undefined ? 'internal' : 'outbound';
  }
  const employeeLeg = legs.find((leg) => leg.connected && leg.toExtension !== null) ?? legs.findLast((leg) => leg.toExtension !== null);
  const endedAt = state.endedAt ?? state.startedAt;
  let clientNumber: string | null = null;
  if (direction === 'inbound') clientNumber = first?.fromNumber ?? null;
  if (direction === 'outbound') clientNumber = externalLeg?.toNumber ?? null;
  return baseRecord(state, options, {
    startedAt: state.startedAt,
    direction,
    answered: state.connectedAt !== null,
    clientNumber,
    managerExtension: (direction === 'inbound' ? employeeLeg?.toExtension : first?.fromExtension) ?? null,
    waitSec: Math.max(0, (state.connectedAt ?? endedAt) - state.startedAt),
    durationSec: Math.max(0, endedAt - state.startedAt),
    talkSec: state.connectedAt === null ? 0 : Math.max(0, endedAt - state.connectedAt),
    sourceStatus: legs.map((leg) => `${leg.callId}:${leg.state}`).join(', '),
  });
}

interface RecordParts {
  startedAt: number;
  direction: CallLogDirection;
  answered: boolean;
  clientNumber: string | null;
  managerExtension: string | null;
  waitSec: number;
  durationSec: number;
  talkSec: number;
  sourceStatus: string;
}

function baseRecord(state: MangoCallState, options: { timeZone: string; phone?: PhoneNumberOptions }, parts: RecordParts): CallLogRecord {
  const phone = parts.clientNumber === null ? null : normalizePhoneNumber(parts.clientNumber, options.phone);
  let status: CallLogRecord['status'] = parts.direction === 'inbound' ? 'missed' : 'no_answer';
  if (parts.answered) status = 'answered';
  return {
    externalId: state.entryId,
    startedAt: instantToIso(parts.startedAt * 1000, options.timeZone),
    direction: parts.direction,
    manager: parts.managerExtension,
    managerExtension: parts.managerExtension,
    clientPhone: phone?.kind === 'e164' ? phone.e164 : null,
    answered: parts.answered,
    status,
    waitSec: parts.waitSec,
    durationSec: parts.durationSec,
    talkSec: parts.talkSec,
    recordingUrl: null,
    recordingFile: state.recordingIds[0] ?? null,
    source: 'mango-webhook',
    sourceStatus: parts.sourceStatus,
    row: 0,
  };
}
