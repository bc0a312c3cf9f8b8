import type { TimeSpan } from '../core/model/transcript.ts';
import type { ChannelActivity } from './signal-analysis.ts';

/** Smoothing of raw VAD frames into speech spans. */
export interface SpanSmoothing {
  /** Runs of speech shorter than this are dropped (clicks, line noise). */
  minSpeechSec: number;
  /** Pauses shorter than this inside speech are bridged (breaths, stops between words). */
  minSilenceSec: number;
}

/** Frame grid of one recording: where frame k starts is k · frameSamples / sampleRate, exactly. */
export interface FrameGrid {
  frameSamples: number;
  sampleRate: number;
  totalSamples: number;
}

/**
 * Turns per-frame VAD decisions into speech spans in seconds. Times come from frame positions in
 * samples, so they do not drift however long the recording is.
 */
export function speechSpansFromFrames(speech: Uint8Array, grid: FrameGrid, smoothing: SpanSmoothing): TimeSpan[] {
  const frameSec = grid.frameSamples / grid.sampleRate;
  const totalSec = grid.totalSamples / grid.sampleRate;
  const runs: { start: number; end: number }[] = [];
  let start = -1;
  for (let frame = 0; frame <= speech.length; frame++) {
    const active = frame < speech.length && speech[frame] === 1;
    if (active && start < 0) {
      start = frame;
    } else if (!active && start >= 0) {
      runs.push({ start, end: frame });
      start = -1;
    }
  }

  const bridged: { start: number; end: number }[] = [];
  for (const run of runs) {
    const last = bridged.at(-1);
    if (last !== undefined && (run.start - last.end) * frameSec < smoothing.minSilenceSec) {
      last.end = run.end;
    } else {
      bridged.push({ ...run });
    }
  }
  return bridged
    .filter((run) => (run.end - run.start) * frameSec >= smoothing.minSpeechSec)
    .map((run) => ({ startSec: run.start * frameSec, endSec: Math.min(totalSec, run.end * frameSec) }));
}

/**
 * Short pauses inside speech: runs of non-speech frames of at least `minPauseSec` with speech on both
 * sides. These are the pauses that span smoothing bridges, such as a quick change of speaker.
 */
export function shortPauses(speech: Uint8Array, grid: FrameGrid, minPauseSec: number): TimeSpan[] {
  const frameSec = grid.frameSamples / grid.sampleRate;
  const minFrames = Math.max(1, Math.round(minPauseSec / frameSec));
  const pauses: TimeSpan[] = [];
  let lastSpeech = -1;
  for (let frame = 0; frame < speech.length; frame++) {
    if (speech[frame] !== 1) {
      continue;
    }
    if (lastSpeech >= 0 && frame - lastSpeech - 1 >= minFrames) {
      pauses.push({ startSec: (lastSpeech + 1) * frameSec, endSec: frame * frameSec });
    }
    lastSpeech = frame;
  }
  return pauses;
}

/**
 * Drops bleed: frames where both channels hear speech but one is quieter than the other by more than
 * `marginDb`. On a two-channel call each party is close to their own microphone, so the much quieter
 * copy is the other party's voice leaking through (echo, crosstalk in the line), not a second talker.
 * Returns new speech arrays and how many frames were dropped per channel.
 */
export function suppressBleed(channels: readonly ChannelActivity[], marginDb: number): { speech: Uint8Array[]; droppedFrames: number[] } {
  const speech = channels.map((channel) => channel.speech.slice());
  const droppedFrames = channels.map(() => 0);
  const [first, second] = channels;
  const [firstSpeech, secondSpeech] = speech;
  if (first === undefined || second === undefined || firstSpeech === undefined || secondSpeech === undefined) {
    return { speech, droppedFrames };
  }
  const frames = Math.min(firstSpeech.length, secondSpeech.length);
  for (let frame = 0; frame < frames; frame++) {
    if (firstSpeech[frame] !== 1 || secondSpeech[frame] !== 1) {
      continue;
    }
    const difference = (first.levelDb[frame] ?? 0) - (second.levelDb[frame] ?? 0);
    if (difference > marginDb) {
      secondSpeech[frame] = 0;
      droppedFrames[1] = (droppedFrames[1] ?? 0) + 1;
    } else if (difference < -marginDb) {
      firstSpeech[frame] = 0;
      droppedFrames[0] = (droppedFrames[0] ?? 0) + 1;
    }
  }
  return { speech, droppedFrames };
}

/** Mean level (dBFS) of a channel over a stretch of time, from its frame levels. */
export function meanLevelDb(levelDb: Float32Array, grid: FrameGrid, span: TimeSpan): number {
  const frameSec = grid.frameSamples / grid.sampleRate;
  const first = Math.max(0, Math.floor(span.startSec / frameSec));
  const last = Math.min(levelDb.length, Math.max(first + 1, Math.ceil(span.endSec / frameSec)));
  let energy = 0;
  for (let frame = first; frame < last; frame++) {
    energy += 10 ** ((levelDb[frame] ?? -120) / 10);
  }
  return last > first ? 10 * Math.log10(energy / (last - first) || 1e-12) : -120;
}
