import type { TimeSpan, Transcript, Turn, TurnFlag } from '../model/transcript.ts';
import { isNearDuplicate, longestRepeatedRun, maxWindowCompressionRatio, wordsOf } from './repetition.ts';

/** Speech found on the signal by a voice activity detector; `channel` null means the whole (mono) recording. */
export interface SpeechActivity {
  channel: number | null;
  spans: TimeSpan[];
}

export interface RecognitionGuardOptions {
  /** Speech spans from VAD. Without them no turn is checked for text on silence. */
  speech?: SpeechActivity[];
  /** Turns whose confidence (or mean word confidence) is below this get `low_confidence`. */
  minConfidence?: number;
  /** A turn must overlap speech for at least this share of its length, else it gets `silence_text`. */
  minSpeechShare?: number;
  /** Same-speaker lines repeated this many times in a row are a loop (lines of three words or more). */
  minRepeatedLines?: number;
  /** The same for lines of one or two words, which people do repeat («Алло? Алло?»). */
  minRepeatedShortLines?: number;
  /** A single word repeated back to back this many times inside a turn is a loop. */
  minRepeatedWord?: number;
  /** A phrase of two to six words repeated back to back this many times inside a turn is a loop. */
  minRepeatedPhrase?: number;
  /**
   * A turn with a window of `compressionWindowChars` characters that compresses better than this is a loop.
   * On 66 real Russian contact-centre calls the highest ratio of a 150-character window was 2.31; loops of
   * a short phrase score 3.8 and more.
   */
  maxCompressionRatio?: number;
  compressionWindowChars?: number;
}

const DEFAULTS: Required<Omit<RecognitionGuardOptions, 'speech'>> = {
  minConfidence: 0.3,
  minSpeechShare: 0.2,
  minRepeatedLines: 3,
  minRepeatedShortLines: 6,
  minRepeatedWord: 6,
  minRepeatedPhrase: 4,
  maxCompressionRatio: 3,
  compressionWindowChars: 150,
};

const GUARD_FLAGS: TurnFlag[] = ['repetition_loop', 'silence_text', 'low_confidence'];

/**
 * Marks recognition garbage in a transcript from any source: repetition loops, text on stretches the VAD
 * found silent, and turns the engine itself was unsure of. Marked turns stay in the transcript (a reviewer
 * may still read them) but carry a `TurnFlag` that keeps them out of evidence. Returns a new transcript and
 * leaves the input unchanged; running it twice gives the same result.
 */
export function guardRecognition(transcript: Transcript, options: RecognitionGuardOptions = {}): Transcript {
  const settings = { ...DEFAULTS, ...withoutUndefined(options) };
  const found = new Map<number, Set<TurnFlag>>();
  const mark = (position: number, flag: TurnFlag): void => {
    const flags = found.get(position) ?? new Set<TurnFlag>();
    flags.add(flag);
    found.set(position, flags);
  };

  for (const position of findRepeatedLines(transcript.turns, settings)) {
    mark(position, 'repetition_loop');
  }
  transcript.turns.forEach((turn, position) => {
    if (isLoopInside(turn.text, settings)) {
      mark(position, 'repetition_loop');
    }
    if (options.speech !== undefined && isTextOnSilence(turn, options.speech, settings.minSpeechShare)) {
      mark(position, 'silence_text');
    }
    if (isLowConfidence(turn, settings.minConfidence)) {
      mark(position, 'low_confidence');
    }
  });

  const turns = transcript.turns.map((turn, position) => {
    const added = found.get(position);
    if (added === undefined) {
      return turn;
    }
    const flags = [...turn.flags, ...GUARD_FLAGS.filter((flag) => added.has(flag) && !turn.flags.includes(flag))];
    return { ...turn, flags };
  });
  return { ...transcript, turns, warnings: [...transcript.warnings, ...warningsFor(transcript, turns)] };
}

