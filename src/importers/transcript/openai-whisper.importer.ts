import type { JsonImporter } from './import-types.ts';
import { asRecord, hasKey } from './json-access.ts';
import { segmentsHaveSeek } from './openai-verbose-json.importer.ts';
import { whisperCall, whisperSegments } from './whisper-segments.ts';

/** Reads the JSON the openai-whisper command line writes: `text`, `segments` with `seek`, optional `words`. */
export const openAiWhisperImporter: JsonImporter = {
  format: 'openai-whisper-json',
  input: 'json',
  matches(value) {
    const document = asRecord(value);
    return document !== null && Array.isArray(document.segments) && segmentsHaveSeek(document) && !hasKey(document, 'task');
  },
  read(value, context) {
    const document = asRecord(value) ?? {};
    return { ok: true, calls: [whisperCall(document, whisperSegments(document.segments), context)], warnings: [] };
  },
};
