import type { TurnFlag } from '../../core/model/transcript.ts';
import type { JsonImporter } from './import-types.ts';
import { asRecord, hasKey, labelOf, numberOf, records, stringOf, type JsonRecord } from './json-access.ts';
import { segmentsHaveSeek } from './openai-verbose-json.importer.ts';
import type { SourceSegment, SourceWord } from './speaker-attribution.ts';
import { secondsFromMs } from './time-values.ts';
import { whisperCall, whisperSegments } from './whisper-segments.ts';

/**
 * Reads whisper.cpp JSON: the command line's `-oj`/`-ojf` output (`transcription[]` with `offsets` in
 * milliseconds, `-ojf` adding `tokens`) and the server's `verbose_json`, which has OpenAI's shape
 * without `seek`. Token `t_dtw` values are ignored: their unit is undocumented, and `offsets` carry
 * the same times in milliseconds.
 */
export const whisperCppImporter: JsonImporter = {
  format: 'whisper-cpp-json',
  input: 'json',
  matches(value) {
    const document = asRecord(value);
    if (document === null) {
      return false;
    }
    if (Array.isArray(document.transcription)) {
      return true;
    }
    const segments = records(document.segments);
    return segments.length > 0 && !segmentsHaveSeek(document) && segments.some((segment) => records(segment.words).some((word) => hasKey(word, 'probability')));
  },
  read(value, context) {
    const document = asRecord(value) ?? {};
    const segments = Array.isArray(document.transcription) ? cliSegments(document.transcription) : whisperSegments(document.segments);
    return { ok: true, calls: [whisperCall(document, segments, context)], warnings: [] };
  },
};

function cliSegments(value: unknown): SourceSegment[] {
  let turnNumber = 0;
  return records(value).map((segment) => {
    const offsets = asRecord(segment.offsets);
    // `--diarize` on stereo input writes "0" (left), "1" (right) or "?" (undecided) per segment.
    const stereoSpeaker = labelOf(segment.speaker);
    const channel = stereoSpeaker === '0' || stereoSpeaker === '1' ? Number(stereoSpeaker) : null;
    const flags: TurnFlag[] = stereoSpeaker === '?' ? ['unattributed'] : [];
    // `--tinydiarize` marks only that the speaker changes after a segment, so speakers are numbered by turn.
    const tinySpeaker = hasKey(segment, 'speaker_turn_next') ? `спикер ${(turnNumber % 2) + 1}` : null;
    if (segment.speaker_turn_next === true) {
      turnNumber++;
    }
    return {
      text: stringOf(segment.text) ?? '',
      startSec: secondsFromMs(offsets?.from),
      endSec: secondsFromMs(offsets?.to),
      speaker: channel === null ? tinySpeaker : null,
      channel,
      confidence: null,
      words: wordsFromTokens(records(segment.tokens)),
      flags,
    };
  });
}

/**
 * Joins `-ojf` tokens into words: a token that starts with a space starts a word, others (word pieces,
 * punctuation) continue it. Special tokens such as `[_BEG_]` and `[_TT_150]` are skipped.
 */
function wordsFromTokens(tokens: readonly JsonRecord[]): SourceWord[] {
  const words: SourceWord[] = [];
  const probabilities: number[][] = [];
  for (const token of tokens) {
    const text = stringOf(token.text) ?? '';
    if (text === '' || /^\[_.*\]$/u.test(text.trim())) {
      continue;
    }
    const offsets = asRecord(token.offsets);
    const startSec = secondsFromMs(offsets?.from);
    const endSec = secondsFromMs(offsets?.to);
    const probability = numberOf(token.p);
    const last = words.at(-1);
    if (last === undefined || text.startsWith(' ')) {
      words.push({ text: text.trim(), startSec, endSec, confidence: null, speaker: null });
      probabilities.push(probability === null ? [] : [probability]);
      continue;
    }
    last.text += text;
    last.endSec = endSec ?? last.endSec;
    if (probability !== null) {
      probabilities.at(-1)?.push(probability);
    }
  }
  return words.map((word, i) => {
    const values = probabilities[i] ?? [];
    return values.length === 0 ? word : { ...word, confidence: values.reduce((sum, value) => sum + value, 0) / values.length };
  });
}
