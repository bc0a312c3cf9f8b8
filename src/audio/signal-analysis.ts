import type { PcmBlocks, PcmLayout } from './pcm-blocks.ts';
import { VoiceActivityDetector, type VadMode } from './voice-activity.ts';

/** Frame-by-frame activity of one channel, one entry per VAD frame of 30 ms. */
export interface ChannelActivity {
  /** 1 where VAD found speech in a frame above the level floor, else 0. */
  speech: Uint8Array;
  /** RMS level of each frame in dBFS; digital silence is −120. */
  levelDb: Float32Array;
}

/** Measurements of the first pass over a recording. */
export interface SignalAnalysis {
  sampleRate: number;
  frameSamples: number;
  /** Samples per channel actually decoded: the recording's true length. */
  totalSamples: number;
  channels: ChannelActivity[];
  /** Pearson correlation of the two channels over the whole recording; null for mono or a silent channel. */
  channelCorrelation: number | null;
}

export interface SignalAnalysisOptions {
  vadMode: VadMode;
  /** Frames quieter than this (dBFS) are never speech, whatever the VAD decides: line noise and far echo. */
  levelFloorDb: number;
}

const SILENCE_DB = -120;

/**
 * Decodes a recording once and measures, per channel, which 30 ms frames hold speech and how loud each
 * frame is, plus how alike the two channels are. Memory grows with the number of frames only (5 bytes
 * per frame and channel, about 1.2 MB for an hour of stereo), never with the samples.
 */
export async function analyzeSignal(blocks: PcmBlocks, layout: PcmLayout, options: SignalAnalysisOptions): Promise<SignalAnalysis> {
  const detectors = await Promise.all(
    Array.from({ length: layout.channelCount }, () => VoiceActivityDetector.create(layout.sampleRate === 16000 ? 16000 : 8000, options.vadMode)),
  );
  const frameSamples = detectors[0]?.frameSamples ?? 0;
  const trackers = detectors.map((detector) => new ChannelTracker(detector, options.levelFloorDb));
  const correlation = new CorrelationSums();
  let totalSamples = 0;
  try {
    for await (const block of blocks) {
      totalSamples += block[0]?.length ?? 0;
      block.forEach((samples, channel) => {
        trackers[channel]?.push(samples);
      });
      const [left, right] = block;
      if (left !== undefined && right !== undefined) {
        correlation.add(left, right);
      }
    }
    trackers.forEach((tracker) => {
      tracker.finish();
    });
  } finally {
    detectors.forEach((detector) => {
      detector.free();
    });
  }
  return {
    sampleRate: layout.sampleRate,
    frameSamples,
    totalSamples,
    channels: trackers.map((tracker) => tracker.result()),
    channelCorrelation: layout.channelCount === 2 ? correlation.value() : null,
  };
}

/** Cuts one channel's stream into VAD frames across block edges and records each frame's decision and level. */
class ChannelTracker {
  private readonly carry: Float32Array;
  private filled = 0;
  private readonly speech = new GrowableBytes();
  private readonly levels = new GrowableFloats();

  constructor(
    private readonly detector: VoiceActivityDetector,
    private readonly levelFloorDb: number,
  ) {
    this.carry = new Float32Array(detector.frameSamples);
  }

  push(samples: Float32Array): void {
    const size = this.carry.length;
    let offset = 0;
    if (this.filled > 0) {
      const take = Math.min(size - this.filled, samples.length);
      this.carry.set(samples.subarray(0, take), this.filled);
      this.filled += take;
      offset = take;
      if (this.filled === size) {
        this.frame(this.carry);
        this.filled = 0;
      }
    }
    while (offset + size <= samples.length) {
      this.frame(samples.subarray(offset, offset + size));
      offset += size;
    }
    if (offset < samples.length) {
      this.carry.set(samples.subarray(offset), 0);
      this.filled = samples.length - offset;
    }
  }

  /** Classifies the last, partial frame padded with silence, so every sample belongs to a frame. */
  finish(): void {
    if (this.filled > 0) {
      this.carry.fill(0, this.filled);
      this.frame(this.carry);
      this.filled = 0;
    }
  }

  result(): ChannelActivity {
    return { speech: this.speech.toArray(), levelDb: this.levels.toArray() };
  }

  private frame(samples: Float32Array): void {
    let energy = 0;
    for (const sample of samples) {
      energy += sample * sample;
    }
    const rms = Math.sqrt(energy / samples.length);
    const levelDb = rms > 0 ? Math.max(SILENCE_DB, 20 * Math.log10(rms)) : SILENCE_DB;
    const speech = levelDb > this.levelFloorDb && this.detector.isSpeech(samples);
    this.levels.push(levelDb);
    this.speech.push(speech ? 1 : 0);
  }
}

class CorrelationSums {
  private count = 0;
  private sumLeft = 0;
  private sumRight = 0;
  private sumLeftSquares = 0;
  private sumRightSquares = 0;
  private sumProducts = 0;

  add(left: Float32Array, right: Float32Array): void {
    let sumLeft = 0;
    let sumRight = 0;
    let sumLeftSquares = 0;
    let sumRightSquares = 0;
    let sumProducts = 0;
    for (let index = 0; index < left.length; index++) {
      const l = left[index] ?? 0;
      const r = right[index] ?? 0;
      sumLeft += l;
      sumRight += r;
      sumLeftSquares += l * l;
      sumRightSquares += r * r;
      sumProducts += l * r;
    }
    this.count += left.length;
    this.sumLeft += sumLeft;
    this.sumRight += sumRight;
    this.sumLeftSquares += sumLeftSquares;
    this.sumRightSquares += sumRightSquares;
    this.sumProducts += sumProducts;
  }

  value(): number | null {
    const n = this.count;
    if (n === 0) {
      return null;
    }
    const varianceLeft = this.sumLeftSquares - (this.sumLeft * this.sumLeft) / n;
    const varianceRight = this.sumRightSquares - (this.sumRight * this.sumRight) / n;
    // A digitally silent channel has no variance: it is not a copy of the other one.
    if (varianceLeft <= 1e-9 * n || varianceRight <= 1e-9 * n) {
      return null;
    }
    const covariance = this.sumProducts - (this.sumLeft * this.sumRight) / n;
    return covariance / Math.sqrt(varianceLeft * varianceRight);
  }
}

class GrowableBytes {
  private data = new Uint8Array(4096);
  private length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint8Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  toArray(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}

class GrowableFloats {
  private data = new Float32Array(4096);
  private length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  toArray(): Float32Array {
    return this.data.slice(0, this.length);
  }
}
