import type { PhoneNumberOptions } from '../../shared/phone-number.ts';
import type { CallLogRecord } from '../call-log-record.ts';
import { applyMangoSummary, mangoCallRecord } from './mango-call-state.ts';
import { type MangoEvent, type MangoEventKind, parseMangoEventJson } from './mango-event.parser.ts';

export interface MangoEventOptions {
  /** IANA zone the record's start time is written in. Default `Europe/Moscow`. */
  timeZone?: string;
  phone?: PhoneNumberOptions;
}

export type MangoEventResult =
  /** `record` is set for `events/summary`, which describes a whole finished call. */
  | { ok: true; event: MangoEvent; record: CallLogRecord | null }
  | { ok: false; message: string };

/**
 * Parses one Mango Office notification (the `json` form field). A summary becomes a call log record at
 * once. Call and recording events are returned as they are, for `applyMangoCallEvent` and
 * `applyMangoRecording` to build the call's state until it ends.
 */
export function parseMangoEvent(kind: MangoEventKind, json: string, options: MangoEventOptions = {}): MangoEventResult {
  const parsed = parseMangoEventJson(kind, json);
  if (!parsed.ok) {
    return parsed;
  }
  if (parsed.value.kind !== 'summary') {
    return { ok: true, event: parsed.value, record: null };
  }
  const state = applyMangoSummary(undefined, parsed.value.event);
  const record = mangoCallRecord(state, { timeZone: options.timeZone ?? 'Europe/Moscow', ...(options.phone === undefined ? {} : { phone: options.phone }) });
  return { ok: true, event: parsed.value, record };
}
