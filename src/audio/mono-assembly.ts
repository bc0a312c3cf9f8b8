import type { Role, RoleAssignment, SignalMetrics, SourceWarning, TimeSpan, Transcript, Turn } from '../core/model/transcript.ts';
import { assignRolesByContent } from '../core/roles/content-roles.ts';
import type { Morphology } from '../core/text/morphology.ts';
import type { AudioTuning } from './audio-tuning.ts';
import type { RecognitionPassResult } from './recognition-pass.ts';
import { computeSignalMetrics } from './signal-metrics.ts';
import { attributeSpeakers, type SpeakerSegment } from './speaker-attribution.ts';
import { settlePartSpeakers } from './part-speakers.ts';
import { clusterSpeakers } from './speaker-clustering.ts';
import { intersectionOf, overlapLength } from './time-spans.ts';
import { buildTurns, type TurnPart } from './turn-builder.ts';

export interface MonoAssembly {
  turns: Turn[];
  roles: RoleAssignment;
  /** Present only when both roles were found: talk times per party mean nothing without them. */
  signal?: SignalMetrics;
  warnings: SourceWarning[];
  /** Pitch distance between the two voices found, in semitones; null when too little speech was measured. */
  pitchGapSemitones: number | null;
}

export interface MonoContext {
  file: string;
  durationSec: number;
  /** VAD pieces of the mono signal, the same ones whose voices were measured. */
  pieces: readonly VoicePiece[];
  morphology: Morphology;
  tuning: AudioTuning;
}

/** A part of a voice piece, with the length of the short pause it starts in (0 for the first part). */
export interface VoicePart extends TimeSpan {
  pauseBeforeSec: number;
}

/** A piece of mono speech whose voice is measured on its own, with its parts between short pauses. */
export interface VoicePiece extends TimeSpan {
  /**
   * The piece cut at the middle of each short pause inside it (one part when there is none). When the
   * parties answer each other at once, one piece can hold the end of one party's words and the start of
   * the other's; the pause between them is where the parts meet.
   */
  parts: VoicePart[];
}

/**
 * Cuts speech spans at region edges and into pieces of at most `pieceSec`, equal within each span.
 * Each piece is divided further into parts at the `pauses` (sorted short pauses of the raw VAD) inside it.
 */
export function voicePieces(spans: readonly TimeSpan[], regions: readonly TimeSpan[], pieceSec: number, pauses: readonly TimeSpan[] = []): VoicePiece[] {
  let pauseCursor = 0;
  return intersectionOf(spans, regions).flatMap((span) => {
    const count = Math.max(1, Math.ceil((span.endSec - span.startSec) / pieceSec));
    const length = (span.endSec - span.startSec) / count;
    return Array.from({ length: count }, (_, index): VoicePiece => {
      const piece = { startSec: span.startSec + index * length, endSec: span.startSec + (index + 1) * length };
      while (pauseCursor < pauses.length && (pauses[pauseCursor]?.endSec ?? 0) <= piece.startSec) {
        pauseCursor++;
      }
      const parts: VoicePart[] = [];
      let partStart = piece.startSec;
      let pauseBeforeSec = 0;
      for (let next = pauseCursor; next < pauses.length; next++) {
        const pause = pauses[next];
        if (pause === undefined || pause.startSec >= piece.endSec) {
          break;
        }
        const middle = (pause.startSec + pause.endSec) / 2;
        if (middle > partStart && middle < piece.endSec) {
          parts.push({ startSec: partStart, endSec: middle, pauseBeforeSec });
          partStart = middle;
          pauseBeforeSec = pause.endSec - pause.startSec;
        }
      }
      parts.push({ startSec: partStart, endSec: piece.endSec, pauseBeforeSec });
      return { ...piece, parts };
    });
  });
}

/**
 * Builds the turns of a mono call. Voices are separated by pitch, then the manager is found from the
 * words of each voice («меня зовут…», «компания…»), because the client often speaks first on real
 * calls. When the voices cannot be separated or neither sounds like the manager, roles stay unknown
 * and a warning gives the reason instead of a guess.
 */
