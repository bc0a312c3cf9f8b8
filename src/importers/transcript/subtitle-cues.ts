import { parseText } from 'media-captions';

import type { SourceWarning } from '../../core/model/transcript.ts';
import { noSpeechWarning, warning } from './import-messages.ts';
import type { ImportContext, ImporterResult } from './import-types.ts';
import type { SourceSegment } from './speaker-attribution.ts';
import { SPEAKER_LABEL_PATTERN } from './speaker-roles.ts';
import { buildTimedTurns } from './timed-turns.ts';

// A speaker label at the start of a cue line: «Менеджер:», «SPEAKER_00:», «[SPEAKER_00]:», «[Клиент]».
// Bracketed text that is no label («[музыка]») stays part of the cue.
const LINE_LABEL = new RegExp(String.raw`^\s*(?:\[(${SPEAKER_LABEL_PATTERN})\]\s*:?|\((${SPEAKER_LABEL_PATTERN})\)\s*:?|(${SPEAKER_LABEL_PATTERN})\s*:)\s*`, 'iu');
// WebVTT voice spans: `<v Name>`, `<v.loud Name>`; a cue may hold several.
const VOICE_SPAN = /<v(?:\.[\w.-]+)?\s+([^>]+)>/giu;
const OTHER_TAGS = /<\/?[^>]*>/gu;

/** Checks whether text starts like an SRT file: an optional cue number, then a `hh:mm:ss,mmm --> …` line. */
export function looksLikeSrt(text: string): boolean {
  return /^\s*(?:\d+\s*\r?\n)?\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d/u.test(text.slice(0, 2000));
}

/** Checks for the `WEBVTT` signature that every WebVTT file starts with. */
export function looksLikeWebVtt(text: string): boolean {
  return /^\uFEFF?WEBVTT(?:[ \t].*)?(?:\r?\n|$)/u.test(text);
}

/**
 * Reads SRT or WebVTT cues into turns. Speakers come from `<v Name>` spans or from a label at the start
 * of a cue line; cues without one keep role `unknown` and speaker null. When cue times restart from
 * zero (subtitles of consecutive chunks pasted together), the chunk's offset is added.
 */
export async function readSubtitles(text: string, type: 'srt' | 'vtt', context: ImportContext): Promise<ImporterResult> {
  const parsed = await parseText(text, { type, strict: false });
  const warnings: SourceWarning[] = [];
  const timingLines = text.match(/-->/gu)?.length ?? 0;
  if (parsed.cues.length < timingLines) {
    const skipped = timingLines - parsed.cues.length;
    warnings.push(warning('CUES_SKIPPED', `Файл «${context.fileName}»: ${skipped} субтитр(ов) с неверным временем пропущено.`));
  }

  let offset = 0;
  let previousStart = 0;
  let previousEnd = 0;
  const segments: SourceSegment[] = [];
  for (const cue of parsed.cues) {
    if (cue.startTime + 1 < previousStart) {
      offset += previousEnd;
    }
    previousStart = cue.startTime;
    previousEnd = cue.endTime;
    for (const part of cueParts(cue.text)) {
      segments.push({ text: part.text, startSec: cue.startTime + offset, endSec: cue.endTime + offset, speaker: part.speaker, channel: null, confidence: null, words: [], flags: [] });
    }
  }
  if (offset > 0) {
    warnings.push(warning('TIMES_RESTART', `Файл «${context.fileName}»: время субтитров начинается заново с нуля (склеенные части записи); время частей сдвинуто так, чтобы они шли подряд.`));
  }

  if (segments.length === 0) {
    return { ok: true, calls: [{ externalId: null, turns: [], roles: { method: 'content', confidence: null }, warnings: [...warnings, noSpeechWarning(context.fileName)] }], warnings: [] };
  }
  const built = buildTimedTurns(segments, { roleBy: 'label', managerChannel: context.managerChannel, durationSec: null, fileName: context.fileName });
  return { ok: true, calls: [{ externalId: null, turns: built.turns, roles: built.roles, warnings: [...warnings, ...built.warnings] }], warnings: [] };
}

/** Splits a cue's text into speaker parts: one per voice span, or one per labelled line. */
function cueParts(cueText: string): { speaker: string | null; text: string }[] {
  const voices = [...cueText.matchAll(VOICE_SPAN)];
  if (voices.length > 0) {
    return voices
      .map((voice, i) => {
        const end = voices[i + 1]?.index ?? cueText.length;
        const body = cueText.slice(voice.index + voice[0].length, end);
        return { speaker: voice[1]?.trim() ?? null, text: plainText(body) };
      })
      .filter((part) => part.text !== '');
  }

  const parts: { speaker: string | null; text: string }[] = [];
  for (const line of plainText(cueText, true).split('\n')) {
    const label = LINE_LABEL.exec(line);
    const last = parts.at(-1);
    if (label !== null) {
      parts.push({ speaker: (label[1] ?? label[2] ?? label[3] ?? '').trim(), text: line.slice(label[0].length).trim() });
    } else if (last !== undefined) {
      last.text = `${last.text} ${line.trim()}`.trim();
    } else {
      parts.push({ speaker: null, text: line.trim() });
    }
  }
  return parts.filter((part) => part.text !== '');
}

function plainText(text: string, keepLines = false): string {
  const stripped = text.replace(OTHER_TAGS, '').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&nbsp;', ' ');
  return keepLines ? stripped.split('\n').map((line) => line.replace(/\s+/gu, ' ').trim()).filter(Boolean).join('\n') : stripped.replace(/\s+/gu, ' ').trim();
}
