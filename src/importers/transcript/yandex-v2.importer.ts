import { removeChannelEchoes } from './echo-removal.ts';
import { importFailure, noSpeechWarning, warning } from './import-messages.ts';
import type { ImportContext, ImporterResult, JsonImporter } from './import-types.ts';
import { asRecord, labelOf, numberOf, records, stringOf, type JsonRecord } from './json-access.ts';
import type { SourceSegment } from './speaker-attribution.ts';
import { secondsFrom } from './time-values.ts';
import { buildTimedTurns } from './timed-turns.ts';

/**
 * Reads a Yandex SpeechKit v2 `longRunningRecognize` result: the operation (`done`, `response.chunks`)
 * or its `response` alone. Each chunk is one phrase of one channel. `text` is kept as the turn text
 * (it writes numbers as digits) and the spelled-out `words` as the turn's words. v2 numbers channels
 * from 1 (`channelTag` "1", "2"), so channel = channelTag − 1.
 */
export const yandexV2Importer: JsonImporter = {
  format: 'yandex-v2',
  input: 'json',
  matches(value) {
    const operation = asRecord(value);
    const response = asRecord(operation?.response) ?? operation;
    if (response === null) {
      return false;
    }
    const type = stringOf(response['@type']) ?? '';
    return type.includes('stt.v2') || records(response.chunks).some((chunk) => Array.isArray(chunk.alternatives) && 'channelTag' in chunk);
  },
  read(value, context) {
    return readOperation(asRecord(value) ?? {}, context);
  },
};

function readOperation(operation: JsonRecord, context: ImportContext): ImporterResult {
  const failed = asRecord(operation.error);
  if (failed !== null) {
    const reason = stringOf(failed.message) ?? 'причина не указана';
    return { ok: false, error: importFailure('NO_CALLS', context.fileName, `распознавание завершилось ошибкой: ${reason}.`, 'Отправьте запись на распознавание заново.') };
  }
  if (operation.done === false) {
    return { ok: false, error: importFailure('NO_CALLS', context.fileName, 'распознавание ещё не завершено (done: false).', 'Дождитесь окончания операции и выгрузите результат снова.') };
  }

  const response = asRecord(operation.response) ?? operation;
  const externalId = stringOf(operation.id);
  // SpeechKit leaves `chunks` out entirely when it heard no speech.
  const chunks = records(response.chunks);
  if (chunks.length === 0) {
    return { ok: true, calls: [{ externalId, turns: [], roles: { method: 'channel', confidence: null }, warnings: [noSpeechWarning(context.fileName)] }], warnings: [] };
  }

  const { segments, removed } = removeChannelEchoes(chunks.map(chunkSegment));
  const built = buildTimedTurns(segments, { roleBy: 'channel', managerChannel: context.managerChannel, durationSec: null, fileName: context.fileName });
  const warnings = removed > 0 ? [echoWarning(context.fileName, removed)] : [];
  return { ok: true, calls: [{ externalId, turns: built.turns, roles: built.roles, warnings: [...warnings, ...built.warnings] }], warnings: [] };
}

function chunkSegment(chunk: JsonRecord): SourceSegment {
  const alternative = records(chunk.alternatives)[0] ?? {};
  const words = records(alternative.words).map((word) => ({
    text: stringOf(word.word) ?? '',
    startSec: secondsFrom(word.startTime),
    endSec: secondsFrom(word.endTime),
    confidence: numberOf(word.confidence),
    speaker: null,
  }));
  const tag = numberOf(labelOf(chunk.channelTag));
  return {
    text: stringOf(alternative.text) ?? '',
    startSec: words[0]?.startSec ?? null,
    endSec: words.at(-1)?.endSec ?? null,
    speaker: labelOf(chunk.channelTag),
    channel: tag === null ? null : tag - 1,
    confidence: numberOf(alternative.confidence),
    words,
    flags: [],
  };
}

export function echoWarning(fileName: string, removed: number): ReturnType<typeof warning> {
  return warning(
    'ECHO_REMOVED',
    `Файл «${fileName}»: ${removed} фраз(ы) распознаны на обоих каналах одновременно (эхо) и оставлены один раз.`,
  );
}
