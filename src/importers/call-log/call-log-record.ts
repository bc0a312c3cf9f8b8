import type { RowRejection } from '../shared/table.ts';
import type { TextEncoding } from '../shared/text-encoding.ts';

export type CallLogDirection = 'inbound' | 'outbound' | 'internal';

/**
 * Outcome of a call. `missed` is an unanswered inbound call, and `no_answer` is an outbound call the
 * client did not pick up. `voicemail` is a call that ended in voice mail, which is not a conversation.
 */
export type CallLogStatus = 'answered' | 'missed' | 'busy' | 'failed' | 'no_answer' | 'voicemail';

export const CALL_LOG_FORMATS = [
  'asterisk',
  'freeswitch',
  'mango',
  'mango-stats',
  'uis',
  'zadarma',
  'beeline',
  'bitrix24',
  'amocrm',
  'generic',
  'mango-webhook',
] as const;

/** Source system (and layout) a call log came from. */
export type CallLogFormat = (typeof CALL_LOG_FORMATS)[number];

/** One call from a PBX or CRM call log, normalised. */
export interface CallLogRecord {
  /** The call's id in the source system (Asterisk `uniqueid`, Mango `entry_id`), or null when it has none. */
  externalId: string | null;
  /** ISO 8601 with offset. */
  startedAt: string;
  direction: CallLogDirection;
  /** Manager's name, or their extension when the log gives no name. */
  manager: string | null;
  managerExtension: string | null;
  /** Client's number in E.164, or null when it is hidden or not a public number. */
  clientPhone: string | null;
  /** True only when an employee talked to the caller. Voice mail and an IVR menu do not count. */
  answered: boolean;
  status: CallLogStatus;
  /** Ringing and queue time before the answer, or before the caller gave up. */
  waitSec: number | null;
  /** From the start to the end of the call, ringing included. */
  durationSec: number | null;
  /** Conversation time after the answer (Asterisk `billsec`). */
  talkSec: number | null;
  recordingUrl: string | null;
  recordingFile: string | null;
  source: CallLogFormat;
  /** The status or disposition as the source wrote it, for display and checking. */
  sourceStatus: string | null;
  /** Line (CSV) or row (XLSX) of the file the record was read from; 0 for webhook events. */
  row: number;
}

export interface CallLogImportResult {
  records: CallLogRecord[];
  rejected: RowRejection[];
  /** Russian notes that did not stop any row: a repaired encoding, a hidden client number, unknown columns. */
  warnings: string[];
  format: CallLogFormat;
  /** Text encoding of a CSV file, or `xlsx` for a workbook. */
  encoding: TextEncoding | 'xlsx';
}
