import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SpeechRecognizer } from '../asr/speech-recognizer.ts';
import type { Role, Transcript } from '../core/model/transcript.ts';
import { corpusPath } from '../../test/corpus.ts';
import type { DecoderBackend } from './audio-source.ts';
import { buildTwoChannel, buildTwoChannelWithFfmpeg, hasFfmpeg, makeTempFolder, OPERATOR, REFERENCE_CALLS, runFfmpeg, type ReferenceCall } from './testing/audio-fixtures.ts';
import { mixToMono } from './pcm-blocks.ts';
import { readPcm, writeWav } from './testing/pcm-files.ts';
import { readReference, ReferenceRecognizer, type ReferenceSegment } from './testing/reference-recognizer.ts';
import { unionOf } from './time-spans.ts';
import { transcribeRecording, type TranscribeOptions, type TranscribeOutcome } from './transcribe-recording.ts';

const BACKENDS: DecoderBackend[] = hasFfmpeg ? ['ffmpeg', 'js'] : ['js'];

/** A recogniser that hears nothing, for tests where the text does not matter. */
const NO_TEXT: SpeechRecognizer = { name: 'no-text', diarizes: false, recognize: () => Promise.resolve([]), close: () => Promise.resolve() };
const temp = makeTempFolder();
const tempPath = (name: string): string => path.join(temp.folder, name);

afterAll(() => {
  temp.remove();
});

async function transcribe(file: string, segments: readonly ReferenceSegment[], options: Partial<TranscribeOptions> = {}): Promise<TranscribeOutcome & { recognizer: ReferenceRecognizer }> {
  const recognizer = await ReferenceRecognizer.forRecording(segments, file);
  const outcome = await transcribeRecording(file, { recognizer, ...options });
  return { ...outcome, recognizer };
}

function transcriptOf(outcome: TranscribeOutcome): Transcript {
  if (!outcome.ok) {
    throw new Error(outcome.error.message);
  }
  return outcome.transcript;
}

/** Returns the reference role of the segment a turn starts in. */
function referenceRoleAt(segments: readonly ReferenceSegment[], timeSec: number): Role {
  const segment = segments.find((candidate) => candidate.start - 0.3 <= timeSec && timeSec <= candidate.end);
  if (segment === undefined) {
    return 'unknown';
  }
  return segment.speaker === OPERATOR ? 'manager' : 'client';
}

