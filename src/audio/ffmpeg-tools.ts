import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { RawFormat } from './raw-format.ts';

const run = promisify(execFile);

/** Paths of the ffmpeg programs; the defaults are looked up on PATH (Debian's `ffmpeg` package). */
export interface FfmpegPaths {
  ffmpeg: string;
  ffprobe: string;
}

export const DEFAULT_FFMPEG_PATHS: FfmpegPaths = {
  ffmpeg: process.env.OKK_FFMPEG_PATH ?? 'ffmpeg',
  ffprobe: process.env.OKK_FFPROBE_PATH ?? 'ffprobe',
};

const availability = new Map<string, Promise<boolean>>();

/** Whether both ffmpeg and ffprobe run. The answer is cached per pair of paths for the process. */
export function isFfmpegAvailable(paths: FfmpegPaths = DEFAULT_FFMPEG_PATHS): Promise<boolean> {
  const key = `${paths.ffmpeg}\n${paths.ffprobe}`;
  let answer = availability.get(key);
  if (answer === undefined) {
    answer = Promise.all([run(paths.ffmpeg, ['-version']), run(paths.ffprobe, ['-version'])]).then(
      () => true,
      () => false,
    );
    availability.set(key, answer);
  }
  return answer;
}

/** What ffprobe reports about the first audio stream of a file. */
export interface FfprobeInfo {
  formatName: string;
  codecName: string;
  sampleRate: number;
  channels: number;
  durationSec: number | null;
}

interface FfprobeJson {
  streams?: { codec_name?: string; sample_rate?: string; channels?: number; duration?: string }[];
  format?: { format_name?: string; duration?: string };
}

/** Input options that make ffmpeg read a headerless file. */
export function rawInputArgs(format: RawFormat | null): string[] {
  if (format === null) {
    return [];
  }
  const demuxer = { alaw: 'alaw', ulaw: 'mulaw', s16le: 's16le' }[format.encoding];
  return ['-f', demuxer, '-ar', String(format.sampleRate), '-ac', String(format.channels)];
}

/**
 * Reads stream facts with ffprobe. Throws with ffprobe's own reason when the file is not audio;
 * returns null when the file has no audio stream.
 */
export async function probeWithFfprobe(filePath: string, rawFormat: RawFormat | null, paths: FfmpegPaths = DEFAULT_FFMPEG_PATHS): Promise<FfprobeInfo | null> {
  const args = [
    '-v', 'error',
    ...rawInputArgs(rawFormat),
    '-select_streams', 'a:0',
    '-show_entries', 'stream=codec_name,sample_rate,channels,duration:format=format_name,duration',
    '-of', 'json',
    fileUrl(filePath),
  ];
  let stdout: string;
  try {
    ({ stdout } = await run(paths.ffprobe, args, { maxBuffer: 1024 * 1024 }));
  } catch (error) {
    throw new Error(lastLine(stderrOf(error)) ?? 'ffprobe failed', { cause: error });
  }
  const parsed = JSON.parse(stdout) as FfprobeJson;
  const stream = parsed.streams?.[0];
  if (stream === undefined) {
    return null;
  }
  return {
    formatName: parsed.format?.format_name ?? 'unknown',
    codecName: stream.codec_name ?? 'unknown',
    sampleRate: Number(stream.sample_rate ?? 0),
    channels: stream.channels ?? 0,
    durationSec: positiveNumber(parsed.format?.duration) ?? positiveNumber(stream.duration),
  };
}

/**
 * The `file:` protocol prefix stops ffmpeg from reading a name such as `pipe:1` or `http:…` as
 * another protocol.
 */
export function fileUrl(filePath: string): string {
  return `file:${filePath}`;
}

export function lastLine(text: string): string | undefined {
  return text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0).at(-1);
}

function stderrOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'stderr' in error) {
    const { stderr } = error;
    return typeof stderr === 'string' ? stderr : '';
  }
  return '';
}

function positiveNumber(text: string | undefined): number | null {
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}
