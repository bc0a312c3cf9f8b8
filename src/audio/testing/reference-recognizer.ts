import { readFileSync } from 'node:fs';

import type { AudioClip, RecognizedSegment, RecognizedWord, SpeechRecognizer } from '../../asr/speech-recognizer.ts';
import { mixToMono } from '../pcm-blocks.ts';
import { readPcm } from './pcm-files.ts';

/** One segment of a reference transcript (`*.reference.json`): speaker, text and time. */
export interface ReferenceSegment {
  start: number;
  end: number;
  speaker: string;
  text: string;
}

/** A reference word with the time it is heard in the recording. */
interface HeardWord {
  segment: number;
  text: string;
  startSec: number;
  endSec: number;
  /** A voiced moment inside the word: the word is heard in the clip that contains it. */
  centerSec: number;
}

export function readReference(filePath: string): ReferenceSegment[] {
  const parsed = JSON.parse(readFileSync(filePath, 'utf8')) as { segments: ReferenceSegment[] };
  return parsed.segments;
}

/** Repeats a reference back to back, each copy shifted by the length of the copies before it. */
export function repeatReference(segments: readonly ReferenceSegment[], copyLengthSec: number, copies: number): ReferenceSegment[] {
  return Array.from({ length: copies }, (_, copy) =>
    segments.map((segment) => ({ ...segment, start: segment.start + copy * copyLengthSec, end: segment.end + copy * copyLengthSec })),
  ).flat();
}

const FRAME_SEC = 0.02;
/** A word counts as heard in a clip when the clip is this loud over the word (dBFS). */
const HEARD_LEVEL_DB = -48;

/**
 * A test recogniser that "hears" the reference transcript: for each clip it returns the reference
 * words that are audible in the clip's samples at their time. Word times are spread over the voiced
 * frames of each reference segment (reference bounds include silence), measured once on the recording.
 * With `diarize`, segments carry the reference speaker as a per-clip label, like a diarizing engine.
 */
export class ReferenceRecognizer implements SpeechRecognizer {
  readonly name = 'reference';
  /** Start and length of each clip given to `recognize`, in call order. */
  readonly clipLog: { offsetSec: number; durationSec: number }[] = [];

  private constructor(
    private readonly words: readonly HeardWord[],
    private readonly segments: readonly ReferenceSegment[],
    readonly diarizes: boolean,
  ) {}

  /** Builds the recogniser from a reference and the recording it describes (any channel layout; channels are mixed). */
  static async forRecording(segments: readonly ReferenceSegment[], recordingPath: string, options: { diarize?: boolean } = {}): Promise<ReferenceRecognizer> {
    const pcm = await readPcm(recordingPath, 8000);
    const mono = mixToMono(pcm.channels);
    const words = segments.flatMap((segment, index) => placeWords(segment, index, mono, pcm.sampleRate));
    return new ReferenceRecognizer(words, segments, options.diarize ?? false);
  }

  recognize(clip: AudioClip): Promise<RecognizedSegment[]> {
    const clipEnd = clip.offsetSec + clip.samples.length / clip.sampleRate;
    this.clipLog.push({ offsetSec: clip.offsetSec, durationSec: clipEnd - clip.offsetSec });
    const audible = this.words.filter((word) => {
      const inside = word.centerSec >= clip.offsetSec && word.centerSec < clipEnd;
      return inside && levelDb(clip, word.centerSec - FRAME_SEC, word.centerSec + 2 * FRAME_SEC) >= HEARD_LEVEL_DB;
    });

    const result: RecognizedSegment[] = [];
    for (const word of audible) {
      const last = result.at(-1);
      const recognized: RecognizedWord = { text: word.text, startSec: word.startSec, endSec: word.endSec, confidence: 0.9 };
      const speaker = this.diarizes ? (this.segments[word.segment]?.speaker ?? null) : null;
      if (last !== undefined && segmentOf.get(last) === word.segment) {
        last.words.push(recognized);
        last.endSec = word.endSec;
        last.text = `${last.text} ${word.text}`;
        continue;
      }
      const segment: RecognizedSegment = { startSec: word.startSec, endSec: word.endSec, text: word.text, confidence: 0.9, words: [recognized], speaker };
      segmentOf.set(segment, word.segment);
      result.push(segment);
    }
    return Promise.resolve(result);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const segmentOf = new WeakMap<RecognizedSegment, number>();

/** Spreads a segment's words over its voiced frames, in proportion to their length in letters. */
function placeWords(segment: ReferenceSegment, index: number, mono: Float32Array, sampleRate: number): HeardWord[] {
  const frame = Math.round(FRAME_SEC * sampleRate);
  const voiced: number[] = [];
  for (let start = Math.round(segment.start * sampleRate); start + frame <= Math.min(mono.length, Math.round(segment.end * sampleRate)); start += frame) {
    if (rmsDb(mono.subarray(start, start + frame)) > -45) {
      voiced.push(start / sampleRate);
    }
  }
  const texts = segment.text.split(/\s+/).filter((text) => text.length > 0);
  if (voiced.length === 0 || texts.length === 0) {
    return [];
  }
  const weights = texts.map((text) => text.length + 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let used = 0;
  return texts.map((text, position) => {
    const from = Math.floor((used / total) * voiced.length);
    used += weights[position] ?? 0;
    const to = Math.max(from, Math.ceil((used / total) * voiced.length) - 1);
    // A word whose share of voiced frames spans a pause is placed on the run around its middle frame.
    const center = Math.floor((from + to) / 2);
    let first = center;
    while (first > from && (voiced[first] ?? 0) - (voiced[first - 1] ?? 0) < 1.5 * FRAME_SEC) {
      first--;
    }
    let last = center;
    while (last < to && (voiced[last + 1] ?? 0) - (voiced[last] ?? 0) < 1.5 * FRAME_SEC) {
      last++;
    }
    const centerSec = voiced[center] ?? segment.start;
    return { segment: index, text, startSec: voiced[first] ?? centerSec, endSec: (voiced[last] ?? centerSec) + FRAME_SEC, centerSec };
  });
}

function levelDb(clip: AudioClip, startSec: number, endSec: number): number {
  const from = Math.max(0, Math.round((startSec - clip.offsetSec) * clip.sampleRate));
  const to = Math.min(clip.samples.length, Math.round((endSec - clip.offsetSec) * clip.sampleRate));
  return to > from ? rmsDb(clip.samples.subarray(from, to)) : -120;
}

function rmsDb(samples: Float32Array): number {
  let energy = 0;
  for (const sample of samples) {
    energy += sample * sample;
  }
  const rms = Math.sqrt(energy / Math.max(1, samples.length));
  return rms > 0 ? 20 * Math.log10(rms) : -120;
}
