import type { JsonImporter } from './import-types.ts';
import { asRecord, hasKey, records } from './json-access.ts';
import { whisperCall, whisperSegments } from './whisper-segments.ts';

/**
 * Reads WhisperX JSON: `segments` with a `speaker` and words with `score` and `speaker`. Some words or
 * whole segments come without a speaker or without times (numerals); they are settled by the shared
 * attribution, never dropped.
 */
export const whisperXImporter: JsonImporter = {
  format: 'whisperx-json',
  input: 'json',
  matches(value) {
    const document = asRecord(value);
    const segments = records(document?.segments);
    if (document === null || segments.length === 0) {
      return false;
    }
    const diarized = segments.some((segment) => hasKey(segment, 'speaker') || records(segment.words).some((word) => hasKey(word, 'speaker')));
    const scored = segments.some((segment) => records(segment.words).some((word) => hasKey(word, 'score')));
    return hasKey(document, 'word_segments') || diarized || scored;
  },
  read(value, context) {
    const document = asRecord(value) ?? {};
    return { ok: true, calls: [whisperCall(document, whisperSegments(document.segments), context)], warnings: [] };
  },
};
