import { stat } from 'node:fs/promises';

import { parseFile } from 'music-metadata';

import { decodeWithFfmpeg } from './ffmpeg-decoder.ts';
import { DEFAULT_FFMPEG_PATHS, isFfmpegAvailable, probeWithFfprobe, type FfmpegPaths } from './ffmpeg-tools.ts';
import { decodeWithJs, sniffJsContainer, type JsContainer } from './js-decoder.ts';
import type { DecodeDiagnostics, PcmBlocks, PcmLayout } from './pcm-blocks.ts';
import { needsExplicitRawFormat, rawFormatForExtension, rawFrameBytes, type RawFormat } from './raw-format.ts';
import { reasonOf, recordingError, type RecordingError } from './recording-error.ts';
import { readWavDeclaredDurationSec } from './wav-header.ts';

export type DecoderChoice = 'auto' | 'ffmpeg' | 'js';
export type DecoderBackend = 'ffmpeg' | 'js';

/** Facts about a recording read from its container, before decoding. */
export interface AudioFileInfo {
  /** Container or raw encoding, e.g. `wav`, `mp3`, `ogg`, `raw alaw`. */
  container: string;
  sampleRate: number;
  channels: number;
  /** Duration the container declares, or null when it declares none. */
  containerDurationSec: number | null;
}

/** An opened recording: what it is and how to decode it, as many times as needed. */
export interface AudioSource {
  filePath: string;
  backend: DecoderBackend;
  info: AudioFileInfo;
  /** Rate and channels of the decoded blocks. */
  layout: PcmLayout;
  decode(diagnostics: DecodeDiagnostics): PcmBlocks;
}

export interface OpenAudioOptions {
  rawFormat: RawFormat | null;
  decoder: DecoderChoice;
  /** Rate of the decoded blocks; by default 16 kHz for sources of 16 kHz and more, else 8 kHz. */
  sampleRate?: 8000 | 16000;
  ffmpegPaths?: FfmpegPaths;
}

export type OpenAudioResult = { ok: true; source: AudioSource } | { ok: false; error: RecordingError };

/**
 * Checks that a file is readable audio and prepares its decoding: ffmpeg when it is installed (or
 * asked for), the JS/WASM decoders otherwise. Nothing is decoded yet.
 */
export async function openAudioSource(filePath: string, options: OpenAudioOptions): Promise<OpenAudioResult> {
  const fileProblem = await checkFile(filePath);
  if (fileProblem !== null) {
    return { ok: false, error: fileProblem };
  }
  const rawFormat = options.rawFormat ?? rawFormatForExtension(filePath);
  if (rawFormat === null && needsExplicitRawFormat(filePath)) {
    return {
      ok: false,
      error: recordingError('raw_format_required', filePath, `Файл «${filePath}» — аудио без заголовка: укажите его формат (rawFormat), например s16:16000:1 или alaw:8000:1.`),
    };
  }
  const ffmpegPaths = options.ffmpegPaths ?? DEFAULT_FFMPEG_PATHS;
  const backend = await chooseBackend(options.decoder, ffmpegPaths);
  if (backend === null) {
    return { ok: false, error: recordingError('decode_failed', filePath, `Не удалось обработать «${filePath}»: ffmpeg не установлен. Установите пакет ffmpeg или выберите встроенный декодер.`) };
  }

  const probed = backend === 'ffmpeg' ? await probeWithFfmpeg(filePath, rawFormat, ffmpegPaths) : await probeForJs(filePath, rawFormat);
  if (!probed.ok) {
    return probed;
  }
  const { info, jsContainer } = probed;
  const layout: PcmLayout = {
    sampleRate: options.sampleRate ?? (info.sampleRate >= 16000 ? 16000 : 8000),
    channelCount: info.channels === 1 || info.channels > 2 ? 1 : 2,
  };
  const decode = (diagnostics: DecodeDiagnostics): PcmBlocks =>
    backend === 'ffmpeg' || jsContainer === null
      ? decodeWithFfmpeg(filePath, rawFormat, layout, diagnostics, ffmpegPaths)
      : decodeWithJs(filePath, jsContainer, rawFormat, layout);
  return { ok: true, source: { filePath, backend, info, layout, decode } };
}

