import type { TextImporter } from './import-types.ts';
import { looksLikeSrt, readSubtitles } from './subtitle-cues.ts';

/** Reads SubRip (SRT) subtitles, with or without speaker labels in the cue text. */
export const srtImporter: TextImporter = {
  format: 'srt',
  input: 'text',
  matches: looksLikeSrt,
  read: (text, context) => readSubtitles(text, 'srt', context),
};
