import path from 'node:path';

import type { SpeechRecognizer } from '../asr/speech-recognizer.ts';
import type { CallInfo, ClientInfo, Direction, ManagerInfo, SourceWarning, Transcript } from '../core/model/transcript.ts';
import type { Morphology } from '../core/text/morphology.ts';
import { guardRecognition, type SpeechActivity } from '../core/transcript/recognition-guards.ts';
import { loadMorphology } from '../text/az-morphology.ts';
import { openAudioSource, type AudioSource, type DecoderBackend, type DecoderChoice } from './audio-source.ts';
import { DEFAULT_AUDIO_TUNING, type AudioTuning } from './audio-tuning.ts';
import { callIdOfFile } from './call-id.ts';
import { checkDuration } from './duration-check.ts';
import type { FfmpegPaths } from './ffmpeg-tools.ts';
import { assembleMono, voicePieces } from './mono-assembly.ts';
import { runRecognitionPass } from './recognition-pass.ts';
import { recognitionRegions } from './recognition-regions.ts';
import { reasonOf, RecognitionError, recordingError, type RecordingError } from './recording-error.ts';
import { planLayout, type LayoutKind, type RecordingLayout } from './recording-layout.ts';
import { parseRawFormat, type RawFormat } from './raw-format.ts';
import { analyzeSignal, type SignalAnalysis } from './signal-analysis.ts';
import { computeSignalMetrics } from './signal-metrics.ts';
import { shortPauses } from './speech-spans.ts';
import { assembleStereo } from './stereo-assembly.ts';

/** Call details from the call log or the caller; every field is optional. */
export interface CallMetadata {
  externalId?: string | null;
  /** Shown as the call's source; the file path by default. */
  source?: string;
  startedAt?: string | null;
  direction?: Direction | null;
  manager?: ManagerInfo | null;
  client?: ClientInfo | null;
}

export interface TranscribeOptions {
  recognizer: SpeechRecognizer;
  /** Channel of the manager on two-channel recordings, 0 (the first, default) or 1; set per source. */
  managerChannel?: 0 | 1;
  /** Format of a headerless file, as `ENCODING:RATE[:CHANNELS]` (`alaw:8000:1`) or already parsed. */
  rawFormat?: string | RawFormat | null;
  /** Call duration from the call log (billable seconds), to flag a recording cut short. */
  expectedDurationSec?: number | null;
  call?: CallMetadata;
  /** `auto` uses ffmpeg when installed and the JS/WASM decoders otherwise. */
  decoder?: DecoderChoice;
  /** Rate of the clips given to the recogniser; by default 16 kHz for sources of 16 kHz and more, else 8 kHz. */
  sampleRate?: 8000 | 16000;
  /** Russian morphology for finding the manager by content on mono calls; loaded with Az.js when absent. */
  morphology?: Morphology;
  tuning?: Partial<AudioTuning>;
  ffmpegPaths?: FfmpegPaths;
  signal?: AbortSignal;
}

/** Facts about the decoding of a recording, for logs and the review page. */
export interface RecordingDetails {
  backend: DecoderBackend;
  container: string;
  sourceSampleRate: number;
  sourceChannels: number;
  sampleRate: number;
  layout: LayoutKind;
  identicalChannels: boolean;
  channelCorrelation: number | null;
  clips: number;
  bleedFrames: number;
  echoDuplicates: number;
  pitchGapSemitones: number | null;
}

export type TranscribeOutcome =
  | { ok: true; transcript: Transcript; speech: SpeechActivity[]; details: RecordingDetails }
  | { ok: false; error: RecordingError };

/**
 * Turns a call recording into a transcript with times: decode → split channels → voice activity →
 * recognition of speech regions only → turns with roles. Never throws for a bad file: every expected
 * failure comes back as `{ ok: false }` with a Russian message naming the file.
 */
export async function transcribeRecording(filePath: string, options: TranscribeOptions): Promise<TranscribeOutcome> {
  const settings = validateOptions(filePath, options);
  if (!settings.ok) {
    return settings;
  }
  try {
    const opened = await openAudioSource(filePath, {
      rawFormat: settings.rawFormat,
      decoder: options.decoder ?? 'auto',
      ...(options.sampleRate === undefined ? {} : { sampleRate: options.sampleRate }),
      ...(options.ffmpegPaths === undefined ? {} : { ffmpegPaths: options.ffmpegPaths }),
    });
    if (!opened.ok) {
      return opened;
    }
    return await transcribeSource(opened.source, options, settings.tuning, settings.expectedSec);
  } catch (error) {
    return { ok: false, error: failureOf(filePath, error, options.signal) };
  }
}

