import { z } from 'zod';

import { durationSeconds } from './recognized-segments.ts';
import type { RecognizedSegment, RecognizedWord } from './speech-recognizer.ts';
import { alignWordsToText } from './word-alignment.ts';

const duration = z.union([z.string(), z.number()]).nullish();

const resultSchema = z.object({
  text: z.string().default(''),
  normalized_text: z.string().nullish(),
  start: duration,
  end: duration,
  word_alignments: z.array(z.object({ word: z.string(), start: duration, end: duration })).nullish(),
});

const entrySchema = z.object({
  results: z.array(resultSchema).default([]),
  eou: z.boolean().nullish(),
  channel: z.number().nullish(),
  speaker_info: z.object({ speaker_id: z.number().nullish() }).nullish(),
});

/** The result file of a SaluteSpeech async task (`data:download`): a JSON array of utterances. */
export const saluteResultSchema = z.array(entrySchema);

/**
 * Turns SaluteSpeech utterances into segments. Only end-of-utterance entries are kept: with speaker
 * separation the service adds per-speaker partial entries (`eou: false`) that repeat the same speech. The
 * segment takes `normalized_text` (digits, punctuation) with words rebuilt to match it from `word_alignments`.
 */
export function saluteSegments(entries: z.infer<typeof saluteResultSchema>): RecognizedSegment[] {
  return entries
    .filter((entry) => entry.eou !== false)
    .flatMap((entry) => entry.results.slice(0, 1).map((result) => toSegment(result, entry.speaker_info?.speaker_id ?? null)));
}

function toSegment(result: z.infer<typeof resultSchema>, speakerId: number | null): RecognizedSegment {
  const spoken: RecognizedWord[] = (result.word_alignments ?? []).map((word) => ({
    text: word.word,
    startSec: durationSeconds(word.start),
    endSec: durationSeconds(word.end),
    confidence: null,
  }));
  const text = result.normalized_text ?? result.text;
  const startSec = durationSeconds(result.start) ?? spoken[0]?.startSec ?? 0;
  return {
    startSec,
    endSec: durationSeconds(result.end) ?? spoken.at(-1)?.endSec ?? startSec,
    text,
    confidence: null,
    words: spoken.length === 0 ? [] : alignWordsToText(text, spoken),
    speaker: speakerId !== null && speakerId >= 0 ? `speaker ${speakerId}` : null,
  };
}
