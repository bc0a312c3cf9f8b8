import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AudioClip, RecognizedSegment, SpeechRecognizer } from '../../asr/speech-recognizer.ts';
import type { Checklist } from '../../core/model/checklist.ts';
import type { Transcript } from '../../core/model/transcript.ts';
import type { Morphology } from '../../core/text/morphology.ts';
import { AppError } from '../../lib/app-error.ts';
import { createLogger } from '../../lib/logger.ts';
import { loadMorphology } from '../../text/az-morphology.ts';
import { corpusPath, REPO_ROOT } from '../../../test/corpus.ts';
import { resolveActiveChecklist } from '../checklists/active-checklist.ts';
import { CallAnalyzer } from './call-analyzer.ts';
import type { AnalyzeFileOptions } from './call-analyzer.ts';
import type { ManagerChannelRule } from './manager-channel.ts';

// Yandex SpeechKit v2 output of a two-channel call: every turn has its channel (0 or 1).
const TWO_CHANNEL_TRANSCRIPT = path.join(REPO_ROOT, 'src', 'importers', 'transcript', 'fixtures', 'yandex-v2-two-channels.json');
const STEREO_RECORDING = corpusPath('audio', 'real-speech-open-datasets', 'sample_09_ru.wav');

const logger = createLogger({ level: 'silent' });
let folder = '';
let morphology: Morphology;
let checklist: Checklist;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'okk-call-analyzer-'));
  morphology = await loadMorphology();
  checklist = await resolveActiveChecklist(null, null);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface Run {
  /** Copied into a folder of its own, with the sidecar beside it when one is given. */
  input: string;
  kind: 'transcript' | 'audio';
  sidecar?: Record<string, unknown>;
  rules?: ManagerChannelRule[];
  options?: AnalyzeFileOptions;
  recognizer?: SpeechRecognizer;
}

async function analyse(run: Run): Promise<Transcript> {
  const caseFolder = await mkdtemp(path.join(folder, 'case-'));
  const input = path.join(caseFolder, `call${path.extname(run.input)}`);
  await copyFile(run.input, input);
  if (run.sidecar !== undefined) {
    await writeFile(path.join(caseFolder, 'call.meta.json'), JSON.stringify(run.sidecar));
  }
  const recognizer = run.recognizer;
  const analyzer = new CallAnalyzer({
    morphology,
    checklist,
    timeZone: 'Europe/Moscow',
    database: null,
    recognizer: () => (recognizer === undefined ? Promise.reject(new AppError('CONFIG_INVALID', 'распознавание речи в этом тесте не нужно')) : Promise.resolve(recognizer)),
    logger,
    ...(run.rules === undefined ? {} : { managerChannelRules: run.rules }),
  });
  try {
    const result = await analyzer.analyzeFile({ path: input, kind: run.kind }, run.options);
    if (!result.ok) {
      throw new Error(`${input} was not analysed: ${result.message}`);
    }
    expect(result.calls).toHaveLength(1);
    const [call] = result.calls;
    if (call === undefined) {
      throw new Error(`${input} gave no call`);
    }
    return call.transcript;
  } finally {
    await analyzer.close();
  }
}

/** Returns the channel of the turns with the given role and fails when that role spans both channels. */
function channelOf(transcript: Transcript, role: 'manager' | 'client'): number {
  const channels = new Set(transcript.turns.filter((turn) => turn.role === role).map((turn) => turn.channel));
  expect([...channels]).toHaveLength(1);
  const [channel] = channels;
  if (channel === undefined || channel === null) {
    throw new Error(`no ${role} turns with a channel`);
  }
  return channel;
}

function managerChannelOf(transcript: Transcript): number {
  const manager = channelOf(transcript, 'manager');
  expect(channelOf(transcript, 'client')).toBe(1 - manager);
  return manager;
}

const transcriptRun = (run: Omit<Run, 'input' | 'kind'>): Promise<Transcript> => analyse({ input: TWO_CHANNEL_TRANSCRIPT, kind: 'transcript', ...run });

