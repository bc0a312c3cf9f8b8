/** Who speaks a turn. `unknown` is a turn that could not be attributed to either party. */
export type Role = 'manager' | 'client' | 'unknown';

export type Direction = 'inbound' | 'outbound';

/**
 * Marks on a turn that change how it may be used. A turn with `repetition_loop`, `low_confidence` or
 * `silence_text` is recognition garbage: it stays in the transcript but is never quoted as evidence.
 */
export type TurnFlag =
  | 'unattributed'
  | 'repetition_loop'
  | 'low_confidence'
  | 'silence_text';

export interface Word {
  text: string;
  startSec: number | null;
  endSec: number | null;
  confidence: number | null;
}

export interface Turn {
  /** Position in the transcript, from 0. Evidence refers to turns by this index. */
  index: number;
  role: Role;
  /** Recording channel (0 = first) where the source had channels. */
  channel: number | null;
  /**
   * The source's own speaker label («Оператор», `SPEAKER_01`, `channelTag` 1) when it had one. Turns whose
   * role is `unknown` but carry a label get their role later, from what each speaker says.
   */
  speaker: string | null;
  startSec: number | null;
  endSec: number | null;
  text: string;
  /** Recognition confidence in 0..1 where the engine gave one. */
  confidence: number | null;
  flags: TurnFlag[];
  /**
   * Index of an earlier turn of the other party that was still going when this one started (crosstalk).
   * Channel-tagged text has no times, so overlap is the only record of who talked over whom.
   */
  overlapsTurn: number | null;
  words?: Word[];
}

export interface ManagerInfo {
  name: string;
  team: string | null;
  supervisor: string | null;
  position: string | null;
}

export interface ClientInfo {
  name: string | null;
  phone: string | null;
}

export interface CallInfo {
  /** Stable id: the same call imported twice gets the same id. */
  id: string;
  /** The id the source system gave the call, if any. */
  externalId: string | null;
  /** Where the call came from: a file path, or an integration and its record id. */
  source: string;
  /** ISO 8601 with offset, or a bare date `YYYY-MM-DD` when the source has no time. */
  startedAt: string | null;
  durationSec: number | null;
  direction: Direction | null;
  manager: ManagerInfo | null;
  client: ClientInfo | null;
}

/** A non-fatal problem found while reading a source; `message` is Russian and shown to users. */
export interface SourceWarning {
  code: string;
  message: string;
}

/** Speech timing measured on the audio signal, not on recognition timestamps. */
export interface SignalMetrics {
  durationSec: number;
  talkSec: { manager: number; client: number };
  silenceSec: number;
  /** Stretches where nobody speaks, longer than the detector's minimum. */
  pauses: TimeSpan[];
  /** Stretches where both parties speak; `by` is the party who started last (the one talking over). */
  overlaps: (TimeSpan & { by: Role })[];
  longestManagerMonologueSec: number;
  /** The client's longest monologue, kept so that a manual swap of roles can swap the two. */
  longestClientMonologueSec?: number;
}

export interface TimeSpan {
  startSec: number;
  endSec: number;
}

/** How the roles of the turns were decided, and how sure that choice is (0..1, null when not measured). */
export interface RoleAssignment {
  method: 'labels' | 'channel' | 'content' | 'manual';
  confidence: number | null;
}

export interface Transcript {
  call: CallInfo;
  turns: Turn[];
  roles: RoleAssignment;
  /** Importer or engine that produced the turns, e.g. `channel-tagged-json`, `yandex-v3`. */
  format: string;
  warnings: SourceWarning[];
  signal?: SignalMetrics;
}
