import type { Evaluation } from '../core/model/evaluation.ts';
import type { CallInfo, Direction, Role, SignalMetrics, SourceWarning, Transcript, Turn, TurnFlag, Word } from '../core/model/transcript.ts';
import type { Selectable } from 'kysely';
import type { CallTable, TurnTable } from './schema.ts';
import type { SqlDialect } from './sql-dialect.ts';
import { readJson, readOptionalTimestamp, readTimestamp } from './sql-dialect.ts';
import { failedCriteriaOf } from './failed-criteria.ts';
import { worstFindingsOf } from './worst-findings.ts';

/** A stored call: its transcript as saved, its current evaluation and what okk recorded about it. */
export interface StoredCall {
  transcript: Transcript;
  managerId: number | null;
  teamId: number | null;
  /** The stored manager's and team's names, which may be spelled differently from `transcript.call`. */
  managerName: string | null;
  teamName: string | null;
  /** IANA zone the call was analysed in, which a re-evaluation uses again. */
  timeZone: string;
  /** The call's start as a UTC instant, or null when the source gave none. */
  startedAtUtc: string | null;
  audio: { path: string; durationSec: number | null; channels: number | null } | null;
  evaluation: Evaluation | null;
  evaluationId: number | null;
  score: number | null;
  evaluatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type CallRowWithNames = Selectable<CallTable> & {
  manager_name: string | null;
  supervisor: string | null;
  position: string | null;
  team_name: string | null;
};

export function turnRows(transcript: Transcript, dialect: SqlDialect) {
  return transcript.turns.map((turn) => ({
    call_id: transcript.call.id,
    idx: turn.index,
    role: turn.role,
    channel: turn.channel,
    speaker: turn.speaker,
    start_sec: turn.startSec,
    end_sec: turn.endSec,
    text: turn.text,
    confidence: turn.confidence,
    flags: dialect.json(turn.flags),
    overlaps_turn: turn.overlapsTurn,
    words: turn.words === undefined ? null : dialect.json(turn.words),
  }));
}

/**
 * Rebuilds the saved transcript as it was analysed, so evaluating it again gives the same evaluation.
 * `defaultTimeZone` (the database's) stands in for calls saved before their zone was kept. Those calls
 * also have no saved `CallInfo`, and theirs is rebuilt from the columns: the manager's supervisor and
 * position are then the stored manager's latest ones.
 */
export function toStoredCall(
  row: CallRowWithNames,
  turns: readonly Selectable<TurnTable>[],
  current: { id: number; evaluation: Evaluation } | null,
  defaultTimeZone: string,
): StoredCall {
  const transcript: Transcript = {
    call: storedCallInfo(row),
    turns: turns.map(toTurn),
    roles: { method: row.role_method as Transcript['roles']['method'], confidence: row.role_confidence },
    format: row.transcript_format,
    warnings: (readJson(row.import_warnings) as SourceWarning[]).map((warning) => ({ code: warning.code, message: warning.message })),
  };
  if (row.signal !== null) {
    transcript.signal = (readJson(row.signal) as SignalMetrics);
  }

  return {
    transcript,
    managerId: row.manager_id,
    teamId: row.team_id,
    managerName: row.manager_name,
    teamName: row.team_name,
    timeZone: row.time_zone ?? defaultTimeZone,
    startedAtUtc: readOptionalTimestamp(row.started_at),
    audio: row.audio_path === null ? null : { path: row.audio_path, durationSec: row.audio_duration_sec, channels: row.audio_channels },
    evaluation: current?.evaluation ?? null,
    evaluationId: current?.id ?? null,
    score: row.score,
    evaluatedAt: readOptionalTimestamp(row.evaluated_at),
    createdAt: readTimestamp(row.created_at),
    updatedAt: readTimestamp(row.updated_at),
  };
}

/** Reads the call's saved details, or rebuilds them from the columns for calls saved before `call_info` was kept. */
export function storedCallInfo(row: CallRowWithNames): CallInfo {
  return row.call_info === null ? callInfoFromColumns(row) : readCallInfo(readJson(row.call_info) as CallInfo);
}

/**
 * Copies a saved `CallInfo` field by field. PostgreSQL's jsonb keeps an object's keys in its own order,
 * and an evaluation copies the call's details, so without this its JSON would differ from the
 * analysis's in key order alone.
 */
function readCallInfo(saved: CallInfo): CallInfo {
  const { manager, client } = saved;
  return {
    id: saved.id,
    externalId: saved.externalId,
    source: saved.source,
    startedAt: saved.startedAt,
    durationSec: saved.durationSec,
    direction: saved.direction,
    manager: manager === null ? null : { name: manager.name, team: manager.team, supervisor: manager.supervisor, position: manager.position },
    client: client === null ? null : { name: client.name, phone: client.phone },
  };
}

function callInfoFromColumns(row: CallRowWithNames): CallInfo {
  return {
    id: row.id,
    externalId: row.external_id,
    source: row.source,
    startedAt: row.started_at_source,
    durationSec: row.duration_sec,
    direction: row.direction as Direction | null,
    manager: row.manager_name === null ? null : { name: row.manager_name, team: row.team_name, supervisor: row.supervisor, position: row.position },
    client: row.client_name === null && row.client_phone === null ? null : { name: row.client_name, phone: row.client_phone },
  };
}

function toTurn(row: Selectable<TurnTable>): Turn {
  const turn: Turn = {
    index: row.idx,
    role: row.role as Role,
    channel: row.channel,
    speaker: row.speaker,
    startSec: row.start_sec,
    endSec: row.end_sec,
    text: row.text,
    confidence: row.confidence,
    flags: (readJson(row.flags) as TurnFlag[]),
    overlapsTurn: row.overlaps_turn,
  };
  if (row.words !== null) {
    turn.words = (readJson(row.words) as Word[]);
  }
  return turn;
}

/** Returns the columns of `calls` copied from its current evaluation, for filters, sorting and list rows. */
export function evaluationSummaryColumns(evaluation: Pick<Evaluation, 'score' | 'findings' | 'criteria'>, dialect: SqlDialect) {
  return {
    score: evaluation.score,
    finding_count: evaluation.findings.length,
    worst_findings: dialect.json(worstFindingsOf(evaluation.findings)),
    failed_criteria: dialect.json(failedCriteriaOf(evaluation.criteria)),
  };
}