type ValidatedOptions = { ok: true; rawFormat: RawFormat | null; tuning: AudioTuning; expectedSec: number | null } | { ok: false; error: RecordingError };

function validateOptions(filePath: string, options: TranscribeOptions): ValidatedOptions {
  const invalid = (message: string): ValidatedOptions => ({ ok: false, error: recordingError('invalid_options', filePath, message) });
  // Checked at run time too: the value may come from a config file or a plain JavaScript caller.
  const managerChannel: unknown = options.managerChannel ?? 0;
  if (managerChannel !== 0 && managerChannel !== 1) {
    return invalid(`Канал менеджера для «${filePath}» должен быть 0 (первый) или 1 (второй), а указан ${String(managerChannel)}.`);
  }
  const expectedSec = options.expectedDurationSec ?? null;
  if (expectedSec !== null && !(Number.isFinite(expectedSec) && expectedSec >= 0)) {
    return invalid(`Длительность звонка из журнала для «${filePath}» должна быть неотрицательным числом секунд, а указано ${String(expectedSec)}.`);
  }
  let rawFormat: RawFormat | null = null;
  if (typeof options.rawFormat === 'string') {
    const parsed = parseRawFormat(options.rawFormat);
    if (!parsed.ok) {
      return invalid(`${parsed.message} Файл: «${filePath}».`);
    }
    rawFormat = parsed.format;
  } else if (options.rawFormat) {
    rawFormat = options.rawFormat;
  }
  return { ok: true, rawFormat, tuning: { ...DEFAULT_AUDIO_TUNING, ...options.tuning }, expectedSec };
}

async function transcribeSource(source: AudioSource, options: TranscribeOptions, tuning: AudioTuning, expectedSec: number | null): Promise<TranscribeOutcome> {
  const file = source.filePath;
  const callId = await callIdOfFile(file);
  const diagnostics = { messages: [] as string[] };
  const analysis = await analyzeSignal(source.decode(diagnostics), source.layout, { vadMode: tuning.vadMode, levelFloorDb: tuning.levelFloorDb });
  if (analysis.totalSamples === 0) {
    return { ok: false, error: recordingError('no_audio_decoded', file, `В файле «${file}» не нашлось ни одного декодируемого отсчёта звука: файл повреждён или пуст.`) };
  }
  const durationSec = analysis.totalSamples / analysis.sampleRate;
  const layout = planLayout(analysis, tuning, file);
  const warnings: SourceWarning[] = [
    ...sourceWarnings(source, file, diagnostics.messages),
    ...checkDuration({ file, decodedSec: durationSec, containerSec: source.info.containerDurationSec, expectedSec }),
    ...layout.warnings,
  ];
  const details = detailsOf(source, analysis, layout);
  const call = callInfoOf(callId, file, durationSec, options.call);
  const speech: SpeechActivity[] = layout.lanes.map((lane) => ({ channel: lane.channel, spans: lane.spans }));

  if (layout.lanes.every((lane) => lane.spans.length === 0)) {
    warnings.push({ code: 'no_speech', message: `В записи «${file}» нет речи: только тишина или шум. Реплик нет, звонок не оценивается.` });
    const transcript: Transcript = {
      call,
      turns: [],
      roles: { method: layout.kind === 'stereo' ? 'channel' : 'content', confidence: null },
      format: options.recognizer.name,
      warnings,
      signal: computeSignalMetrics(durationSec, [], [], tuning.metrics),
    };
    return { ok: true, transcript, speech, details };
  }

  const transcript = await recognizeLanes(source, analysis, layout, options, tuning, details);
  const guarded = guardRecognition({ ...transcript, call, format: options.recognizer.name, warnings: [...warnings, ...transcript.warnings] }, { speech });
  return { ok: true, transcript: guarded, speech, details };
}

