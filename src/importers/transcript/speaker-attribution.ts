import type { TurnFlag } from '../../core/model/transcript.ts';

/** A recognized word as an engine gave it; any field but the text may be missing. */
export interface SourceWord {
  text: string;
  startSec: number | null;
  endSec: number | null;
  confidence: number | null;
  speaker: string | null;
}

/** A recognized phrase (segment, chunk, utterance, cue) as an engine gave it. */
export interface SourceSegment {
  text: string;
  startSec: number | null;
  endSec: number | null;
  speaker: string | null;
  channel: number | null;
  confidence: number | null;
  words: SourceWord[];
  flags: TurnFlag[];
  /** Set when the segment was rebuilt from its words, so its text is the words joined. */
  fromWords?: boolean;
}

export interface AttributionReport {
  /** Words that had no speaker and took one from their segment or neighbours. */
  wordsFilled: number;
  /** Segments left without any speaker in a diarized transcript. */
  segmentsUnattributed: number;
}

/**
 * Gives every word a time: words without one (WhisperX leaves numerals like «780» untimed) span from
 * the end of the last timed word before them to the start of the next timed word, within the segment.
 */
export function fillWordTimes(segment: SourceSegment): SourceSegment {
  const original = segment.words;
  const words = original.map((word, i) => {
    if (word.startSec !== null && word.endSec !== null) {
      return { ...word };
    }
    const before = original.slice(0, i).findLast((other) => other.endSec !== null)?.endSec ?? segment.startSec;
    const after = original.slice(i + 1).find((other) => other.startSec !== null)?.startSec ?? segment.endSec;
    return { ...word, startSec: word.startSec ?? before, endSec: word.endSec ?? after };
  });
  const startSec = segment.startSec ?? words[0]?.startSec ?? null;
  const endSec = segment.endSec ?? words.at(-1)?.endSec ?? null;
  return { ...segment, words, startSec, endSec };
}

/**
 * Settles who speaks each segment of a diarized transcript where some words or segments lack a
 * speaker, or where words disagree with their segment. A segment whose words change speaker is split
 * at the change. A lone word of another speaker is diarization noise, so it joins its neighbours.
 * A segment with no speaker anywhere takes the speaker of the segment it overlaps most in time, or is
 * flagged `unattributed`.
 */
export function attributeSpeakers(segments: readonly SourceSegment[]): { segments: SourceSegment[]; report: AttributionReport } {
  const report: AttributionReport = { wordsFilled: 0, segmentsUnattributed: 0 };
  const diarized = segments.some((segment) => segment.speaker !== null || segment.words.some((word) => word.speaker !== null));
  if (!diarized) {
    return { segments: [...segments], report };
  }

  const split = segments.flatMap((segment) => splitBySpeaker(segment, report));
  const attributed = split.map((segment) => {
    if (segment.speaker !== null) {
      return segment;
    }
    const speaker = speakerOfMostOverlapping(segment, split);
    if (speaker !== null) {
      return { ...segment, speaker, words: segment.words.map((word) => ({ ...word, speaker })) };
    }
    report.segmentsUnattributed++;
    const flags: TurnFlag[] = [...segment.flags, 'unattributed'];
    return { ...segment, flags };
  });
  return { segments: attributed, report };
}

function splitBySpeaker(segment: SourceSegment, report: AttributionReport): SourceSegment[] {
  const known = segment.words.filter((word) => word.speaker !== null);
  const segmentSpeaker = segment.speaker ?? majoritySpeaker(known);
  if (segmentSpeaker === null) {
    return [segment];
  }
  // Words of a segment inherit its speaker quietly unless word-level diarization labelled some of them.
  if (known.length > 0) {
    report.wordsFilled += segment.words.length - known.length;
  }
  const words = segment.words.map((word) => ({ ...word, speaker: word.speaker ?? segmentSpeaker }));
  const runs = smoothRuns(runsOfSpeaker(words), segmentSpeaker);
  if (runs.length <= 1) {
    const speaker = runs[0]?.[0]?.speaker ?? segmentSpeaker;
    return [{ ...segment, speaker, words: words.map((word) => ({ ...word, speaker })) }];
  }
  return runs.map((run) => ({
    ...segment,
    text: run.map((word) => word.text.trim()).join(' '),
    startSec: run[0]?.startSec ?? segment.startSec,
    endSec: run.at(-1)?.endSec ?? segment.endSec,
    speaker: run[0]?.speaker ?? segmentSpeaker,
    confidence: null,
    words: run,
    fromWords: true,
  }));
}

function runsOfSpeaker(words: readonly SourceWord[]): SourceWord[][] {
  const runs: SourceWord[][] = [];
  for (const word of words) {
    const run = runs.at(-1);
    if (run !== undefined && run[0]?.speaker === word.speaker) {
      run.push(word);
    } else {
      runs.push([word]);
    }
  }
  return runs;
}

/** Merges one-word runs into a neighbouring run, so a single misattributed word does not make a turn. */
function smoothRuns(runs: readonly SourceWord[][], segmentSpeaker: string): SourceWord[][] {
  if (runs.length <= 1) {
    return [...runs];
  }
  if (runs.every((run) => run.length === 1)) {
    return [runs.flat().map((word) => ({ ...word, speaker: segmentSpeaker }))];
  }
  const speakers = runs.map((run) => run[0]?.speaker ?? segmentSpeaker);
  runs.forEach((run, i) => {
    if (run.length === 1) {
      speakers[i] = i > 0 ? (speakers[i - 1] ?? segmentSpeaker) : (speakers[i + 1] ?? segmentSpeaker);
    }
  });

  const merged: SourceWord[][] = [];
  runs.forEach((run, i) => {
    const speaker = speakers[i] ?? segmentSpeaker;
    const relabelled = run.map((word) => ({ ...word, speaker }));
    const previous = merged.at(-1);
    if (previous !== undefined && previous[0]?.speaker === speaker) {
      previous.push(...relabelled);
    } else {
      merged.push(relabelled);
    }
  });
  return merged;
}

function majoritySpeaker(words: readonly SourceWord[]): string | null {
  const counts = new Map<string, number>();
  for (const word of words) {
    if (word.speaker !== null) {
      counts.set(word.speaker, (counts.get(word.speaker) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [speaker, count] of counts) {
    if (count > bestCount) {
      best = speaker;
      bestCount = count;
    }
  }
  return best;
}

function speakerOfMostOverlapping(segment: SourceSegment, all: readonly SourceSegment[]): string | null {
  if (segment.startSec === null || segment.endSec === null) {
    return null;
  }
  let best: string | null = null;
  let bestOverlap = 0;
  for (const other of all) {
    if (other === segment || other.speaker === null || other.startSec === null || other.endSec === null) {
      continue;
    }
    const overlap = Math.min(segment.endSec, other.endSec) - Math.max(segment.startSec, other.startSec);
    if (overlap > bestOverlap) {
      best = other.speaker;
      bestOverlap = overlap;
    }
  }
  return best;
}
