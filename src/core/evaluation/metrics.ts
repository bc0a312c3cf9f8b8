import type { CallMetrics } from '../model/evaluation.ts';
import type { CallWord } from './call-view.ts';
import { turnsOf, wordCount } from './call-view.ts';
import type { DetectorInput } from './detector-input.ts';
import { interruptionPlaces } from './findings/interruption.ts';
import { silences } from './findings/long-hold.ts';
import { scriptedTurns } from './findings/scripted-speech.ts';

/** Computes the call's metrics, preferring what was measured on the signal over turn times. */
export function computeMetrics(input: DetectorInput): CallMetrics {
  const { view } = input;
  const signal = view.transcript.signal;
  const managerTurns = turnsOf(view, 'manager');
  const managerWords = wordCount(managerTurns);
  const clientWords = wordCount(turnsOf(view, 'client'));
  const managerTalkSec = signal?.talkSec.manager ?? timedTalkSec(managerTurns.map((turn) => turn.turn));

  return {
    turns: view.turns.length,
    managerWords,
    clientWords,
    managerTalkShare: talkShare(input, managerWords, clientWords),
    longestManagerMonologueSec: signal?.longestManagerMonologueSec ?? longestMonologueSec(view.manager.words, input),
    longestManagerMonologueWords: longestMonologueWords(view.manager.words),
    managerQuestions: input.managerQuestions.length,
    clientQuestions: input.clientQuestions.length,
    interruptions: interruptionPlaces(input).length,
    silenceSec: signal?.silenceSec ?? timedSilenceSec(input),
    speechRateWpm: managerTalkSec === null || managerTalkSec <= 0 ? null : round1(managerWords / (managerTalkSec / 60)),
    scriptedTurns: scriptedTurns(input).length,
  };
}

function talkShare(input: DetectorInput, managerWords: number, clientWords: number): number | null {
  const signal = input.view.transcript.signal;
  if (signal !== undefined) {
    const total = signal.talkSec.manager + signal.talkSec.client;
    return total > 0 ? round3(signal.talkSec.manager / total) : null;
  }
  const total = managerWords + clientWords;
  return total > 0 ? round3(managerWords / total) : null;
}

function timedTalkSec(turns: readonly { startSec: number | null; endSec: number | null }[]): number | null {
  let total = 0;
  for (const turn of turns) {
    if (turn.startSec === null || turn.endSec === null) {
      return null;
    }
    total += Math.max(0, turn.endSec - turn.startSec);
  }
  return turns.length === 0 ? null : total;
}

/** Words of the manager's longest stretch of speech; the client's backchannels do not break it. */
function longestMonologueWords(words: readonly CallWord[]): number {
  const bySegment = new Map<number, number>();
  for (const word of words) {
    bySegment.set(word.segment, (bySegment.get(word.segment) ?? 0) + 1);
  }
  return Math.max(0, ...bySegment.values());
}

function longestMonologueSec(words: readonly CallWord[], input: DetectorInput): number | null {
  const spans = new Map<number, { start: number; end: number }>();
  for (const word of words) {
    const turn = input.view.turns[word.turnPosition]?.turn;
    if (turn?.startSec === null || turn?.startSec === undefined || turn.endSec === null) {
      return null;
    }
    const span = spans.get(word.segment);
    spans.set(word.segment, { start: Math.min(span?.start ?? turn.startSec, turn.startSec), end: Math.max(span?.end ?? turn.endSec, turn.endSec) });
  }
  if (spans.size === 0) {
    return null;
  }
  return round1(Math.max(...[...spans.values()].map((span) => span.end - span.start)));
}

function timedSilenceSec(input: DetectorInput): number | null {
  // Silence is only measured where every turn has both ends; estimated ends would make it a guess.
  if (input.view.turns.some((turn) => turn.turn.startSec === null || turn.turn.endSec === null)) {
    return null;
  }
  return round1(silences(input).reduce((sum, gap) => sum + (gap.endSec - gap.startSec), 0));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