/** Words of the reference in order, to compare with the words of the turns. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

describe.each(BACKENDS)('mono synthetic calls (%s)', (backend) => {
  it.each(Object.entries(REFERENCE_CALLS))('%s: roles by content, order kept', async (_name, call: ReferenceCall) => {
    const segments = readReference(call.reference);
    const transcript = transcriptOf(await transcribe(call.audio, segments, { decoder: backend }));

    expect(transcript.roles.method).toBe('content');
    expect(transcript.turns.length).toBeGreaterThanOrEqual(segments.length);
    for (const turn of transcript.turns) {
      expect(turn.role).toBe(referenceRoleAt(segments, turn.startSec ?? -1));
      expect(turn.channel).toBeNull();
      expect(turn.speaker).toMatch(/^speaker_[12]$/);
    }
    expect(transcript.turns.flatMap((turn) => wordsOf(turn.text))).toEqual(segments.flatMap((segment) => wordsOf(segment.text)));
    expect(transcript.signal?.talkSec.manager).toBeGreaterThan(transcript.signal?.talkSec.client ?? Number.POSITIVE_INFINITY);
    expect(transcript.warnings).toEqual([]);
  });
});

describe('two-channel calls', () => {
  const call = REFERENCE_CALLS.card;
  const segments = readReference(call.reference);
  const stereo = tempPath('card-stereo.wav');
  const stereoFfmpeg = tempPath('card-stereo-ffmpeg.wav');
  const withBleed = tempPath('card-bleed.wav');
  const mixed = tempPath('card-mix.wav');

  beforeAll(async () => {
    await buildTwoChannel(call.audio, segments, stereo);
    await buildTwoChannel(call.audio, segments, withBleed, { bleedDb: -20 });
    const pcm = await readPcm(stereo, 8000);
    await writeWav(mixed, 8000, [[mixToMono(pcm.channels)]]);
    if (hasFfmpeg) {
      buildTwoChannelWithFfmpeg(call.audio, segments, stereoFfmpeg);
    }
  });

  it.each(BACKENDS)('roles come from channels (%s)', async (backend) => {
    const transcript = transcriptOf(await transcribe(stereo, segments, { decoder: backend }));
    expect(transcript.roles).toEqual({ method: 'channel', confidence: null });
    for (const turn of transcript.turns) {
      expect(turn.role).toBe(referenceRoleAt(segments, turn.startSec ?? -1));
      expect(turn.channel).toBe(turn.role === 'manager' ? 0 : 1);
    }
    expect(transcript.turns.flatMap((turn) => wordsOf(turn.text))).toEqual(segments.flatMap((segment) => wordsOf(segment.text)));
  });

  it.skipIf(!hasFfmpeg)('file built with ffmpeg gives the same turns', async () => {
    const fromJs = transcriptOf(await transcribe(stereo, segments));
    const fromFfmpeg = transcriptOf(await transcribe(stereoFfmpeg, segments));
    expect(fromFfmpeg.turns.map((turn) => [turn.role, turn.text])).toEqual(fromJs.turns.map((turn) => [turn.role, turn.text]));
  });

  it('manager channel is configurable', async () => {
    const transcript = transcriptOf(await transcribe(stereo, segments, { managerChannel: 1 }));
    for (const turn of transcript.turns) {
      expect(turn.role).toBe(turn.channel === 1 ? 'manager' : 'client');
    }
    expect(transcript.signal?.talkSec.client).toBeGreaterThan(transcript.signal?.talkSec.manager ?? Number.POSITIVE_INFINITY);
  });

  it('bleed creates no duplicate turns', async () => {
    const clean = transcriptOf(await transcribe(stereo, segments));
    const outcome = await transcribe(withBleed, segments);
    const bleeding = transcriptOf(outcome);
    expect(outcome.ok).toBe(true);
    expect(outcome.ok ? outcome.details.bleedFrames : 0).toBeGreaterThan(0);
    for (const role of ['manager', 'client'] as const) {
      const words = (transcript: Transcript): string[] => transcript.turns.filter((turn) => turn.role === role).flatMap((turn) => wordsOf(turn.text));
      expect(words(bleeding)).toEqual(words(clean));
    }
    expect(bleeding.turns.length).toBeLessThanOrEqual(clean.turns.length);
    expect(bleeding.signal?.overlaps).toEqual([]);
    expect(Math.abs((bleeding.signal?.talkSec.manager ?? 0) - (clean.signal?.talkSec.manager ?? 0))).toBeLessThan(1);
    expect(Math.abs((bleeding.signal?.talkSec.client ?? 0) - (clean.signal?.talkSec.client ?? 0))).toBeLessThan(1);
  });

  it('stereo and its mono mix give the same speech and turn times', async () => {
    const fromStereo = await transcribe(stereo, segments);
    const fromMix = await transcribe(mixed, segments);
    const stereoTurns = transcriptOf(fromStereo).turns;
    const mixTurns = transcriptOf(fromMix).turns;
    expect(mixTurns.map((turn) => turn.role)).toEqual(stereoTurns.map((turn) => turn.role));
    stereoTurns.forEach((turn, index) => {
      expect(Math.abs((mixTurns[index]?.startSec ?? 0) - (turn.startSec ?? 0))).toBeLessThanOrEqual(0.3);
      expect(Math.abs((mixTurns[index]?.endSec ?? 0) - (turn.endSec ?? 0))).toBeLessThanOrEqual(0.3);
    });
    // A pause of 0.3 s may be bridged on one signal and not on the other; what must agree is where speech is.
    const stereoSpans = unionOf(fromStereo.ok ? fromStereo.speech.flatMap((activity) => activity.spans) : [], 0.35);
    const mixSpans = unionOf(fromMix.ok ? fromMix.speech.flatMap((activity) => activity.spans) : [], 0.35);
    expect(mixSpans.length).toBe(stereoSpans.length);
    stereoSpans.forEach((span, index) => {
      expect(Math.abs((mixSpans[index]?.startSec ?? 0) - span.startSec)).toBeLessThanOrEqual(0.3);
      expect(Math.abs((mixSpans[index]?.endSec ?? 0) - span.endSec)).toBeLessThanOrEqual(0.3);
    });
  });

  it('identical channels are treated as mono', async () => {
    const pcm = await readPcm(call.audio, 8000);
    const duplicated = tempPath('card-duplicated.wav');
    const channel = pcm.channels[0] ?? new Float32Array(0);
    await writeWav(duplicated, 8000, [[channel, channel.map((sample) => sample * 0.999)]]);
    const outcome = await transcribe(duplicated, segments);
    const transcript = transcriptOf(outcome);
    expect(outcome.ok ? outcome.details.identicalChannels : null).toBe(true);
    expect(transcript.warnings.map((warning) => warning.code)).toContain('identical_channels');
    expect(transcript.roles.method).toBe('content');
    expect(new Set(transcript.turns.map((turn) => turn.speaker)).size).toBe(2);
    for (const turn of transcript.turns) {
      expect(turn.role).toBe(referenceRoleAt(segments, turn.startSec ?? -1));
    }
  });
});

describe('timing', () => {
  const call = REFERENCE_CALLS.card;
  const segments = readReference(call.reference);

  it.skipIf(!hasFfmpeg)('mp3 and wav of one call give the same turn times', async () => {
    const mp3 = tempPath('card.mp3');
    runFfmpeg(['-i', call.audio, '-c:a', 'libmp3lame', '-b:a', '32k', mp3]);
    const fromWav = transcriptOf(await transcribe(call.audio, segments)).turns;
    const fromMp3 = transcriptOf(await transcribe(mp3, segments)).turns;
    expect(fromMp3.map((turn) => turn.role)).toEqual(fromWav.map((turn) => turn.role));
    fromWav.forEach((turn, index) => {
      expect(Math.abs((fromMp3[index]?.startSec ?? 0) - (turn.startSec ?? 0))).toBeLessThanOrEqual(0.3);
      expect(Math.abs((fromMp3[index]?.endSec ?? 0) - (turn.endSec ?? 0))).toBeLessThanOrEqual(0.3);
    });
  });

  it('last turn of a 22-minute call does not drift', { timeout: 180_000 }, async () => {
    const pcm = await readPcm(call.audio, 8000);
    const copies = 11;
    const copySec = (pcm.channels[0]?.length ?? 0) / pcm.sampleRate;
    const long = tempPath('card-x11.wav');
    await writeWav(long, 8000, Array.from({ length: copies }, () => pcm.channels));
    const single = transcriptOf(await transcribe(call.audio, segments)).turns;
    const outcome = await transcribe(long, repeatSegments(segments, copySec, copies));
    const turns = transcriptOf(outcome).turns;

    expect(Math.abs(turns.length - single.length * copies)).toBeLessThanOrEqual(copies);
    const lastSingle = single.at(-1);
    const lastLong = turns.at(-1);
    const shift = (copies - 1) * copySec;
    expect(lastLong?.text).toBe(lastSingle?.text);
    expect(Math.abs((lastLong?.startSec ?? 0) - ((lastSingle?.startSec ?? 0) + shift))).toBeLessThanOrEqual(0.5);
    expect(Math.abs((lastLong?.startSec ?? 0) - ((segments.at(-1)?.start ?? 0) + shift))).toBeLessThanOrEqual(0.5);
    expect(outcome.recognizer.clipLog.every((clip) => clip.durationSec <= 30 + 0.5)).toBe(true);
  });
});

function repeatSegments(segments: readonly ReferenceSegment[], copySec: number, copies: number): ReferenceSegment[] {
  return Array.from({ length: copies }, (_, copy) => segments.map((segment) => ({ ...segment, start: segment.start + copy * copySec, end: segment.end + copy * copySec }))).flat();
}

describe('recordings that must not be analysed as they are', () => {
  it.each(['silence-16k.wav', 'silence-16k.mp3', 'silence-16k.ogg'])('%s has no speech and no turns', async (name) => {
    for (const backend of BACKENDS) {
      const outcome = await transcribe(corpusPath('audio', 'silence', name), [], { decoder: backend });
      const transcript = transcriptOf(outcome);
      expect(transcript.turns).toEqual([]);
      expect(transcript.warnings.map((warning) => warning.code)).toContain('no_speech');
      expect(outcome.recognizer.clipLog).toEqual([]);
    }
  });

  it.each(BACKENDS)('truncated file is flagged (%s)', async (backend) => {
    const call = REFERENCE_CALLS.card;
    const cut = tempPath(`card-cut-${backend}.wav`);
    writeFileSync(cut, readFileSync(call.audio).subarray(0, 1_000_000));
    const transcript = transcriptOf(await transcribe(cut, readReference(call.reference), { decoder: backend }));
    const warning = transcript.warnings.find((candidate) => candidate.code === 'audio_truncated');
    expect(warning?.message).toContain('card-cut');
    expect(warning?.message).toMatch(/обрезана/);
    expect(transcript.turns.length).toBeGreaterThan(0);
  });

  it('recording shorter than the call log is flagged', async () => {
    const call = REFERENCE_CALLS.card;
    const transcript = transcriptOf(await transcribe(call.audio, readReference(call.reference), { expectedDurationSec: 180 }));
    expect(transcript.warnings.find((warning) => warning.code === 'audio_truncated')?.message).toMatch(/журналу звонков/);
  });

  it('recording as long as the call log is not flagged', async () => {
    const call = REFERENCE_CALLS.card;
    const transcript = transcriptOf(await transcribe(call.audio, readReference(call.reference), { expectedDurationSec: 120 }));
    expect(transcript.warnings).toEqual([]);
  });

  it.each([
    ['text file', 'notes.wav', 'unsupported_format'],
    ['empty file', 'empty.mp3', 'empty_file'],
  ])('%s gives a Russian error', async (_name, fileName, code) => {
    const file = tempPath(fileName);
    writeFileSync(file, fileName === 'notes.wav' ? 'заметка' : '');
    const outcome = await transcribeRecording(file, { recognizer: NO_TEXT });
    expect(outcome.ok ? null : outcome.error.code).toBe(code);
    expect(outcome.ok ? '' : outcome.error.message).toContain(fileName);
  });

  it.each([
    [{ managerChannel: 2 as unknown as 0 }, 'Канал менеджера'],
    [{ rawFormat: 'gsm:8000' }, 'кодировка'],
    [{ expectedDurationSec: -5 }, 'Длительность'],
  ])('invalid option %o is rejected', async (options, text) => {
    const outcome = await transcribeRecording(REFERENCE_CALLS.card.audio, { recognizer: NO_TEXT, ...options });
    expect(outcome.ok ? null : outcome.error.code).toBe('invalid_options');
    expect(outcome.ok ? '' : outcome.error.message).toContain(text);
  });

  it('failing recogniser gives recognition_failed', async () => {
    const recognizer = { name: 'broken', diarizes: false, recognize: () => Promise.reject(new Error('model missing')), close: () => Promise.resolve() };
    const outcome = await transcribeRecording(REFERENCE_CALLS.card.audio, { recognizer });
    expect(outcome.ok ? null : outcome.error.code).toBe('recognition_failed');
    expect(outcome.ok ? '' : outcome.error.message).toContain('model missing');
  });
});

describe('call id', () => {
  it('is the same for the same bytes under another name', async () => {
    const copy = tempPath('renamed-call.wav');
    copyFileSync(REFERENCE_CALLS.card.audio, copy);
    const first = transcriptOf(await transcribe(REFERENCE_CALLS.card.audio, []));
    const second = transcriptOf(await transcribe(copy, []));
    expect(first.call.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.call.id).toBe(first.call.id);
    expect(second.call.source).toBe(copy);
  });
});

describe('engine diarization', () => {
  it('engine speaker labels are linked across clips by voice', async () => {
    const call = REFERENCE_CALLS.transfer;
    const segments = readReference(call.reference);
    const recognizer = await ReferenceRecognizer.forRecording(segments, call.audio, { diarize: true });
    const transcript = transcriptOf(await transcribeRecording(call.audio, { recognizer }));
    for (const turn of transcript.turns) {
      expect(turn.role).toBe(referenceRoleAt(segments, turn.startSec ?? -1));
    }
  });
});
