import createFvadModule, { type FvadModule } from '@echogarden/fvad-wasm';

/** Length of one VAD frame. libfvad takes 10, 20 or 30 ms; 30 ms gives the steadiest decisions. */
export const VAD_FRAME_SEC = 0.03;

/** libfvad's aggressiveness: 0 lets the most through as speech, 3 the least. */
export type VadMode = 0 | 1 | 2 | 3;

let loadingModule: Promise<FvadModule> | undefined;

function fvadModule(): Promise<FvadModule> {
  loadingModule ??= createFvadModule();
  return loadingModule;
}

/** Samples in one VAD frame at a rate libfvad accepts. */
export function vadFrameSamples(sampleRate: number): number {
  return Math.round(sampleRate * VAD_FRAME_SEC);
}

/**
 * The WebRTC voice activity detector (libfvad compiled to WASM): classifies frames of 30 ms as speech
 * or not. It needs no model. One instance keeps state between frames, so use one per channel.
 */
export class VoiceActivityDetector {
  private freed = false;

  private constructor(
    private readonly fvad: FvadModule,
    private readonly instance: number,
    private readonly frame: number,
    readonly frameSamples: number,
  ) {}

  static async create(sampleRate: 8000 | 16000, mode: VadMode): Promise<VoiceActivityDetector> {
    const fvad = await fvadModule();
    const instance = fvad._fvad_new();
    if (instance === 0 || fvad._fvad_set_mode(instance, mode) !== 0 || fvad._fvad_set_sample_rate(instance, sampleRate) !== 0) {
      throw new Error(`libfvad rejected mode ${String(mode)} at ${String(sampleRate)} Hz`);
    }
    const frameSamples = vadFrameSamples(sampleRate);
    const frame = fvad._malloc(frameSamples * 2);
    return new VoiceActivityDetector(fvad, instance, frame, frameSamples);
  }

  /** Classifies one frame of exactly `frameSamples` float samples in -1..1. */
  isSpeech(samples: Float32Array): boolean {
    const heap = this.fvad.HEAP16;
    const base = this.frame >> 1;
    for (let index = 0; index < this.frameSamples; index++) {
      const value = Math.round((samples[index] ?? 0) * 32767);
      heap[base + index] = Math.max(-32768, Math.min(32767, value));
    }
    const result = this.fvad._fvad_process(this.instance, this.frame, this.frameSamples);
    if (result < 0) {
      throw new Error(`libfvad rejected a frame of ${String(this.frameSamples)} samples`);
    }
    return result === 1;
  }

  free(): void {
    if (this.freed) {
      return;
    }
    this.freed = true;
    this.fvad._fvad_free(this.instance);
    this.fvad._free(this.frame);
  }
}
