// Type declarations for audio packages that ship without their own: the Emscripten builds of libfvad
// and the Speex resampler, and audio-type. Only the exports okk calls are declared.

interface EmscriptenHeaps {
  HEAP16: Int16Array;
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  HEAPF32: Float32Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
}

declare module '@echogarden/fvad-wasm' {
  export interface FvadModule extends EmscriptenHeaps {
    _fvad_new(): number;
    _fvad_free(instance: number): void;
    _fvad_reset(instance: number): void;
    /** Mode 0 (least aggressive) to 3 (most aggressive); returns -1 for an invalid mode. */
    _fvad_set_mode(instance: number, mode: number): number;
    /** 8000, 16000, 32000 or 48000 Hz; returns -1 for any other rate. */
    _fvad_set_sample_rate(instance: number, sampleRate: number): number;
    /** Classifies one frame of 10, 20 or 30 ms of int16 samples: 1 speech, 0 not speech, -1 invalid frame length. */
    _fvad_process(instance: number, frame: number, length: number): number;
  }
  const createFvadModule: () => Promise<FvadModule>;
  export default createFvadModule;
}

declare module '@echogarden/speex-resampler-wasm' {
  export interface SpeexResamplerModule extends EmscriptenHeaps {
    _speex_resampler_init(channels: number, inRate: number, outRate: number, quality: number, errorPointer: number): number;
    _speex_resampler_destroy(state: number): void;
    _speex_resampler_skip_zeros(state: number): number;
    _speex_resampler_get_input_latency(state: number): number;
    _speex_resampler_process_float(state: number, channel: number, input: number, inputLength: number, output: number, outputLength: number): number;
  }
  const createSpeexResamplerModule: () => Promise<SpeexResamplerModule>;
  export default createSpeexResamplerModule;
}

declare module 'audio-type' {
  /** Detects an audio container from its first bytes (a few KB are enough); undefined when none matches. */
  export default function audioType(bytes: Uint8Array): string | undefined;
}
