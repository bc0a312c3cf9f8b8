import type { SourceWarning, TimeSpan } from '../core/model/transcript.ts';
import type { AudioTuning } from './audio-tuning.ts';
import { downmix } from './pcm-blocks.ts';
import type { SignalAnalysis } from './signal-analysis.ts';
import { speechSpansFromFrames, suppressBleed } from './speech-spans.ts';

/**
 * Treatment of a recording: `stereo` has one party per channel; `mono` is one signal, either a mono
 * file or two channels found identical (`identicalChannels`).
 */
export type LayoutKind = 'stereo' | 'mono';

/** One signal that is recognised on its own: a channel of a stereo call, or the mono signal. */
export interface Lane {
  /** Recording channel (0 = first) for stereo; null for the mono signal. */
  channel: number | null;
  pick: (block: readonly Float32Array[]) => Float32Array;
  spans: TimeSpan[];
  /** VAD decision of each frame before smoothing (1 = speech), after bleed suppression on two channels. */
  frames: Uint8Array;
  levelDb: Float32Array;
}

export interface RecordingLayout {
  kind: LayoutKind;
  identicalChannels: boolean;
  lanes: Lane[];
  /** VAD frames dropped as the other party's voice bleeding into a channel. */
  bleedFrames: number;
  warnings: SourceWarning[];
}

const CHANNEL_NAMES = ['первом (левом)', 'втором (правом)'];

/** Decides, from the first pass, how many parties' signals the recording contains and where each one's speech is. */
export function planLayout(analysis: SignalAnalysis, tuning: AudioTuning, file: string): RecordingLayout {
  const [first, second] = analysis.channels;
  if (first === undefined) {
    return { kind: 'mono', identicalChannels: false, lanes: [], bleedFrames: 0, warnings: [] };
  }
  if (second === undefined) {
    const lane = { channel: null, pick: pickChannel(0), spans: speechSpansFromFrames(first.speech, analysis, tuning.spans), frames: first.speech, levelDb: first.levelDb };
    return { kind: 'mono', identicalChannels: false, lanes: [lane], bleedFrames: 0, warnings: [] };
  }

  if (analysis.channelCorrelation !== null && analysis.channelCorrelation >= tuning.identicalCorrelation) {
    const louder = meanOf(first.levelDb) >= meanOf(second.levelDb) ? first : second;
    const lane = { channel: null, pick: pickDownmix, spans: speechSpansFromFrames(louder.speech, analysis, tuning.spans), frames: louder.speech, levelDb: louder.levelDb };
    const warning = {
      code: 'identical_channels',
      message: `Каналы записи «${file}» совпадают (моно, сохранённое как стерео): запись обработана как моно, собеседники разделены по голосу.`,
    };
    return { kind: 'mono', identicalChannels: true, lanes: [lane], bleedFrames: 0, warnings: [warning] };
  }

  const { speech, droppedFrames } = suppressBleed(analysis.channels, tuning.bleedMarginDb);
  const lanes: Lane[] = analysis.channels.map((channel, index) => ({
    channel: index,
    pick: pickChannel(index),
    spans: speechSpansFromFrames(speech[index] ?? channel.speech, analysis, tuning.spans),
    frames: speech[index] ?? channel.speech,
    levelDb: channel.levelDb,
  }));
  const warnings: SourceWarning[] = [];
  const silent = lanes.filter((lane) => lane.spans.length === 0);
  if (silent.length === 1) {
    const channel = silent[0]?.channel ?? 0;
    warnings.push({
      code: 'silent_channel',
      message: `В ${CHANNEL_NAMES[channel] ?? String(channel + 1)} канале записи «${file}» нет речи: слышна только одна сторона разговора.`,
    });
  }
  return { kind: 'stereo', identicalChannels: false, lanes, bleedFrames: droppedFrames.reduce((sum, count) => sum + count, 0), warnings };
}

function pickChannel(index: number): (block: readonly Float32Array[]) => Float32Array {
  return (block) => block[index] ?? new Float32Array(block[0]?.length ?? 0);
}

function pickDownmix(block: readonly Float32Array[]): Float32Array {
  const [left, right] = block;
  if (left === undefined) {
    return new Float32Array(0);
  }
  return right === undefined ? left : downmix(left, right);
}

function meanOf(values: Float32Array): number {
  let sum = 0;
  for (const value of values) {
    sum += value;
  }
  return values.length > 0 ? sum / values.length : -120;
}
