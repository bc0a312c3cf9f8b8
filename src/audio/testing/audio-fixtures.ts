import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { corpusPath } from '../../../test/corpus.ts';
import { mixToMono } from '../pcm-blocks.ts';
import { readPcm, writeWav } from './pcm-files.ts';
import type { ReferenceSegment } from './reference-recognizer.ts';

/** Whether ffmpeg runs on this machine; tests of the ffmpeg path are skipped where it does not. */
export const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0 && spawnSync('ffprobe', ['-version']).status === 0;

export const OPERATOR = 'Оператор';

/** A synthetic bank call with a timed reference transcript. */
export interface ReferenceCall {
  audio: string;
  reference: string;
}

const SYNTHETIC = ['audio', 'synthetic-bank-calls-a'];

export const REFERENCE_CALLS: Record<'card' | 'mobile' | 'transfer', ReferenceCall> = {
  card: { audio: corpusPath(...SYNTHETIC, 'card-complaint-8k.wav'), reference: corpusPath(...SYNTHETIC, 'synthetic-card-complaint-telephone.reference.json') },
  mobile: { audio: corpusPath(...SYNTHETIC, 'mobile-app-security-16k.ogg'), reference: corpusPath(...SYNTHETIC, 'synthetic-mobile-app-security.reference.json') },
  transfer: { audio: corpusPath(...SYNTHETIC, 'transfer-question-16k.mp3'), reference: corpusPath(...SYNTHETIC, 'synthetic-transfer-question.reference.json') },
};

/** A temporary folder removed by the returned function. */
export function makeTempFolder(): { folder: string; remove: () => void } {
  const folder = mkdtempSync(path.join(tmpdir(), 'okk-audio-'));
  return { folder, remove: () => { rmSync(folder, { recursive: true, force: true }); } };
}

/** Runs ffmpeg quietly; throws with its error output when it fails. */
export function runFfmpeg(args: readonly string[]): void {
  execFileSync('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Builds a two-channel call from a mono one with ffmpeg: the operator's reference segments go to the
 * left channel, everything else to the right, each muted outside its party's times.
 */
export function buildTwoChannelWithFfmpeg(mono: string, segments: readonly ReferenceSegment[], output: string): void {
  const operatorTimes = segments.filter((segment) => segment.speaker === OPERATOR).map((segment) => `between(t,${String(segment.start)},${String(segment.end)})`);
  const clientTimes = segments.filter((segment) => segment.speaker !== OPERATOR).map((segment) => `between(t,${String(segment.start)},${String(segment.end)})`);
  const graph = [
    `[0:a]volume='${operatorTimes.join('+')}':eval=frame[left]`,
    `[0:a]volume='${clientTimes.join('+')}':eval=frame[right]`,
    '[left][right]join=inputs=2:channel_layout=stereo[out]',
  ].join(';');
  runFfmpeg(['-i', mono, '-filter_complex', graph, '-map', '[out]', '-c:a', 'pcm_s16le', output]);
}

/**
 * Builds the same two-channel call in JavaScript, for machines without ffmpeg. With `bleedDb`, each
 * channel also carries the other party's voice that much quieter, as echo on a phone line does.
 */
export async function buildTwoChannel(mono: string, segments: readonly ReferenceSegment[], output: string, options: { bleedDb?: number } = {}): Promise<void> {
  const pcm = await readPcm(mono, 8000);
  const signal = mixToMono(pcm.channels);
  const operator = new Float32Array(signal.length);
  const client = new Float32Array(signal.length);
  for (const segment of segments) {
    const target = segment.speaker === OPERATOR ? operator : client;
    const from = Math.round(segment.start * pcm.sampleRate);
    const to = Math.min(signal.length, Math.round(segment.end * pcm.sampleRate));
    target.set(signal.subarray(from, to), from);
  }
  const bleed = options.bleedDb === undefined ? 0 : 10 ** (options.bleedDb / 20);
  const left = operator.map((sample, index) => sample + bleed * (client[index] ?? 0));
  const right = client.map((sample, index) => sample + bleed * (operator[index] ?? 0));
  await writeWav(output, pcm.sampleRate, [[left, right]]);
}