async function recognizeLanes(
  source: AudioSource,
  analysis: SignalAnalysis,
  layout: RecordingLayout,
  options: TranscribeOptions,
  tuning: AudioTuning,
  details: RecordingDetails,
): Promise<Transcript> {
  const file = source.filePath;
  const regions = layout.lanes.map((lane) => recognitionRegions(lane.spans, lane.levelDb, analysis, tuning.regions));
  const monoLane = layout.kind === 'mono' ? layout.lanes[0] : undefined;
  const pieces = monoLane === undefined ? [] : voicePieces(monoLane.spans, regions[0] ?? [], tuning.voicePieceSec, shortPauses(monoLane.frames, analysis, tuning.parts.minPauseSec));
  const clipLanes = layout.lanes.map((lane, index) => ({ pick: lane.pick, regions: regions[index] ?? [] }));
  const pass = await runRecognitionPass(source.decode({ messages: [] }), analysis.sampleRate, clipLanes, options.recognizer, {
    diarizedLane: monoLane === undefined ? null : 0,
    voicePieces: pieces,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  details.clips = pass.clipCount;
  const warnings: SourceWarning[] = [];
  if (pass.clampedSegments > 0) {
    warnings.push({ code: 'asr_times_out_of_clip', message: `Движок распознавания «${options.recognizer.name}» вернул для «${file}» ${String(pass.clampedSegments)} фрагм. с временем вне переданного отрезка записи; время исправлено по границам отрезка.` });
  }
  const base = { call: callInfoOf('', file, null, undefined), format: options.recognizer.name };

  if (layout.kind === 'stereo') {
    const stereo = assembleStereo(pass.segments, layout.lanes, analysis, options.managerChannel ?? 0, tuning);
    details.echoDuplicates = stereo.echoDuplicates;
    return { ...base, turns: stereo.turns, roles: stereo.roles, warnings, signal: stereo.signal };
  }
  const morphology = options.morphology ?? (await loadMorphology());
  const mono = assembleMono(pass, { file, durationSec: analysis.totalSamples / analysis.sampleRate, pieces, morphology, tuning });
  details.pitchGapSemitones = mono.pitchGapSemitones;
  const transcript: Transcript = { ...base, turns: mono.turns, roles: mono.roles, warnings: [...warnings, ...mono.warnings] };
  if (mono.signal !== undefined) {
    transcript.signal = mono.signal;
  }
  return transcript;
}

function sourceWarnings(source: AudioSource, file: string, decoderMessages: readonly string[]): SourceWarning[] {
  const warnings: SourceWarning[] = [];
  if (source.info.channels > 2) {
    warnings.push({ code: 'channels_mixed', message: `В записи «${file}» ${String(source.info.channels)} каналов: они сведены в один, собеседники разделены по голосу.` });
  }
  if (decoderMessages.length > 0) {
    warnings.push({ code: 'decoder_errors', message: `При декодировании «${file}» найдены повреждённые данные (${decoderMessages[0] ?? ''}); эти места записи могут быть пропущены.` });
  }
  return warnings;
}

function detailsOf(source: AudioSource, analysis: SignalAnalysis, layout: RecordingLayout): RecordingDetails {
  return {
    backend: source.backend,
    container: source.info.container,
    sourceSampleRate: source.info.sampleRate,
    sourceChannels: source.info.channels,
    sampleRate: analysis.sampleRate,
    layout: layout.kind,
    identicalChannels: layout.identicalChannels,
    channelCorrelation: analysis.channelCorrelation,
    clips: 0,
    bleedFrames: layout.bleedFrames,
    echoDuplicates: 0,
    pitchGapSemitones: null,
  };
}

function callInfoOf(id: string, file: string, durationSec: number | null, metadata: CallMetadata | undefined): CallInfo {
  return {
    id,
    externalId: metadata?.externalId ?? null,
    source: metadata?.source ?? file,
    startedAt: metadata?.startedAt ?? null,
    durationSec: durationSec === null ? null : Math.round(durationSec * 1000) / 1000,
    direction: metadata?.direction ?? null,
    manager: metadata?.manager ?? null,
    client: metadata?.client ?? null,
  };
}

function failureOf(file: string, error: unknown, signal: AbortSignal | undefined): RecordingError {
  if (signal?.aborted === true) {
    return recordingError('cancelled', file, `Обработка «${file}» отменена.`);
  }
  if (error instanceof RecognitionError) {
    return recordingError('recognition_failed', file, `Распознавание речи в «${file}» не удалось: ${reasonOf(error.cause)}.`);
  }
  return recordingError('decode_failed', file, `Не удалось декодировать «${path.basename(file)}» (${file}): ${reasonOf(error)}.`);
}
