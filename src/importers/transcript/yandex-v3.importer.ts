import { removeChannelEchoes } from './echo-removal.ts';
import { noSpeechWarning } from './import-messages.ts';
import type { JsonImporter } from './import-types.ts';
import { asArray, asRecord, labelOf, numberOf, records, stringOf, type JsonRecord } from './json-access.ts';
import type { SourceSegment } from './speaker-attribution.ts';
import { secondsFromMs } from './time-values.ts';
import { buildTimedTurns } from './timed-turns.ts';
import { echoWarning } from './yandex-v2.importer.ts';

const EVENT_KEYS = ['final', 'finalRefinement', 'partial', 'eouUpdate', 'statusCode', 'classifierUpdate', 'speakerAnalysis', 'conversationAnalysis'];

/**
 * Reads Yandex SpeechKit v3 recognition results: an NDJSON stream of `{ "result": {...} }` objects as
 * `getRecognition` returns them, or a JSON array of the same objects (with or without the `result`
 * wrapper). Each `final` is one phrase of one channel; its `finalRefinement` (same `channelTag` and
 * final index) replaces the text with the normalized one. Partial results are skipped.
 */
export const yandexV3Importer: JsonImporter = {
  format: 'yandex-v3',
  input: 'json',
  matches(value) {
    const messages = Array.isArray(value) ? asArray(value) : [value];
    return messages.length > 0 && messages.slice(0, 5).every((message) => {
      const event = unwrap(message);
      return event !== null && EVENT_KEYS.some((key) => key in event);
    });
  },
  read(value, context) {
    const messages = (Array.isArray(value) ? asArray(value) : [value]).map(unwrap).filter((event) => event !== null);
    const externalId = sessionId(messages);
    const phrases = collectPhrases(messages);
    if (phrases.length === 0) {
      return { ok: true, calls: [{ externalId, turns: [], roles: { method: 'channel', confidence: null }, warnings: [noSpeechWarning(context.fileName)] }], warnings: [] };
    }
    const { segments, removed } = removeChannelEchoes(phrases);
    const built = buildTimedTurns(segments, { roleBy: 'channel', managerChannel: context.managerChannel, durationSec: null, fileName: context.fileName });
    const warnings = removed > 0 ? [echoWarning(context.fileName, removed)] : [];
    return { ok: true, calls: [{ externalId, turns: built.turns, roles: built.roles, warnings: [...warnings, ...built.warnings] }], warnings: [] };
  },
};

function unwrap(message: unknown): JsonRecord | null {
  const record = asRecord(message);
  return asRecord(record?.result) ?? record;
}

function collectPhrases(events: readonly JsonRecord[]): SourceSegment[] {
  const phrases = new Map<string, SourceSegment>();
  for (const event of events) {
    const cursors = asRecord(event.audioCursors);
    const final = asRecord(event.final);
    if (final !== null) {
      const channelTag = labelOf(final.channelTag) ?? labelOf(event.channelTag) ?? '0';
      const segment = alternativeSegment(records(final.alternatives)[0], channelTag);
      if (segment !== null) {
        phrases.set(`${channelTag}/${labelOf(cursors?.finalIndex) ?? phrases.size}`, segment);
      }
      continue;
    }
    const refinement = asRecord(event.finalRefinement);
    if (refinement !== null) {
      const normalized = asRecord(refinement.normalizedText);
      const channelTag = labelOf(normalized?.channelTag) ?? labelOf(event.channelTag) ?? '0';
      const key = `${channelTag}/${labelOf(refinement.finalIndex) ?? ''}`;
      const segment = alternativeSegment(records(normalized?.alternatives)[0], channelTag);
      if (segment !== null && phrases.has(key)) {
        phrases.set(key, segment);
      }
    }
  }
  return [...phrases.values()];
}

function alternativeSegment(alternative: JsonRecord | undefined, channelTag: string): SourceSegment | null {
  const text = stringOf(alternative?.text)?.trim() ?? '';
  if (alternative === undefined || text === '') {
    return null;
  }
  const words = records(alternative.words).map((word) => ({
    text: stringOf(word.text) ?? '',
    startSec: secondsFromMs(word.startTimeMs),
    endSec: secondsFromMs(word.endTimeMs),
    confidence: null,
    speaker: null,
  }));
  const confidence = numberOf(alternative.confidence);
  return {
    text,
    // The phrase's own bounds cover the pauses around it, so the words give its speech more exactly.
    startSec: words[0]?.startSec ?? secondsFromMs(alternative.startTimeMs),
    endSec: words.at(-1)?.endSec ?? secondsFromMs(alternative.endTimeMs),
    speaker: channelTag,
    channel: numberOf(channelTag),
    // v3 writes confidence 0 when it does not estimate it.
    confidence: confidence === 0 ? null : confidence,
    words,
    flags: [],
  };
}

function sessionId(events: readonly JsonRecord[]): string | null {
  for (const event of events) {
    const uuid = stringOf(asRecord(event.sessionUuid)?.uuid);
    if (uuid !== null) {
      return uuid;
    }
  }
  return null;
}
