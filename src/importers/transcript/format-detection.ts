import { assemblyAiImporter } from './assemblyai.importer.ts';
import { channelTaggedJsonImporter } from './channel-tagged-json.importer.ts';
import { channelTaggedTextImporter } from './channel-tagged.importer.ts';
import { deepgramImporter } from './deepgram.importer.ts';
import { fasterWhisperImporter } from './faster-whisper.importer.ts';
import type { JsonImporter, TextImporter, TranscriptImporter } from './import-types.ts';
import { labeledTextImporter } from './labeled-text.importer.ts';
import { openAiVerboseJsonImporter } from './openai-verbose-json.importer.ts';
import { openAiWhisperImporter } from './openai-whisper.importer.ts';
import { saluteSpeechImporter } from './salute-speech.importer.ts';
import { srtImporter } from './srt.importer.ts';
import { tbankVoiceKitImporter } from './tbank-voicekit.importer.ts';
import type { TranscriptFormatId } from './transcript-formats.ts';
import { webVttImporter } from './webvtt.importer.ts';
import { whisperCppImporter } from './whisper-cpp.importer.ts';
import { whisperXImporter } from './whisperx.importer.ts';
import { yandexV2Importer } from './yandex-v2.importer.ts';
import { yandexV3Importer } from './yandex-v3.importer.ts';

// Detection tries importers in this order and takes the first that matches, so the most specific
// shapes come first and the loose ones (labelled text, a generic export of calls) last.
const TEXT_IMPORTERS: readonly TextImporter[] = [webVttImporter, srtImporter, channelTaggedTextImporter, labeledTextImporter];

const JSON_IMPORTERS: readonly JsonImporter[] = [
  yandexV2Importer,
  yandexV3Importer,
  deepgramImporter,
  saluteSpeechImporter,
  tbankVoiceKitImporter,
  assemblyAiImporter,
  whisperCppImporter,
  whisperXImporter,
  openAiVerboseJsonImporter,
  openAiWhisperImporter,
  fasterWhisperImporter,
  channelTaggedJsonImporter,
];

const ALL_IMPORTERS: readonly TranscriptImporter[] = [...TEXT_IMPORTERS, ...JSON_IMPORTERS];

/** Returns the importer of a format id. */
export function importerFor(format: TranscriptFormatId): TranscriptImporter {
  const importer = ALL_IMPORTERS.find((candidate) => candidate.format === format);
  if (importer === undefined) {
    throw new Error(`No importer is registered for transcript format ${format}`);
  }
  return importer;
}

/** Finds the first text importer whose format the text has, or returns null. */
export function detectTextImporter(text: string): TextImporter | null {
  return TEXT_IMPORTERS.find((importer) => importer.matches(text)) ?? null;
}

/** Finds the first JSON importer whose shape the parsed value has, or returns null. */
export function detectJsonImporter(value: unknown): JsonImporter | null {
  return JSON_IMPORTERS.find((importer) => importer.matches(value)) ?? null;
}
