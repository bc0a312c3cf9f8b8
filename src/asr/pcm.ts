import type { AudioClip } from './speech-recognizer.ts';

/** Converts float samples in [-1, 1] to signed 16-bit little-endian PCM, clipping anything outside. */
export function toPcm16(samples: Float32Array): Buffer<ArrayBuffer> {
  const pcm = Buffer.alloc(samples.length * 2);
  for (let index = 0; index < samples.length; index += 1) {
    const sample = Math.max(-1, Math.min(1, samples[index] ?? 0));
    pcm.writeInt16LE(Math.round(sample < 0 ? sample * 0x8000 : sample * 0x7fff), index * 2);
  }
  return pcm;
}

/** Wraps mono float samples into a 16-bit PCM WAV file. */
export function encodeWav(samples: Float32Array, sampleRate: number): Buffer<ArrayBuffer> {
  const data = toPcm16(samples);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * Resamples mono audio. Downsampling averages the input samples that fall into each output sample (a box
 * filter, so speech bands survive and most aliasing is removed); upsampling interpolates linearly.
 */
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) {
    return samples;
  }
  const length = Math.max(0, Math.round((samples.length * toRate) / fromRate));
  const output = new Float32Array(length);
  const step = fromRate / toRate;
  for (let index = 0; index < length; index += 1) {
    const position = index * step;
    if (step > 1) {
      const first = Math.floor(position);
      const last = Math.min(samples.length, Math.floor(position + step));
      let sum = 0;
      for (let source = first; source < last; source += 1) {
        sum += samples[source] ?? 0;
      }
      output[index] = last > first ? sum / (last - first) : 0;
    } else {
      const left = Math.floor(position);
      const fraction = position - left;
      output[index] = (samples[left] ?? 0) * (1 - fraction) + (samples[Math.min(left + 1, samples.length - 1)] ?? 0) * fraction;
    }
  }
  return output;
}

/** Returns the clip at `sampleRate` unless its own rate is one of `accepted`. */
export function clipAtRate(clip: AudioClip, accepted: readonly number[], sampleRate: number): AudioClip {
  if (accepted.includes(clip.sampleRate)) {
    return clip;
  }
  return { ...clip, samples: resample(clip.samples, clip.sampleRate, sampleRate), sampleRate };
}

/**
 * Splits a clip into pieces of at most `maxSec`, cutting at the quietest 20 ms within the last two seconds
 * before each limit so that a word is rarely cut. Each piece's `offsetSec` is the clip's offset plus the real
 * length of the pieces before it, counted in samples, so long calls do not drift.
 */
export function splitClip(clip: AudioClip, maxSec: number): AudioClip[] {
  const maxSamples = Math.max(1, Math.floor(maxSec * clip.sampleRate));
  if (clip.samples.length <= maxSamples) {
    return [clip];
  }
  const pieces: AudioClip[] = [];
  let start = 0;
  while (start < clip.samples.length) {
    const end = start + maxSamples >= clip.samples.length ? clip.samples.length : quietestCut(clip, start, start + maxSamples);
    pieces.push({ samples: clip.samples.subarray(start, end), sampleRate: clip.sampleRate, offsetSec: clip.offsetSec + start / clip.sampleRate });
    start = end;
  }
  return pieces;
}

function quietestCut(clip: AudioClip, start: number, limit: number): number {
  const frame = Math.max(1, Math.round(clip.sampleRate * 0.02));
  const searchFrom = Math.max(start + frame, limit - clip.sampleRate * 2);
  let best = limit;
  let bestEnergy = Number.POSITIVE_INFINITY;
  for (let frameStart = limit - frame; frameStart >= searchFrom; frameStart -= frame) {
    let energy = 0;
    for (let index = frameStart; index < frameStart + frame; index += 1) {
      const sample = clip.samples[index] ?? 0;
      energy += sample * sample;
    }
    if (energy < bestEnergy) {
      bestEnergy = energy;
      best = frameStart + Math.floor(frame / 2);
    }
  }
  return best;
}
