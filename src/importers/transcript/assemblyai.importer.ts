import type { SourceWarning } from '../../core/model/transcript.ts';
import { importFailure, noSpeechWarning, warning } from './import-messages.ts';
import type { JsonImporter } from './import-types.ts';
import { asRecord, hasKey, labelOf, numberOf, records, stringOf, type JsonRecord } from './json-access.ts';
import type { SourceSegment, SourceWord } from './speaker-attribution.ts';
import { secondsFromMs } from './time-values.ts';
import { buildTimedTurns } from './timed-turns.ts';
import { segmentsFromWords } from './word-grouping.ts';

const TRANSCRIPT_MARKERS = ['audio_url', 'audio_duration', 'acoustic_model', 'language_model', 'speaker_labels', 'multichannel', 'status'];

/**
 * Reads an AssemblyAI transcript: `utterances[]` (speaker "A", "B"…, times in milliseconds, words) when
 * speaker labels were on, else `words[]`, else the bare `text`. With `multichannel` each utterance has a
 * `channel` numbered from 1, which gives roles by channel.
 */
export const assemblyAiImporter: JsonImporter = {
  format: 'assemblyai',
  input: 'json',
  matches(value) {
    const transcript = asRecord(value);
    return transcript !== null && TRANSCRIPT_MARKERS.some((key) => hasKey(transcript, key)) && ['utterances', 'words', 'text', 'error'].some((key) => hasKey(transcript, key));
  },
  read(value, context) {
    const transcript = asRecord(value) ?? {};
    const externalId = stringOf(transcript.id);
    const status = stringOf(transcript.status);
    if (status === 'error') {
      const reason = stringOf(transcript.error) ?? 'причина не указана';
      return { ok: false, error: importFailure('NO_CALLS', context.fileName, `расшифровка AssemblyAI завершилась ошибкой: ${reason}.`, 'Отправьте запись на распознавание заново.') };
    }
    if (status === 'queued' || status === 'processing') {
      return { ok: false, error: importFailure('NO_CALLS', context.fileName, `расшифровка AssemblyAI ещё не готова (status: ${status}).`, 'Дождитесь статуса completed и выгрузите результат снова.') };
    }

    const durationSec = numberOf(transcript.audio_duration);
    const warnings: SourceWarning[] = [];
    const segments = transcriptSegments(transcript, warnings, context.fileName);
    if (segments.length === 0) {
      return { ok: true, calls: [{ externalId, turns: [], roles: { method: 'content', confidence: null }, warnings: [noSpeechWarning(context.fileName)], call: { durationSec } }], warnings: [] };
    }
    const channelCount = numberOf(transcript.audio_channels) ?? (transcript.multichannel === true ? 2 : null);
    const built = buildTimedTurns(segments, { roleBy: 'channel', managerChannel: context.managerChannel, durationSec, channelCount, fileName: context.fileName });
    return { ok: true, calls: [{ externalId, turns: built.turns, roles: built.roles, warnings: [...warnings, ...built.warnings], call: { durationSec } }], warnings: [] };
  },
};

function transcriptSegments(transcript: JsonRecord, warnings: SourceWarning[], fileName: string): SourceSegment[] {
  const utterances = records(transcript.utterances);
  if (utterances.length > 0) {
    return utterances.map((utterance) => ({
      text: stringOf(utterance.text) ?? '',
      startSec: secondsFromMs(utterance.start),
      endSec: secondsFromMs(utterance.end),
      speaker: labelOf(utterance.speaker),
      channel: channelOf(utterance.channel),
      confidence: numberOf(utterance.confidence),
      words: assemblyWords(utterance.words),
      flags: [],
    }));
  }
  const words = assemblyWords(transcript.words);
  if (words.length > 0) {
    return segmentsFromWords(words, null);
  }
  const text = stringOf(transcript.text)?.trim() ?? '';
  if (text === '') {
    return [];
  }
  warnings.push(warning('TEXT_WITHOUT_WORDS', `Файл «${fileName}»: в расшифровке есть текст, но нет слов и реплик с временем; звонок прочитан одной репликой без времени.`));
  return [{ text, startSec: null, endSec: null, speaker: null, channel: null, confidence: numberOf(transcript.confidence), words: [], flags: [] }];
}

function assemblyWords(value: unknown): SourceWord[] {
  return records(value).map((word) => ({
    text: stringOf(word.text) ?? '',
    startSec: secondsFromMs(word.start),
    endSec: secondsFromMs(word.end),
    confidence: numberOf(word.confidence),
    speaker: labelOf(word.speaker),
  }));
}

/** AssemblyAI numbers channels from 1 ("The left and right channels are channels 1 and 2"). */
function channelOf(value: unknown): number | null {
  const channel = numberOf(value);
  return channel === null ? null : channel - 1;
}
