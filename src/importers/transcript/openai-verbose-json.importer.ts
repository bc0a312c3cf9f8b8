import type { JsonImporter } from './import-types.ts';
import { asRecord, hasKey, records } from './json-access.ts';
import { whisperCall, whisperSegments } from './whisper-segments.ts';

/**
 * Reads OpenAI's `verbose_json` transcription (and OpenAI-compatible servers): `segments`, or only
 * `words`, or only `text` when a server returns empty segments.
 */
export const openAiVerboseJsonImporter: JsonImporter = {
  format: 'openai-verbose-json',
  input: 'json',
  matches(value) {
    const document = asRecord(value);
    if (document === null || typeof document.text !== 'string') {
      return false;
    }
    const marked = hasKey(document, 'task') || hasKey(document, 'duration') || hasKey(document, 'usage');
    return marked && (Array.isArray(document.segments) || Array.isArray(document.words) || !hasKey(document, 'segments'));
  },
  read(value, context) {
    const document = asRecord(value) ?? {};
    const call = whisperCall(document, whisperSegments(document.segments), context);
    return { ok: true, calls: [call], warnings: [] };
  },
};

/** Checks whether a result's segments have `seek`, which OpenAI and openai-whisper write and whisper.cpp does not. */
export function segmentsHaveSeek(value: unknown): boolean {
  return records(asRecord(value)?.segments).some((segment) => hasKey(segment, 'seek'));
}
