/**
 * Decoded audio as it streams: each block holds one Float32Array per channel, all of one length, at the
 * stream's sample rate. Blocks come in the order of the recording, so the sample count of the blocks
 * before a block is its exact position.
 */
export type PcmBlocks = AsyncGenerator<Float32Array[], void, undefined>;

/** The rate and channel layout of decoded blocks. */
export interface PcmLayout {
  sampleRate: number;
  channelCount: 1 | 2;
}

/** What a decoder reported about the data while decoding without failing (damaged frames and the like). */
export interface DecodeDiagnostics {
  messages: string[];
}

/** Mixes two channels as 0.5·(L+R), so the mix of identical channels equals either channel. */
export function downmix(left: Float32Array, right: Float32Array): Float32Array {
  const mixed = new Float32Array(left.length);
  for (let index = 0; index < left.length; index++) {
    mixed[index] = 0.5 * ((left[index] ?? 0) + (right[index] ?? 0));
  }
  return mixed;
}

/** Mixes any number of channels into one by their mean. */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  const [first] = channels;
  if (first === undefined) {
    return new Float32Array(0);
  }
  if (channels.length === 1) {
    return first;
  }
  const mixed = new Float32Array(first.length);
  for (const channel of channels) {
    for (let index = 0; index < mixed.length; index++) {
      mixed[index] = (mixed[index] ?? 0) + (channel[index] ?? 0);
    }
  }
  const scale = 1 / channels.length;
  for (let index = 0; index < mixed.length; index++) {
    mixed[index] = (mixed[index] ?? 0) * scale;
  }
  return mixed;
}

/**
 * Brings a decoded block to the wanted channel count: a mono block of a stereo stream is duplicated
 * (some decoders return mono while both channels are equal), extra channels are mixed.
 */
export function fitChannels(block: readonly Float32Array[], channelCount: 1 | 2): Float32Array[] {
  const [first, second] = block;
  if (first === undefined) {
    return [];
  }
  if (channelCount === 1) {
    return [mixToMono(block)];
  }
  if (second === undefined) {
    return [first, first];
  }
  return block.length === 2 ? [first, second] : [mixToMono(block), mixToMono(block)];
}
