import type { Role, RoleAssignment, SourceWarning, Turn, Word } from '../../core/model/transcript.ts';
import { warning } from './import-messages.ts';
import { attributeSpeakers, fillWordTimes, type SourceSegment } from './speaker-attribution.ts';
import { roleFromChannel, roleFromLabel } from './speaker-roles.ts';
import { roundSeconds } from './time-values.ts';

export interface TimedTurnOptions {
  /**
   * Source of roles. With `channel` the role comes from the channel of two-channel audio. With `label`
   * it comes from a speaker label that names a party («Оператор»), and other labels stay `unknown`
   * until the content-based role assignment.
   */
  roleBy: 'channel' | 'label';
  managerChannel: number;
  /** Audio length, for a last segment without an end time. */
  durationSec: number | null;
  /** Number of channels the source declares, if it does. Channel roles need two or more. */
  channelCount?: number | null;
  fileName: string;
}

export interface TimedTurns {
  turns: Turn[];
  roles: RoleAssignment;
  warnings: SourceWarning[];
}

// Two turns overlap when one starts at least this long before the other ends; smaller overlaps are
// rounding in the engines' timestamps.
const MIN_OVERLAP_SEC = 0.05;

/**
 * Builds turns from an engine's segments: fills missing word times and end times, settles speakers,
 * gives roles, sorts by start time and records crosstalk as `overlapsTurn`.
 */
export function buildTimedTurns(segments: readonly SourceSegment[], options: TimedTurnOptions): TimedTurns {
  const warnings: SourceWarning[] = [];
  const timed = segments.filter((segment) => segment.text.trim() !== '' || segment.words.length > 0).map(fillWordTimes);
  const { segments: attributed, report } = attributeSpeakers(timed);
  if (report.wordsFilled > 0 || report.segmentsUnattributed > 0) {
    warnings.push(unattributedWarning(options.fileName, report.wordsFilled, report.segmentsUnattributed));
  }

  const ordered = sortByStart(attributed);
  fillEndTimes(ordered, options.durationSec);

  const byChannel = options.roleBy === 'channel' && countChannels(ordered, options.channelCount ?? null) >= 2;
  const turns = ordered.map((segment, index): Turn => {
    const role: Role = byChannel ? roleFromChannel(segment.channel, options.managerChannel) : roleFromLabel(segment.speaker);
    const turn: Turn = {
      index,
      role,
      channel: segment.channel,
      speaker: segment.speaker,
      startSec: segment.startSec === null ? null : roundSeconds(segment.startSec),
      endSec: segment.endSec === null ? null : roundSeconds(segment.endSec),
      text: turnText(segment),
      confidence: segment.confidence ?? meanWordConfidence(segment),
      flags: [...new Set(segment.flags)],
      overlapsTurn: null,
    };
    if (segment.words.length > 0) {
      turn.words = segment.words.map((word): Word => ({
        text: word.text.trim(),
        startSec: word.startSec === null ? null : roundSeconds(word.startSec),
        endSec: word.endSec === null ? null : roundSeconds(word.endSec),
        confidence: word.confidence,
      }));
    }
    return turn;
  });
  markOverlaps(turns);

  return { turns, roles: roleAssignment(turns, byChannel), warnings };
}

function turnText(segment: SourceSegment): string {
  const text = segment.text.trim();
  if (segment.fromWords === true || text === '') {
    return segment.words.map((word) => word.text.trim()).filter((word) => word !== '').join(' ');
  }
  return text.replace(/\s+/gu, ' ');
}

/** Sorts by start time when every segment has one; engines may list chunks out of time order. */
function sortByStart(segments: readonly SourceSegment[]): SourceSegment[] {
  if (segments.some((segment) => segment.startSec === null)) {
    return [...segments];
  }
  return segments
    .map((segment, position) => ({ segment, position }))
    .sort((a, b) => (a.segment.startSec ?? 0) - (b.segment.startSec ?? 0) || a.position - b.position)
    .map(({ segment }) => segment);
}

/** Ends a segment cut off without an end time where the next one starts, or at the end of the audio. */
function fillEndTimes(segments: SourceSegment[], durationSec: number | null): void {
  segments.forEach((segment, i) => {
    if (segment.endSec !== null || segment.startSec === null) {
      return;
    }
    const start = segment.startSec;
    const next = segments.slice(i + 1).find((later) => later.startSec !== null && later.startSec > start);
    segment.endSec = next?.startSec ?? (durationSec !== null && durationSec > start ? durationSec : null);
  });
}

function countChannels(segments: readonly SourceSegment[], declared: number | null): number {
  const seen = new Set(segments.map((segment) => segment.channel).filter((channel) => channel !== null));
  return Math.max(seen.size, declared ?? 0);
}

function meanWordConfidence(segment: SourceSegment): number | null {
  const values = segment.words.map((word) => word.confidence).filter((value) => value !== null);
  if (values.length === 0) {
    return null;
  }
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Sets `overlapsTurn` to the latest earlier turn of another party that is still going when a turn starts. */
export function markOverlaps(turns: Turn[]): void {
  turns.forEach((turn, i) => {
    const start = turn.startSec;
    if (start === null) {
      return;
    }
    for (let j = i - 1; j >= 0; j--) {
      const earlier = turns[j];
      if (earlier === undefined || !isOtherParty(earlier, turn) || earlier.startSec === null || earlier.endSec === null) {
        continue;
      }
      if (earlier.startSec <= start && earlier.endSec - start >= MIN_OVERLAP_SEC) {
        turn.overlapsTurn = j;
        return;
      }
    }
  });
}

function isOtherParty(a: Turn, b: Turn): boolean {
  if (a.role !== 'unknown' && b.role !== 'unknown') {
    return a.role !== b.role;
  }
  const partyA = a.speaker ?? (a.channel === null ? null : `channel ${a.channel}`);
  const partyB = b.speaker ?? (b.channel === null ? null : `channel ${b.channel}`);
  return partyA !== null && partyB !== null && partyA !== partyB;
}

function roleAssignment(turns: readonly Turn[], byChannel: boolean): RoleAssignment {
  if (byChannel) {
    return { method: 'channel', confidence: null };
  }
  if (turns.length > 0 && turns.every((turn) => turn.role !== 'unknown')) {
    return { method: 'labels', confidence: null };
  }
  // Roles still unknown: the pipeline assigns them from the content of each speaker's turns.
  return { method: 'content', confidence: null };
}

function unattributedWarning(fileName: string, wordsFilled: number, segmentsUnattributed: number): SourceWarning {
  const parts: string[] = [];
  if (wordsFilled > 0) {
    parts.push(`у ${wordsFilled} слов не был указан диктор, они отнесены к диктору своего фрагмента`);
  }
  if (segmentsUnattributed > 0) {
    parts.push(`${segmentsUnattributed} фрагм. остались без диктора и помечены как неатрибутированные`);
  }
  return warning('UNATTRIBUTED_SPEECH', `Файл «${fileName}»: ${parts.join('; ')}.`);
}