/** Positions of turns that repeat the line before them (by the same speaker) in a run long enough to be a loop. */
function findRepeatedLines(turns: readonly Turn[], settings: typeof DEFAULTS): number[] {
  const found: number[] = [];
  const bySpeaker = new Map<string, number[]>();
  turns.forEach((turn, position) => {
    const key = `${String(turn.channel)}|${turn.speaker ?? ''}|${turn.role}`;
    const positions = bySpeaker.get(key) ?? [];
    positions.push(position);
    bySpeaker.set(key, positions);
  });

  for (const positions of bySpeaker.values()) {
    let run: number[] = [];
    let runWords: string[] = [];
    const closeRun = (): void => {
      const minimum = runWords.length >= 3 ? settings.minRepeatedLines : settings.minRepeatedShortLines;
      if (run.length >= minimum) {
        found.push(...run);
      }
    };
    for (const position of positions) {
      const words = wordsOf(turns[position]?.text ?? '');
      if (run.length > 0 && isNearDuplicate(runWords, words)) {
        run.push(position);
        // The run is named by its longest line, so a shortened repeat does not shrink what later lines must match.
        runWords = words.length > runWords.length ? words : runWords;
        continue;
      }
      closeRun();
      run = words.length > 0 ? [position] : [];
      runWords = words;
    }
    closeRun();
  }
  return found;
}

function isLoopInside(text: string, settings: typeof DEFAULTS): boolean {
  const words = wordsOf(text);
  const run = longestRepeatedRun(words);
  if (run !== null) {
    const limit = run.gram.length === 1 ? settings.minRepeatedWord : settings.minRepeatedPhrase;
    if (run.times >= limit) {
      return true;
    }
  }
  return maxWindowCompressionRatio(text, settings.compressionWindowChars) > settings.maxCompressionRatio;
}

function isTextOnSilence(turn: Turn, speech: readonly SpeechActivity[], minShare: number): boolean {
  if (turn.startSec === null || turn.endSec === null || wordsOf(turn.text).length === 0) {
    return false;
  }
  const spans = speechSpansFor(turn.channel, speech);
  if (spans === null) {
    return false;
  }
  const length = turn.endSec - turn.startSec;
  const covered = spans.reduce((sum, span) => sum + Math.max(0, Math.min(span.endSec, turn.endSec ?? 0) - Math.max(span.startSec, turn.startSec ?? 0)), 0);
  if (length <= 0) {
    // A turn with no length is on silence only if no speech span contains its instant.
    return !spans.some((span) => span.startSec <= (turn.startSec ?? 0) && (turn.startSec ?? 0) <= span.endSec);
  }
  return covered / length < minShare;
}

function speechSpansFor(channel: number | null, speech: readonly SpeechActivity[]): TimeSpan[] | null {
  const own = speech.find((activity) => activity.channel === channel);
  if (own !== undefined) {
    return own.spans;
  }
  // A channel turn is judged on the whole-recording spans when VAD ran on the mix only.
  return speech.find((activity) => activity.channel === null)?.spans ?? null;
}

function isLowConfidence(turn: Turn, minConfidence: number): boolean {
  if (turn.confidence !== null) {
    return turn.confidence < minConfidence;
  }
  const scores = (turn.words ?? []).map((word) => word.confidence).filter((score): score is number => score !== null);
  if (scores.length === 0) {
    return false;
  }
  return scores.reduce((sum, score) => sum + score, 0) / scores.length < minConfidence;
}

const WARNING_TEXT: Record<'repetition_loop' | 'silence_text' | 'low_confidence', string> = {
  repetition_loop: 'похожи на зацикливание распознавания (повтор одной и той же фразы)',
  silence_text: 'распознаны там, где в записи нет речи',
  low_confidence: 'распознаны с низкой уверенностью',
};

function warningsFor(before: Transcript, after: readonly Turn[]): { code: string; message: string }[] {
  const warnings: { code: string; message: string }[] = [];
  for (const flag of ['repetition_loop', 'silence_text', 'low_confidence'] as const) {
    const indexes = after
      .filter((turn, position) => turn.flags.includes(flag) && !(before.turns[position]?.flags.includes(flag) ?? false))
      .map((turn) => turn.index);
    if (indexes.length > 0) {
      warnings.push({
        code: flag,
        message: `Реплики ${formatIndexes(indexes)} ${WARNING_TEXT[flag]}; они не используются как доказательства.`,
      });
    }
  }
  return warnings;
}

/** Formats turn indexes for people: numbered from 1, consecutive numbers joined into ranges («3–7, 12»). */
function formatIndexes(indexes: readonly number[]): string {
  const ranges: string[] = [];
  let start = indexes[0] ?? 0;
  let previous = start;
  for (const index of [...indexes.slice(1), Number.NaN]) {
    if (index === previous + 1) {
      previous = index;
      continue;
    }
    ranges.push(start === previous ? `${start + 1}` : `${start + 1}–${previous + 1}`);
    start = index;
    previous = index;
  }
  return ranges.join(', ');
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
