import { noSpeechWarning } from './import-messages.ts';
import type { JsonImporter } from './import-types.ts';
import { asRecord, labelOf, numberOf, records, sampleRecords, stringOf, type JsonRecord } from './json-access.ts';
import type { SourceSegment } from './speaker-attribution.ts';
import { secondsFrom } from './time-values.ts';
import { buildTimedTurns } from './timed-turns.ts';

/**
 * Reads the result file of SaluteSpeech asynchronous recognition (`/data:download`): an array of
 * utterances, each with `results` (hypotheses: `text`, `normalized_text`, `start`, `end`,
 * `word_alignments`), `channel`, `speaker_info.speaker_id` (−1 when speakers were not separated) and
 * `processed_audio_start`/`_end`. The normalized text (digits, punctuation) is the turn text.
 */
export const saluteSpeechImporter: JsonImporter = {
  format: 'salute-speech',
  input: 'json',
  matches(value) {
    const utterances = sampleRecords(value);
    return utterances.length > 0 && utterances.every((utterance) => {
      const hypotheses = records(utterance.results);
      const shaped = 'processed_audio_start' in utterance || 'speaker_info' in utterance || 'eou' in utterance;
      return shaped && hypotheses.every((hypothesis) => 'normalized_text' in hypothesis || 'word_alignments' in hypothesis);
    });
  },
  read(value, context) {
    const segments = sampleRecords(value, Number.MAX_SAFE_INTEGER).map(utteranceSegment).filter((segment) => segment !== null);
    if (segments.length === 0) {
      return { ok: true, calls: [{ externalId: null, turns: [], roles: { method: 'content', confidence: null }, warnings: [noSpeechWarning(context.fileName)] }], warnings: [] };
    }
    const built = buildTimedTurns(segments, { roleBy: 'channel', managerChannel: context.managerChannel, durationSec: null, fileName: context.fileName });
    return { ok: true, calls: [{ externalId: null, turns: built.turns, roles: built.roles, warnings: built.warnings }], warnings: [] };
  },
};

function utteranceSegment(utterance: JsonRecord): SourceSegment | null {
  const hypothesis = records(utterance.results)[0];
  const text = (stringOf(hypothesis?.normalized_text) ?? stringOf(hypothesis?.text) ?? '').trim();
  if (hypothesis === undefined || text === '') {
    return null;
  }
  const windowStart = secondsFrom(utterance.processed_audio_start);
  const start = secondsFrom(hypothesis.start);
  // NOTE: the documentation does not say whether hypothesis and word times count from the start of
  // the audio or of the utterance. Times earlier than the utterance's window are taken as relative.
  const shift = windowStart !== null && start !== null && start < windowStart ? windowStart : 0;
  const at = (value: unknown): number | null => {
    const seconds = secondsFrom(value);
    return seconds === null ? null : seconds + shift;
  };
  const speakerId = numberOf(asRecord(utterance.speaker_info)?.speaker_id);
  return {
    text,
    startSec: at(hypothesis.start) ?? windowStart,
    endSec: at(hypothesis.end) ?? secondsFrom(utterance.processed_audio_end),
    speaker: speakerId === null || speakerId < 0 ? null : `спикер ${speakerId}`,
    channel: numberOf(labelOf(utterance.channel)),
    confidence: null,
    words: records(hypothesis.word_alignments).map((word) => ({
      text: stringOf(word.word) ?? '',
      startSec: at(word.start),
      endSec: at(word.end),
      confidence: null,
      speaker: null,
    })),
    flags: [],
  };
}
