import type { JsonImporter } from './import-types.ts';
import { asRecord, records } from './json-access.ts';
import { whisperCall, whisperSegments } from './whisper-segments.ts';

/**
 * Reads faster-whisper segments dumped as JSON: faster-whisper has no JSON writer of its own, so a
 * result is a list of its Segment tuples (`start`, `end`, `text`, `words`) or `{ "segments": [...] }`.
 */
export const fasterWhisperImporter: JsonImporter = {
  format: 'faster-whisper-json',
  input: 'json',
  matches(value) {
    const list = Array.isArray(value) ? records(value) : records(asRecord(value)?.segments);
    return list.length > 0 && list.every((segment) => typeof segment.text === 'string' && typeof segment.start === 'number');
  },
  read(value, context) {
    const document = asRecord(value) ?? {};
    const segments = whisperSegments(Array.isArray(value) ? value : document.segments);
    return { ok: true, calls: [whisperCall(document, segments, context)], warnings: [] };
  },
};
