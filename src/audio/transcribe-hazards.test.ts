import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AudioClip, RecognizedSegment, SpeechRecognizer } from '../asr/speech-recognizer.ts';
import type { Role, Transcript } from '../core/model/transcript.ts';
import { corpusPath } from '../../test/corpus.ts';
import { buildTwoChannel, makeTempFolder, OPERATOR, REFERENCE_CALLS } from './testing/audio-fixtures.ts';
import { ContiguousRecognizer, withFastTurnTaking } from './testing/brisk-calls.ts';
import { writeWav } from './testing/pcm-files.ts';
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

describe('fast turn-taking with contiguous ASR timestamps', () => {
  const call = REFERENCE_CALLS.card;
  // Half a second between parties: more than the VAD's 0.3 s smoothing, far less than the 0.8 s of the source.
  const monoFile = tempPath('card-brisk-mono.wav');
  // 0.3 s and 0.15 s between parties, as when each answers at once: the VAD bridges these pauses.
  const quickMonoFile = tempPath('card-quick-mono.wav');
  const fastMonoFile = tempPath('card-fast-mono.wav');
  const fastStereoFile = tempPath('card-fast-stereo.wav');
  let brisk: ReferenceSegment[] = [];
  let quick: ReferenceSegment[] = [];
  let fast: ReferenceSegment[] = [];

  beforeAll(async () => {
    const reference = readReference(call.reference);
    const briskCall = await withFastTurnTaking(call.audio, reference, 0.5);
    brisk = briskCall.segments;
    await writeWav(monoFile, briskCall.sampleRate, [[briskCall.samples]]);
    const quickCall = await withFastTurnTaking(call.audio, reference, 0.3);
    quick = quickCall.segments;
    await writeWav(quickMonoFile, quickCall.sampleRate, [[quickCall.samples]]);
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

  // Pieces cut at the short pauses the VAD bridged, with the change of speaker moved to the pause, bring
  // the turns that start with the wrong role from 7 of 22 to 1 at both 0.3 s and 0.15 s.
  it.each([
    ['0.3 s', () => ({ file: quickMonoFile, segments: quick })],
    ['0.15 s', () => ({ file: fastMonoFile, segments: fast })],
  ])('mono call with %s pauses: at most one turn starts with the other speaker', async (_pause, inputs) => {
    const { file, segments } = inputs();
    const { transcript, recognizer } = await transcribeContiguous(file, segments);

    expect(recognizer.segmentsAcrossSpeakers).toBeGreaterThan(0);
    expect(transcript.turns.flatMap((turn) => wordsOf(turn.text))).toEqual(segments.flatMap((segment) => wordsOf(segment.text)));
    expect(misattributed(transcript, segments).length).toBeLessThanOrEqual(1);
  });

  // TODO: one turn per call still starts with the other party's words. In the 0.15 s call a piece of mostly
  // manager speech goes to the client by voice, and the pause where the client starts lies 1.3 s from the
  // piece's edge, beyond the 1 s searched. Turns red when fixed.
  it.fails.each([
    ['0.3 s', () => ({ file: quickMonoFile, segments: quick })],
    ['0.15 s', () => ({ file: fastMonoFile, segments: fast })],
  ])('mono call with %s pauses keeps boundary words with their speaker', async (_pause, inputs) => {
    const { file, segments } = inputs();
    const { transcript } = await transcribeContiguous(file, segments);

    expect(misattributed(transcript, segments)).toEqual([]);
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

