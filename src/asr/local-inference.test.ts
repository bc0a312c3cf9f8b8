import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../../test/corpus.ts';
import { buildTwoChannel, OPERATOR, REFERENCE_CALLS } from '../audio/testing/audio-fixtures.ts';
import { readReference } from '../audio/testing/reference-recognizer.ts';
import { transcribeRecording } from '../audio/transcribe-recording.ts';
import { loadConfig } from '../lib/config.ts';
import { asrConfigSchema } from './asr-config.ts';
import { listInstalledModels } from './models/model-store.ts';
import { createRecognizer, createRecognizerFromConfig, modelsDirOf } from './create-recognizer.ts';
import type { RecognizedSegment, SpeechRecognizer } from './speech-recognizer.ts';
import { GIGAAM_TOKENS, synthesize, TONE_FRAME_SEC, TONE_SAMPLE_RATE, TONE_TOKENS, writeTinyGigaamModel, writeTinyToneModel } from './testing/tiny-models.ts';
import type { SignalPart } from './testing/tiny-models.ts';

// Real inference through sherpa-onnx-node on tiny models generated here (src/asr/testing/tiny-models.ts): no
// weights can be downloaded, but the engines' model loading, feature extraction, decoding and okk's handling of
// the tokens and times all run for real.

const run = promisify(execFile);
let root = '';

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'okk-tiny-models-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const RATE = 8000;
const [, DA, PO, KA] = GIGAAM_TOKENS;

/** «да», a pause, then «по» and «ка» back to back (one word «пока»): tone starts at 0.3 s and 1.1 s. */
const DA_POKA: SignalPart[] = [
  { sec: 0.3 },
  { sec: 0.5, hz: DA.hz },
  { sec: 0.3 },
  { sec: 0.4, hz: PO.hz },
  { sec: 0.4, hz: KA.hz },
  { sec: 0.4 },
];

function wordsOf(segments: readonly RecognizedSegment[]): { text: string; startSec: number | null; endSec: number | null }[] {
  return segments.flatMap((segment) => segment.words.map(({ text, startSec, endSec }) => ({ text, startSec, endSec })));
}

/** Checks that word times are set, ordered, and inside [fromSec, toSec]. */
function expectOrderedTimes(segments: readonly RecognizedSegment[], fromSec: number, toSec: number): void {
  let previous = fromSec;
  for (const word of wordsOf(segments)) {
    expect(word.startSec).not.toBeNull();
    expect(word.endSec).not.toBeNull();
    const start = word.startSec ?? Number.NaN;
    const end = word.endSec ?? Number.NaN;
    expect(start).toBeGreaterThanOrEqual(previous);
    expect(end).toBeGreaterThan(start);
    expect(end).toBeLessThanOrEqual(toSec + 1e-6);
    previous = start;
  }
}

async function gigaamFolder(name: string): Promise<string> {
  const folder = path.join(root, name);
  await writeTinyGigaamModel(folder);
  return folder;
}

