import type { SourceWarning } from '../../core/model/transcript.ts';
import { noSpeechWarning, warning } from './import-messages.ts';
import type { CallDraft, ImportContext } from './import-types.ts';
import { labelOf, numberOf, records, stringOf, type JsonRecord } from './json-access.ts';
import type { SourceSegment, SourceWord } from './speaker-attribution.ts';
import { buildTimedTurns } from './timed-turns.ts';
import { segmentsFromWords } from './word-grouping.ts';

/**
 * Reads Whisper-style segments (`start`, `end`, `text`, optional `speaker`, `words` with `word`/`text`,
 * `probability`/`score`, optional `speaker`) as they come from OpenAI, openai-whisper, whisper.cpp's
 * server, faster-whisper and WhisperX. Every field but the text may be missing.
 */
export function whisperSegments(value: unknown): SourceSegment[] {
  return records(value).map((segment) => {
    const logprob = numberOf(segment.avg_logprob);
    return {
      text: stringOf(segment.text) ?? '',
      startSec: numberOf(segment.start),
      endSec: numberOf(segment.end),
      speaker: labelOf(segment.speaker),
      channel: null,
      // exp(avg_logprob) maps Whisper's own fallback threshold (avg_logprob −1) to about 0.37.
      confidence: logprob === null ? null : Math.min(1, Math.exp(logprob)),
      words: whisperWords(segment.words),
      flags: [],
    };
  });
}

export function whisperWords(value: unknown): SourceWord[] {
  return records(value)
    .map((word) => ({
      text: stringOf(word.word) ?? stringOf(word.text) ?? '',
      startSec: numberOf(word.start),
      endSec: numberOf(word.end),
      confidence: numberOf(word.probability) ?? numberOf(word.score) ?? numberOf(word.confidence),
      speaker: labelOf(word.speaker),
    }))
    .filter((word) => word.text.trim() !== '');
}

/**
 * Builds a call from a Whisper-style result: `segments` when there are any, else top-level `words`
 * split at pauses, else the bare `text` as one untimed turn with a warning.
 */
export function whisperCall(document: JsonRecord, segments: SourceSegment[], context: ImportContext): CallDraft {
  const durationSec = numberOf(document.duration);
  const warnings: SourceWarning[] = [];
  let source = segments;

  if (source.length === 0) {
    source = wordsOrText(whisperWords(document.words), stringOf(document.text));
  }
  if (source.length === 0) {
    const text = stringOf(document.text)?.trim() ?? '';
    if (text === '') {
      return { externalId: null, turns: [], roles: { method: 'content', confidence: null }, warnings: [noSpeechWarning(context.fileName)], call: { durationSec } };
    }
    source = [{ text, startSec: null, endSec: null, speaker: null, channel: null, confidence: null, words: [], flags: [] }];
    warnings.push(
      warning(
        'TEXT_WITHOUT_SEGMENTS',
        `Файл «${context.fileName}»: в результате есть текст, но нет сегментов с временем. Звонок прочитан одной репликой без времени; роли и паузы не определить.`,
      ),
    );
  }

  const roleBy = source.some((segment) => segment.channel !== null) ? 'channel' : 'label';
  const built = buildTimedTurns(source, { roleBy, managerChannel: context.managerChannel, durationSec, fileName: context.fileName });
  return { externalId: null, turns: built.turns, roles: built.roles, warnings: [...warnings, ...built.warnings], call: { durationSec } };
}

function wordsOrText(words: SourceWord[], text: string | null): SourceSegment[] {
  if (words.length === 0) {
    return [];
  }
  const textWords = text?.split(/\s+/u).filter((word) => word !== '').length ?? 0;
  // Words that do not cover the text (a result listing only a few words) leave the full text as one turn.
  if (text !== null && words.length < textWords * 0.9) {
    return [{ text, startSec: words[0]?.startSec ?? null, endSec: words.at(-1)?.endSec ?? null, speaker: null, channel: null, confidence: null, words, flags: [] }];
  }
  return segmentsFromWords(words, null);
}
