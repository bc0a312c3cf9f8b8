import type { ColumnType, Generated } from 'kysely';

/**
 * Table types for kysely. Column types are what the two drivers hand back: better-sqlite3 returns
 * timestamps and JSON as text and booleans as 0/1; pg returns `Date`, parsed JSON and booleans. The
 * repositories convert through `SqlDialect`, so these unions stay inside the data layer.
 */
export interface DatabaseSchema {
  teams: TeamTable;
  managers: ManagerTable;
  calls: CallTable;
  turns: TurnTable;
  checklists: ChecklistTable;
  evaluations: EvaluationTable;
  evaluation_criteria: EvaluationCriterionTable;
  findings: FindingTable;
  promises: PromiseTable;
}

/** A timestamp written as ISO 8601 text and read back as text (SQLite) or `Date` (PostgreSQL). */
export type Timestamp = ColumnType<string | Date, string, string>;
/** JSON written as text and read back as text (SQLite) or as a parsed value (PostgreSQL jsonb). */
export type Json = ColumnType<unknown, string, string>;
/** A boolean stored as 0/1 on SQLite and as `boolean` on PostgreSQL. */
export type Bool = ColumnType<number | boolean, number | boolean, number | boolean>;

export interface TeamTable {
  id: Generated<number>;
  name: string;
  /** Folded name (lower case, «ё» → «е», single spaces): one team per key. */
  name_key: string;
  created_at: Timestamp;
}

export interface ManagerTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  team_id: number | null;
  supervisor: string | null;
  position: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CallTable {
  /** Integer key used as the full-text row id on SQLite and as the tie-breaker of list sorting. */
  seq: Generated<number>;
  id: string;
  external_id: string | null;
  source: string;
  /** The call's start as an instant; a bare date is midnight in the database's time zone. */
  started_at: Timestamp | null;
  /** `CallInfo.startedAt` exactly as the source gave it. */
  started_at_source: string | null;
  duration_sec: number | null;
  direction: string | null;
  manager_id: number | null;
  /** The manager's folded name, copied here so sorting by manager needs no join. */
  manager_key: string | null;
  /** The manager's team when the call was saved. */
  team_id: number | null;
  client_name: string | null;
  client_phone: string | null;
  transcript_format: string;
  role_method: string;
  role_confidence: number | null;
  import_warnings: Json;
  signal: Json | null;
  turn_count: number;
  audio_path: string | null;
  audio_duration_sec: number | null;
  audio_channels: number | null;
  /** Copied from the current evaluation, for filters and sorting. */
  score: number | null;
  finding_count: number | null;
  transcript_complete: Bool | null;
  no_speech: Bool | null;
  evaluated_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TurnTable {
  call_id: string;
  idx: number;
  role: string;
  channel: number | null;
  speaker: string | null;
  start_sec: number | null;
  end_sec: number | null;
  text: string;
  confidence: number | null;
  flags: Json;
  overlaps_turn: number | null;
  words: Json | null;
}

export interface ChecklistTable {
  id: string;
  version: number;
  title: string;
  definition: Json;
  created_at: Timestamp;
}

export interface EvaluationTable {
  id: Generated<number>;
  call_id: string;
  checklist_id: string;
  checklist_version: number;
  score: number | null;
  result: Json;
  is_current: Bool;
  created_at: Timestamp;
}

export interface EvaluationCriterionTable {
  call_id: string;
  evaluation_id: number;
  criterion_id: string;
  result: string;
  weight: number;
  critical: Bool;
}

export interface FindingTable {
  id: Generated<number>;
  call_id: string;
  evaluation_id: number;
  /** Position in `Evaluation.findings`, so (evaluation_id, position) names one finding for good. */
  position: number;
  kind: string;
  severity: string;
  turn: number;
  start_sec: number | null;
  quote: string;
  explanation: string;
  recommendation: string;
  evidence: Json;
}

export interface PromiseTable {
  id: Generated<number>;
  call_id: string;
  evaluation_id: number;
  position: number;
  turn: number;
  start_sec: number | null;
  action: string;
  due_text: string | null;
  due_at: Timestamp | null;
  quote: string;
  status: string;
  status_changed_at: Timestamp | null;
  created_at: Timestamp;
}
