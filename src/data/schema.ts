import type { ColumnType, Generated } from 'kysely';

/**
 * Table types for kysely. Column types are what the two drivers hand back: better-sqlite3 returns
 * timestamps and JSON as text and booleans as 0/1; pg returns `Date`, parsed JSON and booleans. The
 * repositories convert through `SqlDialect`, so these unions stay inside the data layer.
 */
export interface DatabaseSchema {
  teams: TeamTable;
  managers: ManagerTable;
  users: UserTable;
  user_teams: UserTeamTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  review_overrides: ReviewOverrideTable;
  review_events: ReviewEventTable;
  disputes: DisputeTable;
  report_days: ReportDayTable;
  report_day_findings: ReportDayFindingTable;
  report_day_criteria: ReportDayCriterionTable;
  report_dirty_days: ReportDirtyDayTable;
  report_state: ReportStateTable;
  search_index_state: SearchIndexStateTable;
  calls: CallTable;
  turns: TurnTable;
  checklists: ChecklistTable;
  evaluations: EvaluationTable;
  evaluation_criteria: EvaluationCriterionTable;
  findings: FindingTable;
  promises: PromiseTable;
  clients: ClientTable;
  call_clients: CallClientTable;
  call_log_records: CallLogRecordTable;
  crm_events: CrmEventTable;
  nps_answers: NpsAnswerTable;
  deals: DealTable;
  promise_checks: PromiseCheckTable;
  missed_calls: MissedCallTable;
  jobs: JobTable;
  job_records: JobRecordTable;
  uploads: UploadTable;
  alert_deliveries: AlertDeliveryTable;
  alert_channel_state: AlertChannelStateTable;
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
  /** `FindingBrief[]` of the current evaluation's worst findings; null until the call is evaluated. */
  worst_findings: Json | null;
  /** `FailedCriterionBrief[]` of the current evaluation's failed criteria; null until the call is evaluated. */
  failed_criteria: Json | null;
  transcript_complete: Bool | null;
  no_speech: Bool | null;
  evaluated_at: Timestamp | null;
  /** `CallInfo` exactly as saved; null for calls saved before it was kept. */
  call_info: Json | null;
  /** IANA zone the call was analysed in; null for calls saved before it was kept. */
  time_zone: string | null;
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

/** A client, known by an E.164 phone, a CRM contact id, or both. */
export interface ClientTable {
  id: Generated<number>;
  phone: string | null;
  crm_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CallClientTable {
  call_id: string;
  client_id: number;
  /** `call` when the analysed call carried the phone, `call_log` when its call-log record did. */
  linked_by: string;
}

/** One call from a PBX or CRM call log (`CallLogRecord`), with its link to an analysed call. */
export interface CallLogRecordTable {
  id: Generated<number>;
  source: string;
  /** The source's call id, or `h:` and a hash of the record's fields when it has none. */
  record_key: string;
  external_id: string | null;
  started_at: Timestamp;
  direction: string;
  status: string;
  answered: Bool;
  manager_id: number | null;
  manager_name: string | null;
  manager_extension: string | null;
  /** The team responsible for the record: the manager's, or the queue's from the settings. */
  team_id: number | null;
  client_id: number | null;
  client_phone: string | null;
  wait_sec: number | null;
  duration_sec: number | null;
  talk_sec: number | null;
  recording_url: string | null;
  recording_file: string | null;
  source_status: string | null;
  file_name: string | null;
  row: number;
  call_id: string | null;
  link_method: string | null;
  imported_at: Timestamp;
  updated_at: Timestamp;
}

/** An e-mail, message, task or other contact from the CRM, used as proof that a promise was kept. */
export interface CrmEventTable {
  id: Generated<number>;
  event_key: string;
  occurred_at: Timestamp;
  type: string;
  client_id: number | null;
  client_phone: string | null;
  client_crm_id: string | null;
  manager_id: number | null;
  manager_name: string | null;
  description: string | null;
  file_name: string | null;
  row: number;
  imported_at: Timestamp;
}

export interface NpsAnswerTable {
  id: Generated<number>;
  answer_key: string;
  score: number;
  category: string;
  comment: string | null;
  /** A bare date is stored as midnight in the database's zone, with `date_only` set. */
  answered_at: Timestamp;
  date_only: Bool;
  client_id: number | null;
  client_phone: string | null;
  client_crm_id: string | null;
  file_name: string | null;
  row: number;
  imported_at: Timestamp;
}

export interface DealTable {
  id: Generated<number>;
  deal_key: string;
  external_id: string | null;
  deal_date: Timestamp;
  date_only: Bool;
  amount: number | null;
  currency: string | null;
  status: string | null;
  source_status: string | null;
  client_id: number | null;
  client_phone: string | null;
  client_crm_id: string | null;
  manager_name: string | null;
  manager_id: number | null;
  file_name: string | null;
  row: number;
  imported_at: Timestamp;
  updated_at: Timestamp;
}

/** Follow-through result of a promise of an analysed call, keyed by the promise's turn, action and quote. */
export interface PromiseCheckTable {
  id: Generated<number>;
  call_id: string;
  promise_key: string;
  turn: number;
  action: string;
  quote: string;
  due_text: string | null;
  promised_at: Timestamp;
  /** The due time said in the call, or the default window's end when none was said. */
  due_at: Timestamp;
  due_source: string;
  manager_id: number | null;
  team_id: number | null;
  client_id: number | null;
  outcome: string;
  evidence_kind: string | null;
  evidence_ref: string | null;
  evidence_at: Timestamp | null;
  late_follow_up_at: Timestamp | null;
  checked_at: Timestamp;
}

/** A missed or dropped client call (the first of a run of attempts) and whether it was called back in time. */
export interface MissedCallTable {
  id: Generated<number>;
  record_id: number;
  client_id: number | null;
  client_phone: string;
  missed_at: Timestamp;
  attempts: number;
  due_at: Timestamp;
  manager_id: number | null;
  team_id: number | null;
  outcome: string;
  callback_at: Timestamp | null;
  callback_kind: string | null;
  callback_ref: string | null;
  callback_sec: number | null;
  callback_working_sec: number | null;
  checked_at: Timestamp;
}

export interface UserTable {
  id: Generated<number>;
  login: string;
  /** Folded login: one user per key, and sign-in ignores case. */
  login_key: string;
  email: string | null;
  email_key: string | null;
  display_name: string;
  role: string;
  /** The manager whose calls a `manager` user sees. */
  manager_id: number | null;
  time_zone: string | null;
  disabled: Bool;
  /** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
  password_hash: string;
  password_changed_at: Timestamp;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The teams whose calls a `head_of_sales` user sees. */
export interface UserTeamTable {
  user_id: number;
  team_id: number;
}

export interface SessionTable {
  id: Generated<number>;
  /** SHA-256 of the cookie's token, hex. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  user_agent: string | null;
  ip: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginFailureTable {
  id: Generated<number>;
  /** `login:<folded login>` or `ip:<address>`. */
  key: string;
  failed_at: Timestamp;
}

/** A reviewer's decision in force on one criterion or finding of a call. */
export interface ReviewOverrideTable {
  id: Generated<number>;
  call_id: string;
  target: string;
  /** A criterion id, or a finding key `kind@turn`. */
  target_key: string;
  criterion_result: string | null;
  finding_action: string | null;
  finding_severity: string | null;
  /** The kept or added finding (`Finding`), so it outlives a re-evaluation that drops it. */
  finding: Json | null;
  added: Bool;
  comment: string;
  source: string;
  dispute_id: number | null;
  author_id: number | null;
  author_name: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One entry of a call's review history. */
export interface ReviewEventTable {
  id: Generated<number>;
  call_id: string;
  action: string;
  target: string | null;
  target_key: string | null;
  from_value: Json | null;
  to_value: Json | null;
  comment: string | null;
  score_before: number | null;
  score_after: number | null;
  dispute_id: number | null;
  actor_id: number | null;
  actor_name: string | null;
  created_at: Timestamp;
}

export interface DisputeTable {
  id: Generated<number>;
  call_id: string;
  target: string;
  target_key: string;
  requested_result: string | null;
  comment: string;
  status: string;
  opened_by: number | null;
  opened_by_name: string | null;
  resolution_comment: string | null;
  resolved_by: number | null;
  resolved_by_name: string | null;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A job of the SQLite queue (PostgreSQL queues in pg-boss instead). Times are ISO text. */
export interface JobTable {
  id: string;
  name: string;
  payload: Json;
  /** Dedupe key: one queued or running job per name and key. */
  job_key: string | null;
  state: string;
  /** Attempts started so far, including the running one. */
  attempts: number;
  max_attempts: number;
  /** Delay before the first retry, in seconds; each further retry waits twice as long. */
  retry_delay_sec: number;
  run_after: Timestamp;
  /** Random token of the claim that runs the job now; a worker that lost its lease no longer matches it. */
  claim_token: string | null;
  lease_until: Timestamp | null;
  progress_done: number;
  progress_total: number | null;
  progress_message: string | null;
  result: Json | null;
  /** The last attempt's error, kept after the job is dead. */
  error: string | null;
  requested_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** What okk keeps beside a pg-boss job on PostgreSQL: its name and key for lookups, and its progress. */
export interface JobRecordTable {
  job_id: string;
  job_name: string;
  job_key: string | null;
  requested_by: string | null;
  progress_done: number;
  progress_total: number | null;
  progress_message: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A file uploaded through the API, stored under `<dataDir>/uploads/<sha256>/`. */
export interface UploadTable {
  id: string;
  /** `sha256` of the file, plus that of its metadata file when one came with it. */
  content_key: string;
  sha256: string;
  file_name: string;
  kind: string;
  /** pg returns `bigint` as a string. */
  size_bytes: ColumnType<number | string, number, number>;
  stored_path: string;
  sidecar_name: string | null;
  sidecar_sha256: string | null;
  uploaded_by: string | null;
  job_id: string | null;
  status: string;
  result: Json | null;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

/** Calls of one local day, manager and team (key 0 for none), kept by the report rollup. */
export interface ReportDayTable {
  /** `YYYY-MM-DD` in the database's time zone. */
  day: string;
  manager_key: number;
  team_key: number;
  calls: number;
  evaluated: number;
  scored: number;
  score_sum: number;
}

/** Calls of one day, manager and team with at least one finding of a kind. */
export interface ReportDayFindingTable {
  day: string;
  manager_key: number;
  team_key: number;
  kind: string;
  calls: number;
  scored: number;
  score_sum: number;
}

/** Calls of one day, manager and team by the result of one criterion. */
export interface ReportDayCriterionTable {
  day: string;
  manager_key: number;
  team_key: number;
  criterion_id: string;
  result: string;
  calls: number;
  scored: number;
  score_sum: number;
}

/** UTC dates of calls changed since the rollup was last rebuilt, marked by triggers on `calls`. */
export interface ReportDirtyDayTable {
  day: string;
}

export interface ReportStateTable {
  key: string;
  value: string;
}

/**
 * One row (id 1): whether every stored call's full-text document contains its owner tokens (migration 0506),
 * and the version of the lemmas it was written with (`SEARCH_LEMMAS_VERSION`, migration 0507).
 */
export interface SearchIndexStateTable {
  id: number;
  owner_tokens: Bool;
  lemmas_version: Generated<number>;
}

export interface AlertDeliveryTable {
  id: Generated<number>;
  call_id: string;
  /** `score_below`, `critical:<kind>` or `finding:<kind>`. */
  rule: string;
  /** Russian: why the call was alerted. */
  reason: string;
  channel: string;
  /** A Telegram chat id, an e-mail address, or `webhook`. */
  address: string;
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  due_at: Timestamp;
  claim_token: string | null;
  claimed_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface AlertChannelStateTable {
  channel: string;
  last_attempt_at: Timestamp | null;
  last_sent_at: Timestamp | null;
  last_error: string | null;
  last_error_at: Timestamp | null;
  sent_count: Generated<number>;
  failed_count: Generated<number>;
}
