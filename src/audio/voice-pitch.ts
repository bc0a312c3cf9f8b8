/** Pitch of one stretch of mono speech, the cue used to tell two voices of a mono recording apart. */
export interface VoicePitch {
  /** Median fundamental frequency of the voiced frames. */
  medianHz: number;
  /** Frames whose pitch was measured. */
  voicedFrames: number;
}

/** Pitch is measured at telephone bandwidth whatever the decoding rate, so 8 and 16 kHz calls compare. */
const PITCH_RATE = 8000;
const HOP = 256;
/** 50 ms: two periods of the lowest pitch searched. */
const WINDOW = 400;
const MIN_PITCH_HZ = 60;
const MAX_PITCH_HZ = 400;
/** Normalised autocorrelation a window needs at its best lag to count as voiced. */
const VOICING_THRESHOLD = 0.3;
/** Windows more than this far below the loudest window of the stretch are pauses between words. */
const LEVEL_RANGE_DB = 30;
const MIN_VOICED_FRAMES = 5;

/**
 * Measures the median pitch of a stretch of mono speech by normalised autocorrelation over 50 ms
 * windows every 32 ms. Returns null when fewer than five windows are voiced.
 */
export function measureVoicePitch(samples: Float32Array, sampleRate: number): VoicePitch | null {
  const signal = toPitchRate(samples, sampleRate);
  const windows: { start: number; energy: number }[] = [];
  for (let start = 0; start + WINDOW <= signal.length; start += HOP) {
    windows.push({ start, energy: energyOf(signal, start, WINDOW) });
  }
  const loudest = Math.max(0, ...windows.map((window) => window.energy));
  const floor = loudest * 10 ** (-LEVEL_RANGE_DB / 10);

  const pitches: number[] = [];
  for (const window of windows) {
    if (window.energy < floor || window.energy <= 1e-6) {
      continue;
    }
    const pitch = pitchOf(signal, window.start, window.energy);
    if (pitch !== null) {
      pitches.push(pitch);
    }
  }
  if (pitches.length < MIN_VOICED_FRAMES) {
    return null;
  }
  pitches.sort((a, b) => a - b);
  return { medianHz: pitches[pitches.length >> 1] ?? 0, voicedFrames: pitches.length };
}

/** Brings 16 kHz (or any multiple of 8 kHz) audio to 8 kHz by averaging, a low-pass good enough below 400 Hz. */
function toPitchRate(samples: Float32Array, sampleRate: number): Float32Array {
  const factor = Math.max(1, Math.round(sampleRate / PITCH_RATE));
  if (factor === 1) {
    return samples;
  }
  const reduced = new Float32Array(Math.floor(samples.length / factor));
  for (let index = 0; index < reduced.length; index++) {
    let sum = 0;
    for (let offset = 0; offset < factor; offset++) {
      sum += samples[index * factor + offset] ?? 0;
    }
    reduced[index] = sum / factor;
  }
  return reduced;
}

function energyOf(signal: Float32Array, start: number, length: number): number {
  let energy = 0;
  for (let index = start; index < start + length; index++) {
    const sample = signal[index] ?? 0;
    energy += sample * sample;
  }
  return energy;
}

/** Fundamental frequency of one window by normalised autocorrelation, or null for an unvoiced window. */
function pitchOf(signal: Float32Array, start: number, energy: number): number | null {
  const minLag = Math.floor(PITCH_RATE / MAX_PITCH_HZ);
  const maxLag = Math.ceil(PITCH_RATE / MIN_PITCH_HZ);
  let bestLag = 0;
  let bestScore = 0;
  for (let lag = minLag; lag <= maxLag; lag++) {
    let sum = 0;
    for (let index = start; index + lag < start + WINDOW; index++) {
      sum += (signal[index] ?? 0) * (signal[index + lag] ?? 0);
    }
    const score = sum / energy;
    if (score > bestScore) {
      bestScore = score;
      bestLag = lag;
    }
  }
  return bestScore >= VOICING_THRESHOLD && bestLag > 0 ? PITCH_RATE / bestLag : null;
}
