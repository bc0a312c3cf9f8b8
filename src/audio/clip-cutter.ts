import type { TimeSpan } from '../core/model/transcript.ts';
import type { PcmBlocks } from './pcm-blocks.ts';

/** One signal to cut clips from: a channel or a mix, with its recognition regions in time order. */
export interface ClipLane {
  /** Picks this lane's samples out of a decoded block. */
  pick: (block: readonly Float32Array[]) => Float32Array;
  regions: readonly TimeSpan[];
}

/** The samples of one region of one lane. */
export interface Clip {
  lane: number;
  region: TimeSpan;
  /** Position of the first sample in the recording; `startSample / sampleRate` is the clip's exact offset. */
  startSample: number;
  samples: Float32Array;
}

/**
 * Cuts the regions of every lane out of a decoded stream and yields each clip as soon as its last
 * sample has arrived, so only the clips in progress are held in memory. Clip positions count the
 * samples actually decoded, never a nominal block length.
 */
export async function* cutClips(blocks: PcmBlocks, sampleRate: number, lanes: readonly ClipLane[]): AsyncGenerator<Clip> {
  const cursors = lanes.map((lane, index) => new LaneCursor(index, lane, sampleRate));
  let position = 0;
  for await (const block of blocks) {
    const length = block[0]?.length ?? 0;
    const ready: Clip[] = [];
    for (const cursor of cursors) {
      ready.push(...cursor.take(cursor.lane.pick(block), position));
    }
    position += length;
    yield* ready.sort((a, b) => a.startSample + a.samples.length - (b.startSample + b.samples.length));
  }
  for (const cursor of cursors) {
    yield* cursor.finish();
  }
}

class LaneCursor {
  private next = 0;
  private buffer: Float32Array | null = null;
  private bufferStart = 0;
  private filled = 0;

  constructor(
    private readonly index: number,
    readonly lane: ClipLane,
    private readonly sampleRate: number,
  ) {}

  /** Copies the part of a block that falls inside regions and returns the regions it completed. */
  take(samples: Float32Array, blockStart: number): Clip[] {
    const done: Clip[] = [];
    const blockEnd = blockStart + samples.length;
    while (this.next < this.lane.regions.length) {
      const region = this.lane.regions[this.next];
      if (region === undefined) {
        break;
      }
      const start = Math.round(region.startSec * this.sampleRate);
      const end = Math.max(start, Math.round(region.endSec * this.sampleRate));
      if (start >= blockEnd) {
        break;
      }
      if (this.buffer === null) {
        this.buffer = new Float32Array(end - start);
        this.bufferStart = start;
        this.filled = 0;
      }
      const from = Math.max(start, blockStart);
      const to = Math.min(end, blockEnd);
      if (to > from) {
        this.buffer.set(samples.subarray(from - blockStart, to - blockStart), from - start);
        this.filled = to - start;
      }
      if (end > blockEnd) {
        break;
      }
      done.push(this.complete(region));
    }
    return done;
  }

  /** Returns the region cut off by the end of the stream, trimmed to the decoded samples. */
  finish(): Clip[] {
    const region = this.lane.regions[this.next];
    if (this.buffer === null || region === undefined || this.filled === 0) {
      return [];
    }
    this.buffer = this.buffer.subarray(0, this.filled);
    return [this.complete(region)];
  }

  private complete(region: TimeSpan): Clip {
    const clip: Clip = { lane: this.index, region, startSample: this.bufferStart, samples: this.buffer ?? new Float32Array(0) };
    this.buffer = null;
    this.next++;
    return clip;
  }
}
