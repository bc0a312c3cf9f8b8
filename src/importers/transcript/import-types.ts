import type { CallInfo, RoleAssignment, SourceWarning, Transcript, Turn } from '../../core/model/transcript.ts';
import type { TranscriptFormatId } from './transcript-formats.ts';

export interface ImportOptions {
  /** Skips detection and reads the file as this format. */
  format?: TranscriptFormatId;
  /**
   * Channel (0 = first) that carries the manager in formats made from two-channel audio; default 0.
   * Channel-tagged text ignores it: there `<out>` is always the employee.
   */
  managerChannel?: number;
  /** Stored as `call.source`; default the file path (or the file name for in-memory bytes). */
  source?: string;
  /** IANA zone for call dates written without an offset; default `Europe/Moscow`. */
  timeZone?: string;
}

export type ImportErrorCode =
  | 'READ_FAILED'
  | 'EMPTY_FILE'
  | 'BINARY_FILE'
  | 'INVALID_JSON'
  | 'TRUNCATED_JSON'
  | 'UNKNOWN_FORMAT'
  | 'FORMAT_MISMATCH'
  | 'NOT_A_CONVERSATION'
  | 'NO_CALLS';

export interface ImportFailure {
  code: ImportErrorCode;
  /** Russian; names the file, the problem and what to do. */
  message: string;
  /** Russian: the problem alone, without the file name and the advice, for callers that give their own advice. */
  problem: string;
}

export type ImportOutcome =
  | { ok: true; format: TranscriptFormatId; transcripts: Transcript[]; warnings: SourceWarning[] }
  | { ok: false; error: ImportFailure };

/** Facts about the file an importer reads. */
export interface ImportContext {
  /** The file's name as users know it, for messages. */
  fileName: string;
  source: string;
  managerChannel: number;
  timeZone: string;
}

/** One call as an importer read it, before it gets its stable id and source. */
export interface CallDraft {
  /** The source system's own id of the call, when it has one. */
  externalId: string | null;
  turns: Turn[];
  roles: RoleAssignment;
  call?: Partial<Omit<CallInfo, 'id' | 'externalId' | 'source'>>;
  warnings: SourceWarning[];
}

/** Result of one importer: the calls it read and file-level warnings (e.g. a skipped broken call). */
export type ImporterResult =
  | { ok: true; calls: CallDraft[]; warnings: SourceWarning[] }
  | { ok: false; error: ImportFailure };

export type TranscriptImporter = TextImporter | JsonImporter;

interface ImporterBase {
  format: TranscriptFormatId;
}

export interface TextImporter extends ImporterBase {
  input: 'text';
  /** Whether the text has this format's shape; used for detection and to check a `--format` override. */
  matches(text: string): boolean;
  read(text: string, context: ImportContext): ImporterResult | Promise<ImporterResult>;
}

/** Reads parsed JSON; an NDJSON file arrives as an array of its lines' values. */
export interface JsonImporter extends ImporterBase {
  input: 'json';
  matches(value: unknown): boolean;
  read(value: unknown, context: ImportContext): ImporterResult | Promise<ImporterResult>;
}
