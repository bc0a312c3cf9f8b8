import type { RoleAssignment, SignalMetrics, Turn } from '../core/model/transcript.ts';
import type { AudioTuning } from './audio-tuning.ts';
import { dropEchoDuplicates } from './echo-duplicates.ts';
import type { LaneSegment } from './recognition-pass.ts';
import type { Lane } from './recording-layout.ts';
import { computeSignalMetrics } from './signal-metrics.ts';
import { meanLevelDb, type FrameGrid } from './speech-spans.ts';
import { buildTurns, type TurnPart } from './turn-builder.ts';

export interface StereoAssembly {
  turns: Turn[];
  roles: RoleAssignment;
  signal: SignalMetrics;
  /** Segments dropped as the other party's words echoed on the wrong channel. */
  echoDuplicates: number;
}

/**
 * Builds the turns of a two-channel call: each channel is one party, so the role of a turn is the
 * role configured for its channel, never a guess from who speaks first. Echoed words recognised on
 * both channels are kept only from the louder one.
 */
export function assembleStereo(
  segments: readonly LaneSegment[],
  lanes: readonly Lane[],
  grid: FrameGrid,
  managerChannel: 0 | 1,
  tuning: AudioTuning,
): StereoAssembly {
  const levelOf = (laneIndex: number, span: { startSec: number; endSec: number }): number => {
    const lane = lanes[laneIndex];
    return lane === undefined ? -120 : meanLevelDb(lane.levelDb, grid, span);
  };
  const { kept, dropped } = dropEchoDuplicates(segments, levelOf);
  const parts: TurnPart[] = kept.map((segment) => {
    const channel = lanes[segment.lane]?.channel ?? segment.lane;
    return { ...segment, channel, speaker: null, role: channel === managerChannel ? 'manager' : 'client' };
  });

  const manager = lanes.find((lane) => lane.channel === managerChannel)?.spans ?? [];
  const client = lanes.find((lane) => lane.channel !== managerChannel)?.spans ?? [];
  return {
    turns: buildTurns(parts, tuning.turns),
    // The channel map comes from configuration, so there is no measured confidence to report.
    roles: { method: 'channel', confidence: null },
    signal: computeSignalMetrics(grid.totalSamples / grid.sampleRate, manager, client, tuning.metrics),
    echoDuplicates: dropped,
  };
}
