import type { TextImporter } from './import-types.ts';
import { looksLikeWebVtt, readSubtitles } from './subtitle-cues.ts';

/** Reads WebVTT subtitles, with speakers from `<v Name>` voice spans or labels in the cue text. */
export const webVttImporter: TextImporter = {
  format: 'webvtt',
  input: 'text',
  matches: looksLikeWebVtt,
  read: (text, context) => readSubtitles(text, 'vtt', context),
};
