import createSpeexResamplerModule, { type SpeexResamplerModule } from '@echogarden/speex-resampler-wasm';

const INPUT_CAPACITY = 16 * 1024;
/** Speex quality 0–10; 5 is the library's default for VoIP, well above what VAD and ASR need. */
const DEFAULT_QUALITY = 5;

let loadingModule: Promise<SpeexResamplerModule> | undefined;

function speexModule(): Promise<SpeexResamplerModule> {
  loadingModule ??= createSpeexResamplerModule();
  return loadingModule;
}

/**
 * Resamples a multi-channel stream block by block with the Speex resampler (WASM), keeping its filter
 * state between blocks so block edges leave no clicks. The output is aligned with the input (the
 * filter delay is skipped) and, after `flush()`, is exactly ⌊input samples · outRate / inRate⌋ long,
 * so times do not drift on long recordings.
 */
export class StreamResampler {
  private inputSamples = 0;
  private outputSamples = 0;
  private freed = false;

  private constructor(
    private readonly speex: SpeexResamplerModule,
    private readonly state: number,
    private readonly channelCount: number,
    private readonly inRate: number,
    private readonly outRate: number,
    private readonly buffers: { input: number; output: number; inputLength: number; outputLength: number; outputCapacity: number },
  ) {}

  static async create(channelCount: number, inRate: number, outRate: number, quality = DEFAULT_QUALITY): Promise<StreamResampler> {
    const speex = await speexModule();
    const errorPointer = speex._malloc(4);
    const state = speex._speex_resampler_init(channelCount, inRate, outRate, quality, errorPointer);
    const error = speex.HEAPU32[errorPointer >> 2] ?? 0;
    speex._free(errorPointer);
    if (state === 0 || error !== 0) {
      throw new Error(`Speex resampler failed to start for ${String(inRate)} → ${String(outRate)} Hz (error ${String(error)})`);
    }
    speex._speex_resampler_skip_zeros(state);
    const outputCapacity = Math.ceil((INPUT_CAPACITY * outRate) / inRate) + 256;
    const buffers = {
      input: speex._malloc(INPUT_CAPACITY * 4),
      output: speex._malloc(outputCapacity * 4),
      inputLength: speex._malloc(4),
      outputLength: speex._malloc(4),
      outputCapacity,
    };
    return new StreamResampler(speex, state, channelCount, inRate, outRate, buffers);
  }

  /** Resamples one block; every channel must have the same length. */
  process(block: readonly Float32Array[]): Float32Array[] {
    const length = block[0]?.length ?? 0;
    this.inputSamples += length;
    const out = block.map((channel, index) => this.processChannel(index, channel));
    this.outputSamples += out[0]?.length ?? 0;
    return out;
  }

  /** Pushes the filter's tail out and trims the whole output to its exact length. Frees the resampler. */
  flush(): Float32Array[] {
    const expected = Math.floor((this.inputSamples * this.outRate) / this.inRate);
    const latency = this.speex._speex_resampler_get_input_latency(this.state);
    const zeros = new Float32Array(latency);
    const tails = Array.from({ length: this.channelCount }, (_, index) => this.processChannel(index, zeros));
    const wanted = Math.max(0, expected - this.outputSamples);
    const result = tails.map((tail) => {
      const fitted = new Float32Array(wanted);
      fitted.set(tail.subarray(0, wanted));
      return fitted;
    });
    this.outputSamples += wanted;
    this.free();
    return result;
  }

  free(): void {
    if (this.freed) {
      return;
    }
    this.freed = true;
    this.speex._speex_resampler_destroy(this.state);
    for (const pointer of [this.buffers.input, this.buffers.output, this.buffers.inputLength, this.buffers.outputLength]) {
      this.speex._free(pointer);
    }
  }

  private processChannel(channelIndex: number, samples: Float32Array): Float32Array {
    const { speex, buffers } = this;
    const pieces: Float32Array[] = [];
    let offset = 0;
    while (offset < samples.length) {
      const length = Math.min(INPUT_CAPACITY, samples.length - offset);
      speex.HEAPF32.set(samples.subarray(offset, offset + length), buffers.input >> 2);
      speex.HEAPU32[buffers.inputLength >> 2] = length;
      speex.HEAPU32[buffers.outputLength >> 2] = buffers.outputCapacity;
      speex._speex_resampler_process_float(this.state, channelIndex, buffers.input, buffers.inputLength, buffers.output, buffers.outputLength);
      const consumed = speex.HEAPU32[buffers.inputLength >> 2] ?? 0;
      const produced = speex.HEAPU32[buffers.outputLength >> 2] ?? 0;
      pieces.push(speex.HEAPF32.slice(buffers.output >> 2, (buffers.output >> 2) + produced));
      if (consumed === 0 && produced === 0) {
        break;
      }
      offset += consumed;
    }
    return concatSamples(pieces);
  }
}

function concatSamples(pieces: readonly Float32Array[]): Float32Array {
  if (pieces.length === 1 && pieces[0] !== undefined) {
    return pieces[0];
  }
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const joined = new Float32Array(total);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}
