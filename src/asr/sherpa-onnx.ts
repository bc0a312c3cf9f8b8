import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

import { AppError } from '../lib/app-error.ts';

/** The parts of `sherpa-onnx-node` the local engines use; the package ships JavaScript without types. */
export interface SherpaResult {
  text: string;
  tokens?: string[];
  timestamps?: number[];
}

interface Waveform {
  samples: Float32Array;
  sampleRate: number;
}

export interface OnlineStream {
  acceptWaveform(waveform: Waveform): void;
  inputFinished(): void;
}

export interface OnlineRecognizer {
  createStream(): OnlineStream;
  isReady(stream: OnlineStream): boolean;
  decode(stream: OnlineStream): void;
  isEndpoint(stream: OnlineStream): boolean;
  reset(stream: OnlineStream): void;
  getResult(stream: OnlineStream): SherpaResult;
}

export interface OfflineStream {
  acceptWaveform(waveform: Waveform): void;
}

export interface OfflineRecognizer {
  createStream(): OfflineStream;
  decodeAsync(stream: OfflineStream): Promise<SherpaResult>;
}

interface SherpaModule {
  OnlineRecognizer: new (config: object) => OnlineRecognizer;
  OfflineRecognizer: new (config: object) => OfflineRecognizer;
}

const require = createRequire(import.meta.url);

export function loadSherpa(): SherpaModule {
  try {
    return require('sherpa-onnx-node') as SherpaModule;
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `Не удалось загрузить sherpa-onnx-node для ${process.platform}-${process.arch}: ${(error as Error).message}. Переустановите зависимости командой «npm ci».`, { cause: error });
  }
}

// Builds the recognizer in a child process first. sherpa-onnx-node 1.13 reports a missing file as an error,
// but a corrupt or foreign ONNX file makes onnxruntime throw a C++ exception that aborts the whole process.
const PROBE_SCRIPT = [
  'const sherpa = require(process.argv[1]);',
  'new sherpa[process.argv[2]](JSON.parse(process.argv[3]));',
].join('\n');

/**
 * Checks that sherpa-onnx can build a recognizer from `config` without risking this process. Rejects with a
 * Russian message naming `modelFile` and what went wrong.
 */
export async function probeSherpaRecognizer(kind: 'OnlineRecognizer' | 'OfflineRecognizer', config: object, modelFile: string): Promise<void> {
  const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PROBE_SCRIPT, require.resolve('sherpa-onnx-node'), kind, JSON.stringify(config)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code, signal, stderr });
    });
  });
  if (outcome.code === 0) {
    return;
  }
  const reason = describeFailure(outcome.stderr);
  throw new AppError('MODEL_MISSING', `Модель ${modelFile} не загружается в sherpa-onnx: ${reason}. Файл повреждён или это модель другого типа; установите модель заново («okk models pull ИМЯ» или «okk models add ПАПКА»).`, {
    details: { exitCode: outcome.code, signal: outcome.signal },
  });
}

function describeFailure(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  const what = lines.find((line) => line.startsWith('what():'));
  const meaningful = what ?? lines.find((line) => !line.startsWith('terminate called') && !line.includes('c-api.cc')) ?? lines.at(-1);
  return meaningful === undefined ? 'процесс проверки завершился аварийно' : meaningful.replace(/^what\(\):\s*/, '');
}

/**
 * Groups sherpa-onnx CTC tokens into words. A token that is a space or starts with «▁» (SentencePiece) or a space
 * starts a new word, because sherpa-onnx 1.13 returns SentencePiece tokens with the «▁» turned into a space. A word
 * ends where the next one starts, the last one at `endSec`. Times are relative to the stream.
 */
export function wordsFromTokens(result: SherpaResult, endSec: number): { text: string; startSec: number; endSec: number }[] {
  const tokens = result.tokens ?? [];
  const times = result.timestamps ?? [];
  if (tokens.length === 0 || times.length !== tokens.length) {
    return [];
  }
  const words: { text: string; startSec: number; endSec: number }[] = [];
  let current: { text: string; startSec: number } | null = null;
  tokens.forEach((token, index) => {
    const time = times[index] ?? 0;
    const startsWord = /^[\s▁]/u.test(token) || token.trim() === '' || current === null;
    const piece = token.replace(/^[\s▁]+/u, '').trim();
    if (startsWord && current !== null && current.text !== '') {
      words.push({ ...current, endSec: time });
      current = null;
    }
    if (piece === '') {
      return;
    }
    current = current === null ? { text: piece, startSec: time } : { ...current, text: current.text + piece };
  });
  const last = current as { text: string; startSec: number } | null;
  if (last !== null && last.text !== '') {
    words.push({ ...last, endSec: Math.max(endSec, last.startSec) });
  }
  return words;
}
