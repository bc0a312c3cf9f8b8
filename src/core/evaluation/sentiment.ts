import type { Evidence, Sentiment } from '../model/evaluation.ts';
import type { CallWord } from './call-view.ts';
import { type DetectorInput, patternsOf } from './detector-input.ts';
import { evidenceFromStream } from './evidence.ts';
import { MILD_NEGATIVE_PHRASES, MILD_POSITIVE_PHRASES, SARCASM_WINDOW_WORDS, STRONG_NEGATIVE_PHRASES, STRONG_POSITIVE_PHRASES } from './lexicon/client-mood.lexicon.ts';
import { findAllPhrases, type PhrasePattern } from '../text/phrase-pattern.ts';

/** A mood cue in the client's words: its weight and where it is in the client's stream. */
export interface MoodCue {
  /** Negative for complaints, positive for thanks and praise. */
  weight: number;
  /** A clear complaint or warm thanks rather than a passing word. */
  strong: boolean;
  /** Positions of the cue's first and last word in the client's stream. */
  first: number;
  last: number;
}

const STRONG_NEGATIVE = -3;
const MILD_NEGATIVE = -1;
const STRONG_POSITIVE = 2;
const MILD_POSITIVE = 1;

// Each part of the call judged for the mood at its start and at its end: 40 % of the client's words, and at
// least the client's first or last turn.
const PART_SHARE = 0.4;

/** Finds every mood cue in the client's words, in order; praise followed closely by a complaint is sarcasm and dropped. */
export function clientMoodCues(input: DetectorInput): MoodCue[] {
  const words = input.view.client.words;
  const strong = cuesOf(patternsOf(input, STRONG_NEGATIVE_PHRASES), words, STRONG_NEGATIVE, true);
  const mild = cuesOf(patternsOf(input, MILD_NEGATIVE_PHRASES), words, MILD_NEGATIVE, false)
    .filter((cue) => !strong.some((other) => overlaps(cue, other)));
  const positive = [
    ...cuesOf(patternsOf(input, STRONG_POSITIVE_PHRASES), words, STRONG_POSITIVE, true),
    ...cuesOf(patternsOf(input, MILD_POSITIVE_PHRASES), words, MILD_POSITIVE, false),
  ]
    .filter((cue) => !strong.some((other) => other.first > cue.last && other.first - cue.last <= SARCASM_WINDOW_WORDS))
    .filter((cue) => !strong.some((other) => overlaps(cue, other)));
  const distinctPositive = positive.filter((cue, index) => !positive.some((other, otherIndex) => otherIndex < index && overlaps(cue, other)));
  return [...strong, ...mild, ...distinctPositive].sort((a, b) => a.first - b.first || a.last - b.last);
}

function cuesOf(patterns: readonly PhrasePattern[], words: readonly CallWord[], weight: number, strong: boolean): MoodCue[] {
  return findAllPhrases(patterns, words).map((match) => ({ weight, strong, first: match.first, last: match.last }));
}

function overlaps(a: MoodCue, b: MoodCue): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Mood of the client's words between two stream positions. */
export function moodOf(cues: readonly MoodCue[], from: number, to: number): Sentiment {
  const inside = cues.filter((cue) => cue.last >= from && cue.first < to);
  const score = inside.reduce((sum, cue) => sum + cue.weight, 0);
  if (inside.some((cue) => cue.strong && cue.weight < 0) && score < 0) {
    return 'negative';
  }
  if (score <= -2) {
    return 'negative';
  }
  return score >= STRONG_POSITIVE ? 'positive' : 'neutral';
}

/** Rates the client's mood at the start and at the end of the call; null when the client has no words. */
export function clientSentiment(input: DetectorInput, cues: readonly MoodCue[]): { sentimentStart: Sentiment | null; sentimentEnd: Sentiment | null } {
  const total = input.view.client.words.length;
  if (total === 0) {
    return { sentimentStart: null, sentimentEnd: null };
  }
  const words = input.view.client.words;
  const firstTurnEnd = words.findIndex((word) => word.turnPosition !== words[0]?.turnPosition);
  const lastTurnStart = words.findIndex((word) => word.turnPosition === words.at(-1)?.turnPosition);
  const part = Math.max(1, Math.ceil(total * PART_SHARE));
  const startEnd = Math.max(part, firstTurnEnd < 0 ? total : firstTurnEnd);
  const endStart = Math.min(total - part, lastTurnStart);
  return { sentimentStart: moodOf(cues, 0, startEnd), sentimentEnd: moodOf(cues, endStart, total) };
}

export function cueEvidence(input: DetectorInput, cue: MoodCue): Evidence {
  return evidenceFromStream(input.view, input.view.client.words, cue.first, cue.last);
}
