import { noSpeechWarning } from './import-messages.ts';
import type { JsonImporter } from './import-types.ts';
import { asArray, asRecord, numberOf, records, stringOf, type JsonRecord } from './json-access.ts';
import type { SourceSegment } from './speaker-attribution.ts';
import { secondsFrom } from './time-values.ts';
import { buildTimedTurns } from './timed-turns.ts';

/**
 * Reads a T-Bank (Tinkoff) VoiceKit recognition response: `results[]` of phrases with `alternatives[]`
 * (`transcript`, `confidence`, `words`), `channel` (from 0) and `start_time`/`end_time` as protobuf
 * Durations ("1.500s"), in snake case or the camel case of proto3 JSON. Streaming responses
 * (`results[].recognition_result`, `is_final`) are read too, final results only.
 */
export const tbankVoiceKitImporter: JsonImporter = {
  format: 'tbank-voicekit',
  input: 'json',
  matches(value) {
    const results = responses(value).flatMap((response) => records(response.results));
    return results.length > 0 && results.every((result) => {
      const phrase = phraseOf(result);
      const alternatives = records(phrase.alternatives);
      return alternatives.length > 0 && typeof alternatives[0]?.transcript === 'string' && !('resultEndTime' in phrase);
    });
  },
  read(value, context) {
    const phrases = responses(value)
      .flatMap((response) => records(response.results))
      .filter((result) => result.is_final !== false && result.isFinal !== false)
      .map((result) => phraseSegment(phraseOf(result)))
      .filter((segment) => segment !== null);
    if (phrases.length === 0) {
      return { ok: true, calls: [{ externalId: null, turns: [], roles: { method: 'content', confidence: null }, warnings: [noSpeechWarning(context.fileName)] }], warnings: [] };
    }
    const built = buildTimedTurns(phrases, { roleBy: 'channel', managerChannel: context.managerChannel, durationSec: null, fileName: context.fileName });
    return { ok: true, calls: [{ externalId: null, turns: built.turns, roles: built.roles, warnings: built.warnings }], warnings: [] };
  },
};

function responses(value: unknown): JsonRecord[] {
  const single = asRecord(value);
  return single === null ? records(asArray(value)) : [single];
}

function phraseOf(result: JsonRecord): JsonRecord {
  return asRecord(result.recognition_result) ?? asRecord(result.recognitionResult) ?? result;
}

function phraseSegment(phrase: JsonRecord): SourceSegment | null {
  const alternative = records(phrase.alternatives)[0];
  const text = stringOf(alternative?.transcript)?.trim() ?? '';
  if (alternative === undefined || text === '') {
    return null;
  }
  return {
    text,
    startSec: secondsFrom(phrase.start_time ?? phrase.startTime),
    endSec: secondsFrom(phrase.end_time ?? phrase.endTime),
    speaker: null,
    channel: numberOf(phrase.channel) ?? 0,
    confidence: numberOf(alternative.confidence),
    words: records(alternative.words).map((word) => ({
      text: stringOf(word.word) ?? '',
      startSec: secondsFrom(word.start_time ?? word.startTime),
      endSec: secondsFrom(word.end_time ?? word.endTime),
      confidence: numberOf(word.confidence),
      speaker: null,
    })),
    flags: [],
  };
}
