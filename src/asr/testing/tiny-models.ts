import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import onnxProto from 'onnx-proto';

// Test support only: tiny ONNX models that sherpa-onnx loads the way it loads GigaAM (NeMo CTC) and T-one, so that
// the local engines run real inference in tests although no model weights can be downloaded here. Each model is a
// handful of fixed operators, and its output follows from the signal by construction, so a test can state the
// exact tokens to expect. The protobuf is written with onnx-proto (the ONNX schema compiled for protobufjs).

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;
const AttributeType = onnx.AttributeProto.AttributeType;

type Dim = number | string;

function valueInfo(name: string, elemType: number, dims: readonly Dim[]): onnxProto.onnx.IValueInfoProto {
  const dim = dims.map((value) => (typeof value === 'number' ? { dimValue: value } : { dimParam: value }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function floats(name: string, dims: readonly number[], values: readonly number[]): onnxProto.onnx.ITensorProto {
  return { name, dims: [...dims], dataType: DataType.FLOAT, rawData: new Uint8Array(Float32Array.from(values).buffer) };
}

function int64s(name: string, values: readonly bigint[]): onnxProto.onnx.ITensorProto {
  return { name, dims: [values.length], dataType: DataType.INT64, rawData: new Uint8Array(BigInt64Array.from(values).buffer) };
}

function node(opType: string, input: string[], output: string[], attribute: onnxProto.onnx.IAttributeProto[] = []): onnxProto.onnx.INodeProto {
  return { opType, input, output, attribute, name: output[0] ?? opType };
}

/** Encodes a graph as an ONNX model (IR 7, opset 13, which the onnxruntime inside sherpa-onnx-node reads) with metadata. */
function encodeModel(graph: onnxProto.onnx.IGraphProto, metadata: Record<string, string>): Uint8Array {
  const model: onnxProto.onnx.IModelProto = {
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'okk-tests',
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
  const problem = onnx.ModelProto.verify(model);
  if (problem !== null) {
    throw new Error(`tiny model does not match the ONNX schema: ${problem}`);
  }
  return onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish();
}

async function writeModelFolder(folder: string, model: Uint8Array, tokens: readonly string[]): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'model.onnx'), model);
  await writeFile(path.join(folder, 'tokens.txt'), tokens.map((token, id) => `${token} ${String(id)}\n`).join(''));
}

/** One stretch of a synthetic signal: silence, or a sine tone of `hz` at `amplitude` (of full scale). */
export interface SignalPart {
  sec: number;
  hz?: number;
  amplitude?: number;
}

/** Builds mono samples in [-1, 1] from consecutive parts. The phase runs on across parts, so tones join without clicks. */
export function synthesize(parts: readonly SignalPart[], sampleRate: number): Float32Array {
  const total = parts.reduce((sum, part) => sum + Math.round(part.sec * sampleRate), 0);
  const samples = new Float32Array(total);
  let offset = 0;
  for (const part of parts) {
    const count = Math.round(part.sec * sampleRate);
    if (part.hz !== undefined) {
      const amplitude = part.amplitude ?? 0.3;
      for (let index = 0; index < count; index += 1) {
        samples[offset + index] = amplitude * Math.sin((2 * Math.PI * part.hz * (offset + index)) / sampleRate);
      }
    }
    offset += count;
  }
  return samples;
}

// --- GigaAM / NeMo CTC -------------------------------------------------------------------------------------------

/**
 * The tiny NeMo CTC model's vocabulary. Each non-blank token belongs to one frequency band, and a frame whose energy
 * in that band passes a threshold scores highest for the token. A quiet frame scores highest for blank. `hz` is a
 * tone well inside the band. SentencePiece marks a word start with «▁», so «ка» continues the word before it.
 */
export const GIGAAM_TOKENS = [
  { token: '<blk>', band: null, hz: null },
  { token: '▁да', band: [250, 700], hz: 400 },
  { token: '▁по', band: [1000, 1600], hz: 1250 },
  { token: 'ка', band: [2200, 3400], hz: 2800 },
] as const;

/** Features sherpa-onnx computes for a GigaAM model (`is_giga_am`): 64 mel bins over 0–8000 Hz at 16 kHz. */
const GIGAAM_MEL_BINS = 64;
const GIGAAM_MAX_HZ = 8000;
/** Output frames are every 4th feature frame (10 ms each), as in the real model. */
export const GIGAAM_SUBSAMPLING = 4;
/** Summed linear mel energy a band needs to beat blank. Silence gives about 1e-7 per bin, a 0.3 tone about 10. */
const GIGAAM_THRESHOLD = 1e-2;

/** Centre frequency of mel bin `index` on the HTK mel scale kaldi-native-fbank uses, bins spread evenly in mel. */
function melBinCentreHz(index: number): number {
  const mel = (hz: number): number => 1127 * Math.log(1 + hz / 700);
  const centre = ((index + 1) * mel(GIGAAM_MAX_HZ)) / (GIGAAM_MEL_BINS + 1);
  return 700 * (Math.exp(centre / 1127) - 1);
}

/**
 * Writes `model.onnx` and `tokens.txt` of a model that sherpa-onnx loads as a GigaAM NeMo CTC model.
 *
 * sherpa-onnx passes `audio_signal` (batch × 64 mel bins × frames of log energy) and `length`. The graph takes
 * every 4th frame, turns log energy back into linear energy and sums the bins of each token's band (MatMul with a
 * 0/1 matrix). It then adds the threshold to the blank column and a tiny floor to the others, and ends with log
 * and log-softmax. The metadata is what sherpa-onnx reads for this model type: model_type, vocab_size,
 * subsampling_factor, normalize_type (empty means no feature normalisation) and is_giga_am.
 */
export async function writeTinyGigaamModel(folder: string): Promise<void> {
  const vocab = GIGAAM_TOKENS.length;
  const weights = new Array<number>(GIGAAM_MEL_BINS * vocab).fill(0);
  for (let bin = 0; bin < GIGAAM_MEL_BINS; bin += 1) {
    const hz = melBinCentreHz(bin);
    GIGAAM_TOKENS.forEach((entry, id) => {
      if (entry.band !== null && hz >= entry.band[0] && hz <= entry.band[1]) {
        weights[bin * vocab + id] = 1;
      }
    });
  }
  const bias = GIGAAM_TOKENS.map((entry) => (entry.band === null ? GIGAAM_THRESHOLD : 1e-30));
  const graph: onnxProto.onnx.IGraphProto = {
    name: 'okk-tiny-gigaam',
    input: [valueInfo('audio_signal', DataType.FLOAT, ['N', GIGAAM_MEL_BINS, 'T']), valueInfo('length', DataType.INT64, ['N'])],
    output: [valueInfo('logprobs', DataType.FLOAT, ['N', 'U', vocab])],
    initializer: [
      floats('band_weights', [GIGAAM_MEL_BINS, vocab], weights),
      floats('band_bias', [vocab], bias),
      int64s('slice_starts', [0n]),
      int64s('slice_ends', [BigInt(Number.MAX_SAFE_INTEGER)]),
      int64s('slice_axes', [1n]),
      int64s('slice_steps', [BigInt(GIGAAM_SUBSAMPLING)]),
    ],
    node: [
      node('Transpose', ['audio_signal'], ['frames'], [{ name: 'perm', type: AttributeType.INTS, ints: [0, 2, 1] }]),
      node('Slice', ['frames', 'slice_starts', 'slice_ends', 'slice_axes', 'slice_steps'], ['subsampled']),
      node('Exp', ['subsampled'], ['energy']),
      node('MatMul', ['energy', 'band_weights'], ['band_energy']),
      node('Add', ['band_energy', 'band_bias'], ['scores']),
      node('Log', ['scores'], ['logits']),
      node('LogSoftmax', ['logits'], ['logprobs'], [{ name: 'axis', type: AttributeType.INT, i: -1 }]),
    ],
  };
  const metadata = { model_type: 'EncDecCTCModelBPE', vocab_size: String(vocab), subsampling_factor: String(GIGAAM_SUBSAMPLING), normalize_type: '', is_giga_am: '1' };
  await writeModelFolder(folder, encodeModel(graph, metadata), GIGAAM_TOKENS.map((entry) => entry.token));
}

// --- T-one (streaming CTC) ----------------------------------------------------------------------------------------

/** T-one reads raw 8 kHz samples in chunks of 300 ms and emits 10 output frames of 30 ms per chunk. */
export const TONE_SAMPLE_RATE = 8000;
export const TONE_FRAME_SEC = 0.03;
const TONE_CHUNK_SAMPLES = 2400;
const TONE_FRAMES_PER_CHUNK = 10;
const TONE_STATE_DIM = 4;

/**
 * The tiny T-one model's vocabulary, spelled as in the real one: characters, a space token between words, `<blk>`.
 * A frame's token follows from its loudness. With L = ln(1 + mean square of the int16-scaled samples), token k
 * scores k·L + bias_k, so louder frames pick tokens further down the list. `amplitude` is a tone level (of full
 * scale) well inside each token's range: silence → blank, 0.01 → space (L≈10.9), 0.05 → «д» (L≈14.1),
 * 0.5 → «а» (L≈18.7). The scores cross at L = 5, 12.5 and 16.5.
 */
export const TONE_TOKENS = [
  { token: '<blk>', amplitude: 0 },
  { token: ' ', amplitude: 0.01 },
  { token: 'д', amplitude: 0.05 },
  { token: 'а', amplitude: 0.5 },
] as const;
const TONE_BIASES = [0, -5, -17.5, -34];

/**
 * Writes `model.onnx` and `tokens.txt` of a model that sherpa-onnx loads as T-one.
 *
 * sherpa-onnx feeds T-one `signal` (batch × 2400 samples × 1, int32) and `state` (batch × state_dim, float16). It
 * expects `logprobs` (batch × 10 frames × vocab) and the next state back. The graph splits the chunk into 10 frames
 * of 240 samples and computes L and the token scores described at TONE_TOKENS, then log-softmax. The state passes
 * through unchanged. The metadata is what sherpa-onnx reads for T-one: sample_rate, frame_length_ms and state_dim.
 */
export async function writeTinyToneModel(folder: string): Promise<void> {
  const vocab = TONE_TOKENS.length;
  const graph: onnxProto.onnx.IGraphProto = {
    name: 'okk-tiny-t-one',
    input: [valueInfo('signal', DataType.INT32, ['N', TONE_CHUNK_SAMPLES, 1]), valueInfo('state', DataType.FLOAT16, ['N', TONE_STATE_DIM])],
    output: [valueInfo('logprobs', DataType.FLOAT, ['N', TONE_FRAMES_PER_CHUNK, vocab]), valueInfo('state_next', DataType.FLOAT16, ['N', TONE_STATE_DIM])],
    initializer: [
      int64s('frame_shape', [0n, BigInt(TONE_FRAMES_PER_CHUNK), BigInt(TONE_CHUNK_SAMPLES / TONE_FRAMES_PER_CHUNK)]),
      floats('one', [], [1]),
      floats('token_slopes', [1, vocab], TONE_TOKENS.map((_entry, id) => id)),
      floats('token_biases', [vocab], TONE_BIASES),
    ],
    node: [
      node('Cast', ['signal'], ['samples'], [{ name: 'to', type: AttributeType.INT, i: DataType.FLOAT }]),
      node('Reshape', ['samples', 'frame_shape'], ['frames']),
      node('Mul', ['frames', 'frames'], ['squares']),
      node('ReduceMean', ['squares'], ['power'], [{ name: 'axes', type: AttributeType.INTS, ints: [2] }, { name: 'keepdims', type: AttributeType.INT, i: 1 }]),
      node('Add', ['power', 'one'], ['power_floor']),
      node('Log', ['power_floor'], ['level']),
      node('MatMul', ['level', 'token_slopes'], ['sloped']),
      node('Add', ['sloped', 'token_biases'], ['logits']),
      node('LogSoftmax', ['logits'], ['logprobs'], [{ name: 'axis', type: AttributeType.INT, i: -1 }]),
      node('Identity', ['state'], ['state_next']),
    ],
  };
  const metadata = { model_type: 't-one', sample_rate: String(TONE_SAMPLE_RATE), frame_length_ms: '300', state_dim: String(TONE_STATE_DIM) };
  await writeModelFolder(folder, encodeModel(graph, metadata), TONE_TOKENS.map((entry) => entry.token));
}