describe('CallAnalyzer manager channel', () => {
  it('defaults to the first channel', async () => {
    expect(managerChannelOf(await transcriptRun({}))).toBe(0);
  });

  it('takes the sidecar managerChannel', async () => {
    expect(managerChannelOf(await transcriptRun({ sidecar: { managerChannel: 1 } }))).toBe(1);
    expect(managerChannelOf(await transcriptRun({ sidecar: { managerChannel: 0 } }))).toBe(0);
  });

  it('takes the sidecar over the option', async () => {
    expect(managerChannelOf(await transcriptRun({ sidecar: { managerChannel: 0 }, options: { managerChannel: 1 } }))).toBe(0);
  });

  it('applies a rule by direction', async () => {
    const rules: ManagerChannelRule[] = [{ direction: 'inbound', managerChannel: 1 }];
    expect(managerChannelOf(await transcriptRun({ sidecar: { direction: 'inbound' }, rules }))).toBe(1);
    expect(managerChannelOf(await transcriptRun({ sidecar: { direction: 'outbound' }, rules }))).toBe(0);
    expect(managerChannelOf(await transcriptRun({ rules }))).toBe(0);
  });

  it('applies a rule by trunk', async () => {
    const rules: ManagerChannelRule[] = [{ trunk: 'mts-sip', managerChannel: 1 }];
    expect(managerChannelOf(await transcriptRun({ sidecar: { trunk: 'MTS-SIP' }, rules }))).toBe(1);
    expect(managerChannelOf(await transcriptRun({ sidecar: { trunk: 'beeline' }, rules }))).toBe(0);
  });

  it('applies a rule by source', async () => {
    const rules: ManagerChannelRule[] = [{ source: 'asterisk', managerChannel: 1 }];
    expect(managerChannelOf(await transcriptRun({ sidecar: { source: 'asterisk' }, rules }))).toBe(1);
    expect(managerChannelOf(await transcriptRun({ sidecar: { source: 'mango' }, rules }))).toBe(0);
  });

  it('needs every condition of a rule', async () => {
    const rules: ManagerChannelRule[] = [{ trunk: 'mts-sip', direction: 'inbound', managerChannel: 1 }];
    expect(managerChannelOf(await transcriptRun({ sidecar: { trunk: 'mts-sip', direction: 'outbound' }, rules }))).toBe(0);
    expect(managerChannelOf(await transcriptRun({ sidecar: { trunk: 'mts-sip', direction: 'inbound' }, rules }))).toBe(1);
  });

  it('ranks sidecar, rule, option, default', async () => {
    const rules: ManagerChannelRule[] = [{ trunk: 'mts-sip', managerChannel: 1 }];
    expect(managerChannelOf(await transcriptRun({ sidecar: { trunk: 'mts-sip', managerChannel: 0 }, rules, options: { managerChannel: 1 } }))).toBe(0);
    expect(managerChannelOf(await transcriptRun({ sidecar: { trunk: 'mts-sip' }, rules, options: { managerChannel: 0 } }))).toBe(1);
    expect(managerChannelOf(await transcriptRun({ sidecar: { trunk: 'beeline' }, rules, options: { managerChannel: 1 } }))).toBe(1);
    expect(managerChannelOf(await transcriptRun({ sidecar: { trunk: 'beeline' }, rules }))).toBe(0);
  });

  it('keeps trunk and source out of the call', async () => {
    const transcript = await transcriptRun({ sidecar: { trunk: 'mts-sip', source: 'asterisk', direction: 'inbound' } });
    expect(transcript.call.direction).toBe('inbound');
    expect(path.basename(transcript.call.source)).toBe('call.json');
  });
});

/**
 * A stand-in engine that "hears" one word in every clip it gets. The channel split, voice activity
 * detection and role assignment are the real ones; only the words are not.
 */
class OneWordRecognizer implements SpeechRecognizer {
  readonly name = 'one-word';
  readonly diarizes = false;

  recognize(clip: AudioClip): Promise<RecognizedSegment[]> {
    const endSec = clip.offsetSec + clip.samples.length / clip.sampleRate;
    return Promise.resolve([{ startSec: clip.offsetSec, endSec, text: 'алло', confidence: 0.9, words: [], speaker: null }]);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('CallAnalyzer on a stereo recording', () => {
  it('swaps roles by a trunk rule', async () => {
    const recognizer = new OneWordRecognizer();
    const sidecar = { trunk: 'mts-sip', direction: 'inbound' };
    const plain = await analyse({ input: STEREO_RECORDING, kind: 'audio', sidecar, recognizer });
    const swapped = await analyse({ input: STEREO_RECORDING, kind: 'audio', sidecar, recognizer, rules: [{ trunk: 'mts-sip', direction: 'inbound', managerChannel: 1 }] });

    expect(managerChannelOf(plain)).toBe(0);
    expect(managerChannelOf(swapped)).toBe(1);
    expect(swapped.turns.map((turn) => turn.channel)).toEqual(plain.turns.map((turn) => turn.channel));

    const plainTalk = plain.signal?.talkSec;
    const swappedTalk = swapped.signal?.talkSec;
    expect(plainTalk?.manager).toBeGreaterThan(0);
    expect(plainTalk?.client).toBeGreaterThan(0);
    expect(swappedTalk?.manager).toBeCloseTo(plainTalk?.client ?? Number.NaN, 6);
    expect(swappedTalk?.client).toBeCloseTo(plainTalk?.manager ?? Number.NaN, 6);
  });
});