describe('gigaam engine on a generated NeMo CTC model', () => {
  let recognizer: SpeechRecognizer;

  beforeAll(async () => {
    const config = asrConfigSchema.parse({ engine: 'gigaam', model: await gigaamFolder('tiny-gigaam'), threads: 1 });
    recognizer = await createRecognizer(config, { modelsDir: path.join(root, 'no-models'), env: {} });
  });

  afterAll(async () => {
    await recognizer.close();
  });

  it('decodes an 8 kHz clip at recording times', async () => {
    const samples = synthesize(DA_POKA, RATE);
    const offsetSec = 12.5;
    const segments = await recognizer.recognize({ samples, sampleRate: RATE, offsetSec }, { language: 'ru' });

    expect(segments).toHaveLength(1);
    expect(segments[0]?.text.trim()).toBe('да пока');
    const words = wordsOf(segments);
    expect(words.map((word) => word.text)).toEqual(['да', 'пока']);
    // One output frame is 4 × 10 ms, so a word starts within 40 ms after its tone (plus the window's reach).
    expect(words[0]?.startSec).toBeCloseTo(offsetSec + 0.3, 1);
    expect(words[1]?.startSec).toBeCloseTo(offsetSec + 1.1, 1);
    expect(words[0]?.endSec).toBe(words[1]?.startSec);
    expectOrderedTimes(segments, offsetSec, offsetSec + samples.length / RATE);
  });

  it('hears nothing in silence', async () => {
    const segments = await recognizer.recognize({ samples: new Float32Array(RATE * 2), sampleRate: RATE, offsetSec: 0 }, { language: 'ru' });

    expect(segments).toEqual([]);
  });

  it('decodes a long clip in pieces', async () => {
    const config = asrConfigSchema.parse({ engine: 'gigaam', model: path.join(root, 'tiny-gigaam'), threads: 1, chunkSec: 2 });
    const chunked = await createRecognizer(config, { modelsDir: path.join(root, 'no-models'), env: {} });
    // Three times «да пока» with 0.6 s pauses: 7.5 s, more than three 2-second pieces.
    const once = [...DA_POKA, { sec: 0.6 }];
    const samples = synthesize([...once, ...once, ...once], RATE);
    const segments = await chunked.recognize({ samples, sampleRate: RATE, offsetSec: 3 }, { language: 'ru' });

    expect(segments.length).toBeGreaterThan(1);
    expect(wordsOf(segments).map((word) => word.text)).toEqual(['да', 'пока', 'да', 'пока', 'да', 'пока']);
    const starts = wordsOf(segments).filter((word) => word.text === 'да').map((word) => word.startSec ?? Number.NaN);
    const period = samples.length / 3 / RATE;
    starts.forEach((start, index) => {
      expect(start).toBeCloseTo(3 + 0.3 + index * period, 1);
    });
    expectOrderedTimes(segments, 3, 3 + samples.length / RATE);
    await chunked.close();
  });
});

describe('a generated model registered with okk models add', () => {
  it('installs and serves the configured engine', async () => {
    const source = await gigaamFolder('sherpa-onnx-tiny-gigaam-source');
    const dataDir = path.join(root, 'data');
    const configFile = path.join(root, 'okk.config.json');
    await writeFile(configFile, JSON.stringify({ dataDir, asr: { engine: 'gigaam', model: 'tiny-gigaam', threads: 1 } }));
    const env = { ...process.env, OKK_CONFIG: configFile };
    const okk = async (...args: string[]): Promise<string> => (await run(process.execPath, [path.join(REPO_ROOT, 'bin', 'okk.js'), ...args], { cwd: root, env })).stdout;

    const added = await okk('models', 'add', source, '--name', 'tiny-gigaam', '--engine', 'gigaam');
    expect(added).toContain(`Модель «tiny-gigaam» (движок gigaam) установлена в ${path.join(dataDir, 'models', 'tiny-gigaam')}.`);

    const config = loadConfig({ OKK_CONFIG: configFile }, root);
    expect(modelsDirOf(config)).toBe(path.join(dataDir, 'models'));
    const installed = await listInstalledModels(modelsDirOf(config));
    expect(installed.map(({ name, engine, source }) => ({ name, engine, source }))).toEqual([{ name: 'tiny-gigaam', engine: 'gigaam', source: path.resolve(source) }]);
    const recognizer = await createRecognizerFromConfig(config);
    const segments = await recognizer.recognize({ samples: synthesize(DA_POKA, RATE), sampleRate: RATE, offsetSec: 0 }, { language: 'ru' });
    expect(recognizer.name).toBe('gigaam');
    expect(wordsOf(segments).map((word) => word.text)).toEqual(['да', 'пока']);
    await recognizer.close();
  }, 60_000);
});

