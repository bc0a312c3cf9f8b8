import { spawn } from 'node:child_process';

import { DEFAULT_FFMPEG_PATHS, fileUrl, lastLine, rawInputArgs, type FfmpegPaths } from './ffmpeg-tools.ts';
import type { DecodeDiagnostics, PcmBlocks, PcmLayout } from './pcm-blocks.ts';
import type { RawFormat } from './raw-format.ts';

const MAX_STDERR_CHARS = 16 * 1024;
const BYTES_PER_SAMPLE = 4;

/**
 * Decodes the first audio stream of a file with ffmpeg, resampled to `layout.sampleRate` and mixed to
 * `layout.channelCount`, streaming 32-bit float PCM through a pipe. Closing the generator early kills
 * ffmpeg. Throws with ffmpeg's last error line when it exits with an error; messages ffmpeg printed
 * while still decoding go to `diagnostics`.
 */
export async function* decodeWithFfmpeg(
  filePath: string,
  rawFormat: RawFormat | null,
  layout: PcmLayout,
  diagnostics: DecodeDiagnostics,
  paths: FfmpegPaths = DEFAULT_FFMPEG_PATHS,
): PcmBlocks {
  const args = [
    '-nostdin', '-hide_banner', '-loglevel', 'error',
    ...rawInputArgs(rawFormat),
    '-i', fileUrl(filePath),
    '-map', '0:a:0', '-vn',
    '-ac', String(layout.channelCount),
    '-ar', String(layout.sampleRate),
    '-f', 'f32le', '-acodec', 'pcm_f32le',
    'pipe:1',
  ];
  const child = spawn(paths.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (stderr.length < MAX_STDERR_CHARS) {
      stderr += text;
    }
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      resolve(code);
    });
  });
  // Kept from becoming an unhandled rejection when the consumer stops before the end.
  exited.catch(() => undefined);

  const frameBytes = BYTES_PER_SAMPLE * layout.channelCount;
  let carry: Uint8Array = new Uint8Array(0);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      const bytes = carry.length > 0 ? concatBytes(carry, chunk) : chunk;
      const usable = bytes.length - (bytes.length % frameBytes);
      if (usable > 0) {
        yield deinterleaveFloat32(bytes.subarray(0, usable), layout.channelCount);
      }
      carry = bytes.slice(usable);
    }
    const code = await exited;
    if (code !== 0) {
      throw new Error(lastLine(stderr) ?? `ffmpeg exited with code ${String(code)}`);
    }
    diagnostics.messages.push(...stderr.split('\n').map((line) => line.trim()).filter((line) => line.length > 0));
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  }
}

function concatBytes(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}

/** Splits interleaved little-endian float samples into one array per channel (copies, so the pipe buffer can go). */
function deinterleaveFloat32(bytes: Uint8Array, channelCount: number): Float32Array[] {
  const aligned = bytes.byteOffset % BYTES_PER_SAMPLE === 0 ? bytes : bytes.slice();
  const interleaved = new Float32Array(aligned.buffer, aligned.byteOffset, aligned.length / BYTES_PER_SAMPLE);
  if (channelCount === 1) {
    return [interleaved.slice()];
  }
  const frames = interleaved.length / channelCount;
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  channels.forEach((channel, channelIndex) => {
    for (let frame = 0, source = channelIndex; frame < frames; frame++, source += channelCount) {
      channel[frame] = interleaved[source] ?? 0;
    }
  });
  return channels;
}
