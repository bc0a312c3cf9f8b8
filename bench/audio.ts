// Speed and memory of the audio front end: decode → split channels → VAD → recognition regions, on
// 10- and 60-minute stereo 8 kHz calls made from corpus speech. Run: `npx tsx bench/audio.ts`.
// Each case runs in its own process so its peak RSS is its own.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openAudioSource, type DecoderBackend } from '../src/audio/audio-source.ts';
import { DEFAULT_AUDIO_TUNING } from '../src/audio/audio-tuning.ts';
import { recognitionRegions } from '../src/audio/recognition-regions.ts';
import { planLayout } from '../src/audio/recording-layout.ts';
import { analyzeSignal } from '../src/audio/signal-analysis.ts';
import { buildTwoChannel, hasFfmpeg, REFERENCE_CALLS } from '../src/audio/testing/audio-fixtures.ts';
import { readPcm, writeWav } from '../src/audio/testing/pcm-files.ts';
import { readReference } from '../src/audio/testing/reference-recognizer.ts';

const FOLDER = path.join(os.tmpdir(), 'okk-bench-audio');
const LENGTHS_MIN = [10, 60];

interface Measurement {
  file: string;
  backend: DecoderBackend;
  audioSec: number;
  wallSec: number;
  maxRssMb: number;
  spans: number;
  regions: number;
}

async function measure(file: string, backend: DecoderBackend): Promise<Measurement> {
  const started = performance.now();
  const opened = await openAudioSource(file, { rawFormat: null, decoder: backend });
  if (!opened.ok) {
    throw new Error(opened.error.message);
  }
  const analysis = await analyzeSignal(opened.source.decode({ messages: [] }), opened.source.layout, {
    vadMode: DEFAULT_AUDIO_TUNING.vadMode,
    levelFloorDb: DEFAULT_AUDIO_TUNING.levelFloorDb,
  });
  const layout = planLayout(analysis, DEFAULT_AUDIO_TUNING, file);
  const regions = layout.lanes.map((lane) => recognitionRegions(lane.spans, lane.levelDb, analysis, DEFAULT_AUDIO_TUNING.regions));
  const wallSec = (performance.now() - started) / 1000;
  return {
    file: path.basename(file),
    backend,
    audioSec: analysis.totalSamples / analysis.sampleRate,
    wallSec,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    spans: layout.lanes.reduce((sum, lane) => sum + lane.spans.length, 0),
    regions: regions.reduce((sum, lane) => sum + lane.length, 0),
  };
}

/** Writes a stereo call of at least `minutes` from repeats of a synthetic call split into two channels. */
async function makeCall(minutes: number): Promise<string> {
  const file = path.join(FOLDER, `stereo-8k-${String(minutes)}min.wav`);
  if (existsSync(file)) {
    return file;
  }
  const call = REFERENCE_CALLS.card;
  const stereo = path.join(FOLDER, 'card-stereo.wav');
  await buildTwoChannel(call.audio, readReference(call.reference), stereo);
  const pcm = await readPcm(stereo, 8000);
  const copySec = (pcm.channels[0]?.length ?? 0) / pcm.sampleRate;
  const copies = Math.ceil((minutes * 60) / copySec);
  await writeWav(file, 8000, Array.from({ length: copies }, () => pcm.channels));
  return file;
}

function runCase(file: string, backend: DecoderBackend): Measurement {
  const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--measure', file, backend], { encoding: 'utf8' });
  if (child.status !== 0) {
    throw new Error(child.stderr);
  }
  return JSON.parse(child.stdout) as Measurement;
}

function baselineRssMb(): number {
  const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--baseline'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

async function main(): Promise<void> {
  if (process.argv[2] === '--measure') {
    const [file, backend] = process.argv.slice(3);
    console.log(JSON.stringify(await measure(file ?? '', backend === 'ffmpeg' ? 'ffmpeg' : 'js')));
    return;
  }
  if (process.argv[2] === '--baseline') {
    console.log(String(process.resourceUsage().maxRSS / 1024));
    return;
  }

  mkdirSync(FOLDER, { recursive: true });
  const files = [];
  for (const minutes of LENGTHS_MIN) {
    files.push(await makeCall(minutes));
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const ffmpegVersion = hasFfmpeg ? (execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0] ?? '') : 'ffmpeg not installed';
  console.log(`machine: ${cpu}, ${String(os.cpus().length)} cores, ${String(Math.round(os.totalmem() / 2 ** 30))} GiB; Node ${process.version}; ${ffmpegVersion}`);
  console.log(`process baseline (Node + tsx + modules): ${baselineRssMb().toFixed(0)} MB RSS`);
  console.log('| file | decoder | audio | wall | × real time | peak RSS | speech spans | regions |');
  console.log('|---|---|---|---|---|---|---|---|');
  const backends: DecoderBackend[] = hasFfmpeg ? ['ffmpeg', 'js'] : ['js'];
  for (const backend of backends) {
    for (const file of files) {
      const result = runCase(file, backend);
      const speed = result.audioSec / result.wallSec;
      console.log(
        `| ${result.file} | ${backend} | ${(result.audioSec / 60).toFixed(1)} min | ${result.wallSec.toFixed(1)} s | ${speed.toFixed(0)}× | ${result.maxRssMb.toFixed(0)} MB | ${String(result.spans)} | ${String(result.regions)} |`,
      );
    }
  }
}

await main();
