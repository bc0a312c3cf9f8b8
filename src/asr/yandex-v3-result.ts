import { millisecondsToSeconds } from './recognized-segments.ts';
import type { RecognizedSegment, RecognizedWord } from './speech-recognizer.ts';
import { alignWordsToText } from './word-alignment.ts';

interface Alternative {
  text?: string;
  startTimeMs?: string | number;
  endTimeMs?: string | number;
  words?: { text?: string; startTimeMs?: string | number; endTimeMs?: string | number }[];
}

interface AlternativeUpdate {
  alternatives?: Alternative[];
  channelTag?: string;
}

interface StreamingResponse {
  audioCursors?: { finalIndex?: string | number };
  final?: AlternativeUpdate;
  finalRefinement?: { finalIndex?: string | number; normalizedText?: AlternativeUpdate };
  channelTag?: string;
}

export type ParsedRecognition = { ok: true; segments: RecognizedSegment[] } | { ok: false; line: number; problem: string };

/**
 * Reads a SpeechKit v3 `getRecognition` answer: one JSON object per line, each `{ result: StreamingResponse }`.
 * Every `final` is an utterance with spoken words; its `finalRefinement` (same channel and `finalIndex`), sent
 * when normalisation is on, has the text with digits. The segment takes the normalised text and words rebuilt
 * to match it, timed by the spoken words. Partial results, EOU updates and statistics are skipped.
 */
export function parseYandexRecognition(body: string): ParsedRecognition {
  const finals = new Map<string, Alternative>();
  const refinements = new Map<string, Alternative>();
  const order: string[] = [];

  const lines = body.split('\n');
  for (const [position, line] of lines.entries()) {
    if (line.trim() === '') {
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { ok: false, line: position + 1, problem: 'строка не является JSON' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { ok: false, line: position + 1, problem: 'строка не является JSON-объектом' };
    }
    // The REST gateway wraps each StreamingResponse in `result`; the gRPC JSON form has none.
    const response = ('result' in parsed ? parsed.result : parsed) as StreamingResponse;
    const channel = response.channelTag ?? response.final?.channelTag ?? '0';
    if (response.final?.alternatives?.[0] !== undefined) {
      const key = `${channel}#${String(response.audioCursors?.finalIndex ?? order.length)}`;
      finals.set(key, response.final.alternatives[0]);
      order.push(key);
    }
    const refined = response.finalRefinement?.normalizedText?.alternatives?.[0];
    if (refined !== undefined) {
      refinements.set(`${channel}#${String(response.finalRefinement?.finalIndex ?? '')}`, refined);
    }
  }

  const segments = order.flatMap((key) => {
    const spoken = finals.get(key);
    return spoken === undefined ? [] : [toSegment(spoken, refinements.get(key), key.split('#')[0] ?? '0')];
  });
  return { ok: true, segments };
}

function toSegment(spoken: Alternative, refined: Alternative | undefined, channel: string): RecognizedSegment {
  const words: RecognizedWord[] = (spoken.words ?? []).map((word) => ({
    text: word.text ?? '',
    startSec: millisecondsToSeconds(word.startTimeMs),
    endSec: millisecondsToSeconds(word.endTimeMs),
    // SpeechKit v3 documents `confidence` as not used (it is always 0), so there is none to keep.
    confidence: null,
  }));
  const text = refined?.text ?? spoken.text ?? '';
  const startSec = millisecondsToSeconds(spoken.startTimeMs) ?? words[0]?.startSec ?? 0;
  const endSec = millisecondsToSeconds(spoken.endTimeMs) ?? words.at(-1)?.endSec ?? startSec;
  return {
    startSec,
    endSec,
    text,
    confidence: null,
    words: refined === undefined ? words : alignWordsToText(text, words),
    speaker: channel === '0' ? null : `channel ${channel}`,
  };
}