export function assembleMono(pass: RecognitionPassResult, context: MonoContext): MonoAssembly {
  const { file, tuning } = context;
  const clustering = clusterSpeakers(pass.voiceUnits, tuning.clustering);
  if (!clustering.twoSpeakers) {
    const parts = pass.segments.map((segment): TurnPart => ({ ...segment, channel: null, speaker: null, role: 'unknown' }));
    const warning = {
      code: 'speakers_not_separated',
      message: `В моно-записи «${file}» не удалось разделить голоса собеседников (голоса похожи по высоте или речи слишком мало), поэтому роли реплик не определены. Двухканальная запись или движок распознавания с диаризацией решают эту проблему.`,
    };
    return { turns: buildTurns(parts, tuning.turns), roles: { method: 'content', confidence: null }, warnings: [warning], pitchGapSemitones: clustering.pitchGapSemitones };
  }

  const units = settlePartSpeakers(pass.voiceUnits, clustering.speakers, tuning.parts);
  const attributed = attributeSpeakers(pass.segments, units.units, units.speakers);
  const parts = attributed.map((segment): TurnPart => ({ ...segment, channel: null, speaker: speakerLabel(segment.speaker), role: 'unknown' }));
  const draft: Transcript = {
    call: { id: '', externalId: null, source: file, startedAt: null, durationSec: null, direction: null, manager: null, client: null },
    turns: buildTurns(parts, tuning.turns),
    roles: { method: 'content', confidence: null },
    format: '',
    warnings: [],
  };
  const assigned = assignRolesByContent(draft, context.morphology);
  const roleOfSpeaker = new Map<string, Role>();
  for (const turn of assigned.turns) {
    if (turn.speaker !== null && turn.role !== 'unknown') {
      roleOfSpeaker.set(turn.speaker, turn.role);
    }
  }
  if (roleOfSpeaker.size === 0) {
    const warning = {
      code: 'roles_unknown',
      message: `В записи «${file}» голоса собеседников разделены, но по содержанию не видно, кто из них менеджер, поэтому роли реплик не определены. Их можно назначить вручную.`,
    };
    return { turns: assigned.turns, roles: assigned.roles, warnings: [warning], pitchGapSemitones: clustering.pitchGapSemitones };
  }

  const spans = partySpans(context.pieces.flatMap((piece) => piece.parts), attributed, roleOfSpeaker);
  return {
    turns: assigned.turns,
    roles: assigned.roles,
    signal: computeSignalMetrics(context.durationSec, spans.manager, spans.client, tuning.metrics),
    warnings: [],
    pitchGapSemitones: clustering.pitchGapSemitones,
  };
}

/** Diarization labels for people reading the transcript: `speaker_1` is the lower voice. */
function speakerLabel(speaker: number | null): string | null {
  return speaker === null ? null : `speaker_${String(speaker + 1)}`;
}

/** Speech spans of each party: every part of a VAD piece goes to the party whose recognised words overlap it most. */
function partySpans(pieces: readonly TimeSpan[], segments: readonly SpeakerSegment[], roleOfSpeaker: ReadonlyMap<string, Role>): { manager: TimeSpan[]; client: TimeSpan[] } {
  const manager: TimeSpan[] = [];
  const client: TimeSpan[] = [];
  for (const piece of pieces) {
    const weights = new Map<Role, number>();
    for (const segment of segments) {
      const label = speakerLabel(segment.speaker);
      const role = label === null ? undefined : roleOfSpeaker.get(label);
      const overlap = overlapLength(piece, segment);
      if (role !== undefined && overlap > 0) {
        weights.set(role, (weights.get(role) ?? 0) + overlap);
      }
    }
    const managerWeight = weights.get('manager') ?? 0;
    const clientWeight = weights.get('client') ?? 0;
    if (managerWeight > clientWeight) {
      manager.push(piece);
    } else if (clientWeight > 0) {
      client.push(piece);
    }
  }
  return { manager, client };
}
