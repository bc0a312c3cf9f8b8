import type { AudioClip, RecognizedSegment, SpeechRecognizer } from '../../asr/speech-recognizer.ts';
import { mixToMono } from '../pcm-blocks.ts';
import { readPcm } from './pcm-files.ts';
import type { ReferenceRecognizer, ReferenceSegment } from './reference-recognizer.ts';

/**
 * Wraps a recogniser to behave like faster-whisper with `vad_filter`: everything heard in a clip comes
 * back as one segment, and each word ends where the next starts. The timestamps thus show no gap at a
 * change of speaker.
 */
export class ContiguousRecognizer implements SpeechRecognizer {
  readonly name = 'contiguous';
  readonly diarizes = false;
  segmentsAcrossSpeakers = 0;

  constructor(private readonly inner: ReferenceRecognizer) {}

  async recognize(clip: AudioClip): Promise<RecognizedSegment[]> {
    const heard = await this.inner.recognize(clip);
    const words = heard.flatMap((segment) => segment.words).map((word) => ({ ...word }));
    const [first] = words;
    const last = words.at(-1);
    if (first === undefined || last === undefined) {
      return [];
    }
    words.forEach((word, index) => {
      word.endSec = words[index + 1]?.startSec ?? word.endSec;
    });
    if (heard.length > 1) {
      this.segmentsAcrossSpeakers++;
    }
    return [{ startSec: first.startSec ?? clip.offsetSec, endSec: last.endSec ?? clip.offsetSec + clip.samples.length / clip.sampleRate, text: words.map((word) => word.text).join(' '), confidence: 0.9, words, speaker: null }];
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const FRAME_SEC = 0.02;

/** Time of the first (or, with `fromEnd`, the end of the last) frame louder than -45 dBFS in [fromSec, toSec). */
function voicedEdge(samples: Float32Array, rate: number, fromSec: number, toSec: number, fromEnd: boolean): number | null {
  const frame = Math.round(FRAME_SEC * rate);
  const starts: number[] = [];
  for (let start = Math.round(fromSec * rate); start + frame <= Math.min(samples.length, Math.round(toSec * rate)); start += frame) {
    let energy = 0;
    for (const sample of samples.subarray(start, start + frame)) {
      energy += sample * sample;
    }
    if (10 * Math.log10(energy / frame + 1e-12) > -45) {
      starts.push(start);
    }
  }
  const edge = fromEnd ? starts.at(-1) : starts[0];
  return edge === undefined ? null : (fromEnd ? edge + frame : edge) / rate;
}

/** A mono call with shortened pauses between parties and its reference moved to match. */
export interface BriskCall {
  samples: Float32Array;
  sampleRate: number;
  segments: ReferenceSegment[];
}

/**
 * Shortens the silence at every change of speaker to `keepSec`, as in a brisk real call where each party
 * answers at once. Returns the new mono signal and the reference moved to match.
 */
export async function withFastTurnTaking(audio: string, segments: readonly ReferenceSegment[], keepSec: number, sampleRate: 8000 | 16000 = 8000): Promise<BriskCall> {
  const pcm = await readPcm(audio, sampleRate);
  const mono = mixToMono(pcm.channels);
  const rate = pcm.sampleRate;
  // Sample ranges [from, to) of the original recording that are removed.
  const cuts: { from: number; to: number }[] = [];
  segments.forEach((segment, index) => {
    const previous = segments[index - 1];
    if (previous === undefined || previous.speaker === segment.speaker) {
      return;
    }
    const middle = (previous.end + segment.start) / 2;
    const lastVoiced = voicedEdge(mono, rate, previous.start, middle, true);
    const firstVoiced = voicedEdge(mono, rate, middle, segment.end, false);
    if (lastVoiced === null || firstVoiced === null || firstVoiced - lastVoiced <= keepSec) {
      return;
    }
    cuts.push({ from: Math.round((lastVoiced + keepSec / 2) * rate), to: Math.round((firstVoiced - keepSec / 2) * rate) });
  });

  const pieces: Float32Array[] = [];
  let copiedTo = 0;
  for (const cut of cuts) {
    pieces.push(mono.subarray(copiedTo, cut.from));
    copiedTo = cut.to;
  }
  pieces.push(mono.subarray(copiedTo));
  const samples = new Float32Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    samples.set(piece, offset);
    offset += piece.length;
  }

  // Moves a time of the original recording into the shortened one; a time inside a cut lands on its edge.
  const moveTime = (timeSec: number): number => {
    const sample = Math.round(timeSec * rate);
    let removed = 0;
    for (const cut of cuts) {
      if (sample >= cut.to) {
        removed += cut.to - cut.from;
      } else if (sample > cut.from) {
        removed += sample - cut.from;
      }
    }
    return (sample - removed) / rate;
  };
  const moved = segments.map((segment) => ({ ...segment, start: moveTime(segment.start), end: moveTime(segment.end) }));
  return { samples, sampleRate: rate, segments: moved };
}