describe('t-one engine on a generated streaming CTC model', () => {
  let recognizer: SpeechRecognizer;
  const [, SPACE, D, A] = TONE_TOKENS;
  /** «да» as the model hears it: a medium-loud 0.3 s (д) then a loud 0.3 s (а); T-one frames are 30 ms. */
  const da: SignalPart[] = [{ sec: 0.3, hz: 440, amplitude: D.amplitude }, { sec: 0.3, hz: 440, amplitude: A.amplitude }];
  const space: SignalPart = { sec: 0.3, hz: 440, amplitude: SPACE.amplitude };

  beforeAll(async () => {
    const folder = path.join(root, 'tiny-t-one');
    await writeTinyToneModel(folder);
    recognizer = await createRecognizer(asrConfigSchema.parse({ engine: 't-one', model: folder, threads: 1 }), { modelsDir: path.join(root, 'no-models'), env: {} });
  });

  afterAll(async () => {
    await recognizer.close();
  });

  it('splits segments at pauses with recording times', async () => {
    // «да да», «да», «да», each pause of 2.4 s an endpoint; the words start at 0.6, 1.5, 4.5 and 7.5 s. The second
    // and third segments start after a reset, where sherpa-onnx counts token times from the decoded position.
    const pause: SignalPart = { sec: 2.4 };
    const samples = synthesize([{ sec: 0.6 }, ...da, space, ...da, pause, ...da, pause, ...da, { sec: 0.9 }], TONE_SAMPLE_RATE);
    const offsetSec = 40;
    const segments = await recognizer.recognize({ samples, sampleRate: TONE_SAMPLE_RATE, offsetSec }, { language: 'ru' });

    expect(segments.map((segment) => segment.text)).toEqual(['да да', 'да', 'да']);
    const words = wordsOf(segments);
    expect(words.map((word) => word.text)).toEqual(['да', 'да', 'да', 'да']);
    const expectedStarts = [0.6, 1.5, 4.5, 7.5].map((sec) => offsetSec + sec);
    words.forEach((word, index) => {
      expect(Math.abs((word.startSec ?? Number.NaN) - (expectedStarts[index] ?? Number.NaN))).toBeLessThanOrEqual(TONE_FRAME_SEC + 1e-6);
    });
    expectOrderedTimes(segments, offsetSec, offsetSec + samples.length / TONE_SAMPLE_RATE);
    segments.slice(1).forEach((segment, index) => {
      expect(segment.startSec).toBeGreaterThanOrEqual(segments[index]?.endSec ?? Number.NaN);
    });
  });

  it('hears nothing in silence', async () => {
    const segments = await recognizer.recognize({ samples: new Float32Array(TONE_SAMPLE_RATE * 3), sampleRate: TONE_SAMPLE_RATE, offsetSec: 0 }, { language: 'ru' });

    expect(segments).toEqual([]);
  });
});

describe('turns from a real engine run', () => {
  // A two-channel 8 kHz call from the corpus (manager left, client right). The tiny models react to sound, not to
  // words, so the text is a string of their tokens. The checks are on how okk turns real engine output into turns.
  const call = REFERENCE_CALLS.card;
  const reference = readReference(call.reference);
  const durationSec = Math.max(...reference.map((segment) => segment.end));

  it.each([
    ['gigaam', writeTinyGigaamModel, /^(?:да|по|ка| )+$/u],
    ['t-one', writeTinyToneModel, /^(?:д|а| )+$/u],
  ] as const)('%s: turns with words, roles and times', async (engine, write, alphabet) => {
    const folder = path.join(root, `turns-${engine}`);
    await write(folder);
    const recognizer = await createRecognizer(asrConfigSchema.parse({ engine, model: folder, threads: 1 }), { modelsDir: path.join(root, 'no-models'), env: {} });
    const file = path.join(root, `card-${engine}.wav`);
    await buildTwoChannel(call.audio, reference, file);

    const outcome = await transcribeRecording(file, { recognizer, decoder: 'js' });
    await recognizer.close();
    if (!outcome.ok) {
      throw new Error(outcome.error.message);
    }
    const { turns, roles } = outcome.transcript;

    expect(roles.method).toBe('channel');
    expect(turns.length).toBeGreaterThanOrEqual(reference.length / 2);
    expect(new Set(turns.map((turn) => turn.role))).toEqual(new Set(['manager', 'client']));
    let previousStart = 0;
    for (const turn of turns) {
      expect(turn.text).toMatch(alphabet);
      const start = turn.startSec ?? Number.NaN;
      const end = turn.endSec ?? Number.NaN;
      expect(start).toBeGreaterThanOrEqual(previousStart);
      expect(end).toBeGreaterThan(start);
      expect(end).toBeLessThanOrEqual(durationSec + 1);
      previousStart = start;
      // The turn lies in a reference segment of the speaker on its channel.
      const referenceSegment = reference.find((segment) => segment.start - 0.5 <= start && start <= segment.end);
      expect(referenceSegment?.speaker === OPERATOR ? 'manager' : 'client').toBe(turn.role);
      expect(turn.channel).toBe(turn.role === 'manager' ? 0 : 1);
      expect(turn.words?.length).toBeGreaterThan(0);
      for (const word of turn.words ?? []) {
        expect(word.startSec ?? Number.NaN).toBeGreaterThanOrEqual(start - 1e-6);
        expect(word.endSec ?? Number.NaN).toBeLessThanOrEqual(end + 1e-6);
      }
    }
  });
});
