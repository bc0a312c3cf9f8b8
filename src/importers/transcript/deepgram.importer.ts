import type { SourceWarning } from '../../core/model/transcript.ts';
import { noSpeechWarning, warning } from './import-messages.ts';
import type { CallDraft, ImportContext, JsonImporter } from './import-types.ts';
import { asArray, asRecord, labelOf, numberOf, records, stringOf, type JsonRecord } from './json-access.ts';
import type { SourceSegment, SourceWord } from './speaker-attribution.ts';
import { buildTimedTurns } from './timed-turns.ts';
import { segmentsFromWords } from './word-grouping.ts';

/**
 * Reads Deepgram JSON: a pre-recorded response (`results.channels[]`, optional `results.utterances`,
 * words with or without `speaker`, one channel or several) or streaming `Results` messages (one
 * object, an array or NDJSON). With utterances each one is a turn; otherwise each channel's words are
 * grouped by speaker and pauses. Several channels give roles by channel.
 */
export const deepgramImporter: JsonImporter = {
  format: 'deepgram',
  input: 'json',
  matches(value) {
    const document = asRecord(value);
    if (document !== null) {
      const results = asRecord(document.results);
      return Array.isArray(results?.channels) || Array.isArray(results?.utterances) || isStreamingResult(document);
    }
    const messages = records(value);
    return messages.length > 0 && messages.every(isStreamingResult);
  },
  read(value, context) {
    const document = asRecord(value);
    const call = document !== null && !isStreamingResult(document) ? readPrerecorded(document, context) : readStreaming(asArray(Array.isArray(value) ? value : [value]), context);
    return { ok: true, calls: [call], warnings: [] };
  },
};

function isStreamingResult(message: JsonRecord): boolean {
  return Array.isArray(asRecord(message.channel)?.alternatives) && (message.type === 'Results' || Array.isArray(message.channel_index));
}

function readPrerecorded(document: JsonRecord, context: ImportContext): CallDraft {
  const metadata = asRecord(document.metadata);
  const results = asRecord(document.results);
  const channels = records(results?.channels);
  const utterances = records(results?.utterances);
  const warnings: SourceWarning[] = [];

  const segments: SourceSegment[] =
    utterances.length > 0
      ? utterances.map(utteranceSegment)
      : channels.flatMap((channel, index) => channelSegments(asRecord(records(channel.alternatives)[0]), index, warnings, context.fileName));
  const channelCount = Math.max(numberOf(metadata?.channels) ?? 0, channels.length);
  return draft(segments, channelCount, numberOf(metadata?.duration), stringOf(metadata?.request_id), warnings, context);
}

function readStreaming(messages: readonly unknown[], context: ImportContext): CallDraft {
  const warnings: SourceWarning[] = [];
  let channelCount = 0;
  let requestId: string | null = null;
  const segments = records(messages)
    .filter((message) => message.is_final !== false)
    .flatMap((message) => {
      const [channel, count] = asArray(message.channel_index).map(numberOf);
      channelCount = Math.max(channelCount, count ?? 0);
      requestId ??= stringOf(asRecord(message.metadata)?.request_id);
      const alternative = asRecord(records(asRecord(message.channel)?.alternatives)[0]);
      return channelSegments(alternative, channel ?? 0, warnings, context.fileName);
    });
  return draft(segments, channelCount, null, requestId, warnings, context);
}

function draft(segments: SourceSegment[], channelCount: number, durationSec: number | null, externalId: string | null, warnings: SourceWarning[], context: ImportContext): CallDraft {
  if (segments.length === 0) {
    return { externalId, turns: [], roles: { method: 'content', confidence: null }, warnings: [noSpeechWarning(context.fileName)], call: { durationSec } };
  }
  const built = buildTimedTurns(segments, { roleBy: 'channel', managerChannel: context.managerChannel, durationSec, channelCount, fileName: context.fileName });
  return { externalId, turns: built.turns, roles: built.roles, warnings: [...warnings, ...built.warnings], call: { durationSec } };
}

function utteranceSegment(utterance: JsonRecord): SourceSegment {
  return {
    text: stringOf(utterance.transcript) ?? '',
    startSec: numberOf(utterance.start),
    endSec: numberOf(utterance.end),
    speaker: labelOf(utterance.speaker),
    channel: numberOf(utterance.channel),
    confidence: numberOf(utterance.confidence),
    words: deepgramWords(utterance.words),
    flags: [],
  };
}

function channelSegments(alternative: JsonRecord | null, channel: number, warnings: SourceWarning[], fileName: string): SourceSegment[] {
  const words = deepgramWords(alternative?.words);
  if (words.length > 0) {
    return segmentsFromWords(words, channel);
  }
  const transcript = stringOf(alternative?.transcript)?.trim() ?? '';
  if (transcript === '') {
    return [];
  }
  warnings.push(warning('TEXT_WITHOUT_WORDS', `Файл «${fileName}»: у канала ${channel} есть текст, но нет слов с временем; он прочитан одной репликой без времени.`));
  return [{ text: transcript, startSec: null, endSec: null, speaker: null, channel, confidence: numberOf(alternative?.confidence), words: [], flags: [] }];
}

function deepgramWords(value: unknown): SourceWord[] {
  return records(value).map((word) => ({
    // `punctuated_word` (smart_format, punctuate) is the word as it should be quoted.
    text: stringOf(word.punctuated_word) ?? stringOf(word.word) ?? '',
    startSec: numberOf(word.start),
    endSec: numberOf(word.end),
    confidence: numberOf(word.confidence),
    speaker: labelOf(word.speaker),
  }));
}
