import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AudioClip, RecognizedSegment, SpeechRecognizer } from '../asr/speech-recognizer.ts';
import type { Role, Transcript } from '../core/model/transcript.ts';
import { corpusPath } from '../../test/corpus.ts';
import { buildTwoChannel, makeTempFolder, OPERATOR, REFERENCE_CALLS } from './testing/audio-fixtures.ts';
import { mixToMono } from './pcm-blocks.ts';
import { readPcm, writeWav } from './testing/pcm-files.ts';
import { readReference, ReferenceRecognizer, type ReferenceSegment } from './testing/reference-recognizer.ts';
import { transcribeRecording, type TranscribeOutcome } from './transcribe-recording.ts';

const temp = makeTempFolder();
const tempPath = (name: string): string => path.join(temp.folder, name);

afterAll(() => {
  temp.remove();
});

function transcriptOf(outcome: TranscribeOutcome): Transcript {
  if (!outcome.ok) {
    throw new Error(outcome.error.message);
  }
  return outcome.transcript;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

function referenceRoleAt(segments: readonly ReferenceSegment[], timeSec: number): Role {
  const segment = segments.find((candidate) => candidate.start - 0.05 <= timeSec && timeSec <= candidate.end);
  if (segment === undefined) {
    return 'unknown';
  }
  return segment.speaker === OPERATOR ? 'manager' : 'client';
}

/**
 * Wraps a recogniser to behave like faster-whisper with `vad_filter`: everything heard in a clip comes
 * back as one segment, and each word ends where the next starts. The timestamps thus show no gap at a
 * change of speaker.
 */
class ContiguousRecognizer implements SpeechRecognizer {
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

/**
 * Shortens the silence at every change of speaker to `keepSec`, as in a brisk real call where each party
 * answers at once. Returns the new mono signal and the reference moved to match.
 */
async function withFastTurnTaking(audio: string, segments: readonly ReferenceSegment[], keepSec: number): Promise<{ samples: Float32Array; sampleRate: number; segments: ReferenceSegment[] }> {
  const pcm = await readPcm(audio, 8000);
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

describe('fast turn-taking with contiguous ASR timestamps', () => {
  const call = REFERENCE_CALLS.card;
  // Half a second between parties: more than the VAD's 0.3 s smoothing, far less than the 0.8 s of the source.
  const monoFile = tempPath('card-brisk-mono.wav');
  // 0.15 s between parties, as when each answers at once.
  const fastMonoFile = tempPath('card-fast-mono.wav');
  const fastStereoFile = tempPath('card-fast-stereo.wav');
  let brisk: ReferenceSegment[] = [];
  let fast: ReferenceSegment[] = [];

  beforeAll(async () => {
    const reference = readReference(call.reference);
    const briskCall = await withFastTurnTaking(call.audio, reference, 0.5);
    brisk = briskCall.segments;
    await writeWav(monoFile, briskCall.sampleRate, [[briskCall.samples]]);
    const fastCall = await withFastTurnTaking(call.audio, reference, 0.15);
    fast = fastCall.segments;
    await writeWav(fastMonoFile, fastCall.sampleRate, [[fastCall.samples]]);
    await buildTwoChannel(fastMonoFile, fast, fastStereoFile);
  });

  async function transcribeContiguous(file: string, segments: readonly ReferenceSegment[]): Promise<{ transcript: Transcript; recognizer: ContiguousRecognizer }> {
    const recognizer = new ContiguousRecognizer(await ReferenceRecognizer.forRecording(segments, file));
    return { transcript: transcriptOf(await transcribeRecording(file, { recognizer })), recognizer };
  }

  function misattributed(transcript: Transcript, segments: readonly ReferenceSegment[]): string[] {
    return transcript.turns.filter((turn) => turn.role !== referenceRoleAt(segments, turn.startSec ?? -1)).map((turn) => `${String(turn.startSec)}: ${turn.text}`);
  }

  it('mono call: turns follow the voices, not ASR gaps', async () => {
    const { transcript, recognizer } = await transcribeContiguous(monoFile, brisk);

    // The test is void unless some ASR segment did run across a change of speaker.
    expect(recognizer.segmentsAcrossSpeakers).toBeGreaterThan(0);
    expect(transcript.roles.method).toBe('content');
    expect(transcript.turns.flatMap((turn) => wordsOf(turn.text))).toEqual(brisk.flatMap((segment) => wordsOf(segment.text)));
    expect(misattributed(transcript, brisk)).toEqual([]);
    expect(transcript.turns.length).toBeGreaterThanOrEqual(brisk.length);
  });

  // TODO: with less than the VAD's 0.3 s of silence between parties, one voice piece of up to 2 s spans the
  // change of speaker. The last word or two before the change then go to the next speaker (7 of 22 turns
  // start wrong here). Cutting voice pieces at short dips in level would fix it.
  it.fails('mono call with 0.15 s pauses keeps boundary words with their speaker', async () => {
    const { transcript } = await transcribeContiguous(fastMonoFile, fast);

    expect(misattributed(transcript, fast)).toEqual([]);
  });

  it('stereo call: every word stays with its channel', async () => {
    const { transcript } = await transcribeContiguous(fastStereoFile, fast);

    expect(transcript.roles.method).toBe('channel');
    expect(transcript.turns.flatMap((turn) => wordsOf(turn.text))).toEqual(fast.flatMap((segment) => wordsOf(segment.text)));
    for (const turn of transcript.turns) {
      expect(turn.role).toBe(referenceRoleAt(fast, turn.startSec ?? -1));
      expect(turn.channel).toBe(turn.role === 'manager' ? 0 : 1);
    }
    expect(transcript.turns.length).toBeGreaterThanOrEqual(fast.length);
  });
});

/** Hears speech in every clip but is unsure of it, as engines are on narrow-band telephone audio. */
class UnsureRecognizer implements SpeechRecognizer {
  readonly name = 'unsure';
  readonly diarizes = false;
  readonly clipRates: number[] = [];

  recognize(clip: AudioClip): Promise<RecognizedSegment[]> {
    this.clipRates.push(clip.sampleRate);
    const endSec = clip.offsetSec + clip.samples.length / clip.sampleRate;
    return Promise.resolve([{ startSec: clip.offsetSec, endSec, text: 'алло слушаю вас', confidence: 0.2, words: [], speaker: null }]);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('8 kHz companded telephone audio', () => {
  it.each([
    ['µ-law WAV', corpusPath('audio', 'synthetic-bank-calls-b', 'call_transfer_issue.wav'), 58.4],
    ['headerless A-law', corpusPath('audio', 'real-speech-voicekit', 'sample_3.al'), 7.4],
  ])('%s is transcribed with low confidence marked', async (_name, file, durationSec) => {
    const recognizer = new UnsureRecognizer();
    const outcome = await transcribeRecording(file, { recognizer });
    const transcript = transcriptOf(outcome);

    expect(outcome.ok ? outcome.details.sourceSampleRate : null).toBe(8000);
    expect(transcript.call.durationSec).toBeGreaterThan(durationSec);
    expect(recognizer.clipRates.length).toBeGreaterThan(0);
    expect(recognizer.clipRates.every((rate) => rate === 8000)).toBe(true);
    expect(transcript.turns.length).toBeGreaterThan(0);
    expect(transcript.turns.every((turn) => turn.flags.includes('low_confidence'))).toBe(true);
    expect(transcript.warnings.map((warning) => warning.code)).toContain('low_confidence');
    expect(transcript.warnings.map((warning) => warning.code)).not.toContain('no_speech');
  });
});