async function checkFile(filePath: string): Promise<RecordingError | null> {
  let info;
  try {
    info = await stat(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? recordingError('file_not_found', filePath, `Файл «${filePath}» не найден.`)
      : recordingError('read_failed', filePath, `Не удалось прочитать файл «${filePath}»: ${reasonOf(error)}.`);
  }
  if (!info.isFile()) {
    return recordingError('not_a_file', filePath, `«${filePath}» — не файл; укажите файл записи.`);
  }
  if (info.size === 0) {
    return recordingError('empty_file', filePath, `Файл «${filePath}» пуст (0 байт): записи в нём нет.`);
  }
  return null;
}

async function chooseBackend(choice: DecoderChoice, paths: FfmpegPaths): Promise<DecoderBackend | null> {
  if (choice === 'js') {
    return 'js';
  }
  const available = await isFfmpegAvailable(paths);
  if (choice === 'ffmpeg') {
    return available ? 'ffmpeg' : null;
  }
  return available ? 'ffmpeg' : 'js';
}

type ProbeOutcome = { ok: true; info: AudioFileInfo; jsContainer: JsContainer | null } | { ok: false; error: RecordingError };

async function probeWithFfmpeg(filePath: string, rawFormat: RawFormat | null, paths: FfmpegPaths): Promise<ProbeOutcome> {
  let probed;
  try {
    probed = await probeWithFfprobe(filePath, rawFormat, paths);
  } catch (error) {
    return { ok: false, error: notAudio(filePath, reasonOf(error)) };
  }
  if (probed === null) {
    return { ok: false, error: recordingError('no_audio_stream', filePath, `В файле «${filePath}» нет звуковой дорожки.`) };
  }
  const info: AudioFileInfo = {
    container: rawFormat === null ? probed.formatName : `raw ${rawFormat.encoding}`,
    sampleRate: probed.sampleRate,
    channels: probed.channels,
    containerDurationSec: (await wavDeclaredDuration(filePath, rawFormat)) ?? probed.durationSec,
  };
  return { ok: true, info, jsContainer: null };
}

async function probeForJs(filePath: string, rawFormat: RawFormat | null): Promise<ProbeOutcome> {
  if (rawFormat !== null) {
    const { size } = await stat(filePath);
    const info: AudioFileInfo = {
      container: `raw ${rawFormat.encoding}`,
      sampleRate: rawFormat.sampleRate,
      channels: rawFormat.channels,
      containerDurationSec: size / rawFrameBytes(rawFormat) / rawFormat.sampleRate,
    };
    return { ok: true, info, jsContainer: 'wav' };
  }
  const jsContainer = await sniffJsContainer(filePath);
  if (jsContainer === null) {
    return { ok: false, error: notAudio(filePath, 'формат не распознан') };
  }
  let format;
  try {
    ({ format } = await parseFile(filePath, { duration: true, skipCovers: true }));
  } catch {
    // The container is damaged; decoding will tell how much of it is usable.
    format = null;
  }
  const info: AudioFileInfo = {
    container: jsContainer,
    sampleRate: format?.sampleRate ?? 0,
    // NOTE: music-metadata 11 reports 2 channels for some mono m4a files. That is harmless, because a
    // duplicated channel is later found identical and treated as mono. So an unknown count is taken as 2.
    channels: format?.numberOfChannels ?? 2,
    containerDurationSec: (await wavDeclaredDuration(filePath, null)) ?? positiveOrNull(format?.duration),
  };
  return { ok: true, info, jsContainer };
}

async function wavDeclaredDuration(filePath: string, rawFormat: RawFormat | null): Promise<number | null> {
  return rawFormat === null ? readWavDeclaredDurationSec(filePath) : null;
}

function notAudio(filePath: string, reason: string): RecordingError {
  return recordingError('unsupported_format', filePath, `Файл «${filePath}» не распознан как аудиозапись (${reason}). Поддерживаются wav, mp3, ogg, opus, flac, m4a, aac и raw A-law/µ-law/s16.`);
}

function positiveOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}
