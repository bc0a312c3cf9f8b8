import { DEFAULT_PARTS, type PartOptions } from './part-speakers.ts';
import type { RegionOptions } from './recognition-regions.ts';
import { DEFAULT_SIGNAL_METRICS, type SignalMetricsOptions } from './signal-metrics.ts';
import { DEFAULT_CLUSTERING, type ClusteringOptions } from './speaker-clustering.ts';
import type { SpanSmoothing } from './speech-spans.ts';
import { DEFAULT_TURNS, type TurnOptions } from './turn-builder.ts';
import type { VadMode } from './voice-activity.ts';

/** Every threshold of the audio pipeline in one place; each has a default that suits telephone calls. */
export interface AudioTuning {
  vadMode: VadMode;
  /** Frames quieter than this (dBFS) are never speech: line noise and far echo. */
  levelFloorDb: number;
  spans: SpanSmoothing;
  /** On two channels, speech this much quieter than the other channel at the same moment is bleed. */
  bleedMarginDb: number;
  /** Channels correlated at least this much are one signal saved twice (a mono call stored as stereo). */
  identicalCorrelation: number;
  regions: RegionOptions;
  /** Maximum length of a piece of mono speech whose voice is measured on its own; longer spans are cut into pieces. */
  voicePieceSec: number;
  parts: PartOptions;
  clustering: ClusteringOptions;
  turns: TurnOptions;
  metrics: SignalMetricsOptions;
}

export const DEFAULT_AUDIO_TUNING: AudioTuning = {
  vadMode: 3,
  levelFloorDb: -55,
  spans: { minSpeechSec: 0.12, minSilenceSec: 0.3 },
  bleedMarginDb: 15,
  identicalCorrelation: 0.98,
  regions: { mergeGapSec: 1, maxRegionSec: 30, padSec: 0.2 },
  voicePieceSec: 2,
  parts: DEFAULT_PARTS,
  clustering: DEFAULT_CLUSTERING,
  turns: DEFAULT_TURNS,
  metrics: DEFAULT_SIGNAL_METRICS,
};
