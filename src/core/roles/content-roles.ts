import type { Role, Transcript, Turn } from '../model/transcript.ts';
import { analyzeText } from '../text/analyze.ts';
import type { Morphology } from '../text/morphology.ts';
import { findDigitSequences } from '../text/number-compare.ts';
import { compilePhrases } from '../text/phrase-matcher.ts';
import type { PhraseMatcher } from '../text/phrase-matcher.ts';
import { findQuestionCues } from '../text/questions.ts';
import { CLIENT_CUES, MANAGER_CUES } from './role-cues.ts';
import type { RoleCue } from './role-cues.ts';

export interface ManagerGuess {
  /** The speaker label judged to be the manager, or null when no speaker shows any role cue. */
  managerSpeaker: string | null;
  /** 0..1: how far the chosen speaker's evidence is ahead of the next speaker's. */
  confidence: number;
  /** Evidence per speaker: manager cues minus client cues; the manager has the highest. */
  scores: Record<string, number>;
}

interface CompiledCues {
  manager: PhraseMatcher;
  client: PhraseMatcher;
}

const compiledCues = new WeakMap<Morphology, CompiledCues>();

function cuesFor(morphology: Morphology): CompiledCues {
  let cues = compiledCues.get(morphology);
  if (cues === undefined) {
    cues = { manager: compilePhrases(MANAGER_CUES, morphology), client: compilePhrases(CLIENT_CUES, morphology) };
    compiledCues.set(morphology, cues);
  }
  return cues;
}

/** Evidence needed for full confidence: a greeting with a name and an offer of help is about this much. */
const CONFIDENT_MARGIN = 8;
/** Dictating a number (contract, phone, address) is what the client does when identified. */
const DICTATION_WEIGHT = 0.7;
/** Asking questions is the employee's part of an identification dialogue; each counts this much. */
const QUESTION_WEIGHT = 0.3;

/**
 * Finds which diarized speaker is the manager from what each one says: introductions, offers of help,
 * identification questions and holds for the manager; addressing «девушка», describing one's own trouble
 * and dictating numbers for the client. The first speaker is not assumed to be the manager: on real
 * calls the client often picks up or speaks first.
 */
export function inferManagerSpeaker(turns: readonly Pick<Turn, 'speaker' | 'text'>[], morphology: Morphology): ManagerGuess {
  const cues = cuesFor(morphology);
  const scores = new Map<string, number>();
  for (const turn of turns) {
    if (turn.speaker === null) {
      continue;
    }
    scores.set(turn.speaker, (scores.get(turn.speaker) ?? 0) + scoreTurn(turn.text, cues, morphology));
  }

  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  const byLabel = Object.fromEntries(ranked.map(([speaker, score]) => [speaker, round(score)]));
  if (first === undefined || first[1] <= (second?.[1] ?? 0) || (first[1] <= 0 && second === undefined)) {
    return { managerSpeaker: null, confidence: 0, scores: byLabel };
  }
  const margin = first[1] - (second?.[1] ?? 0);
  return { managerSpeaker: first[0], confidence: round(Math.min(1, margin / CONFIDENT_MARGIN)), scores: byLabel };
}

function scoreTurn(text: string, cues: CompiledCues, morphology: Morphology): number {
  const tokens = analyzeText(text, morphology);
  let score = 0;
  for (const match of cues.manager.findAll(tokens)) {
    score += weightOf(MANAGER_CUES, match.phraseIndex);
  }
  for (const match of cues.client.findAll(tokens)) {
    score -= weightOf(CLIENT_CUES, match.phraseIndex);
  }
  score += QUESTION_WEIGHT * findQuestionCues(tokens).length;
  const dictated = findDigitSequences(text).filter((sequence) => sequence.digits.length >= 3).length;
  score -= DICTATION_WEIGHT * dictated;
  return score;
}

function weightOf(cues: readonly RoleCue[], index: number): number {
  return cues[index]?.weight ?? 0;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Gives roles to unattributed turns that carry a speaker label, choosing the manager by content. */
export function assignRolesByContent(transcript: Transcript, morphology: Morphology): Transcript {
  if (hasNoSpeakerInformation(transcript)) {
    return assignRolesByContent(withAlternatingSpeakers(transcript), morphology);
  }
  const pending = transcript.turns.filter((turn) => turn.role === 'unknown' && turn.speaker !== null);
  if (pending.length === 0) {
    return transcript;
  }
  const guess = inferManagerSpeaker(pending, morphology);
  if (guess.managerSpeaker === null) {
    return transcript;
  }
  const turns = transcript.turns.map((turn): Turn => {
    if (turn.role !== 'unknown' || turn.speaker === null) {
      return turn;
    }
    const role: Role = turn.speaker === guess.managerSpeaker ? 'manager' : 'client';
    return { ...turn, role, flags: turn.flags.filter((flag) => flag !== 'unattributed') };
  });
  return { ...transcript, turns, roles: { method: 'content', confidence: guess.confidence } };
}

const ALTERNATING_SPEAKERS = ['Собеседник 1', 'Собеседник 2'] as const;

function hasNoSpeakerInformation(transcript: Transcript): boolean {
  return transcript.turns.length > 1 && transcript.turns.every((turn) => turn.role === 'unknown' && turn.speaker === null);
}

/**
 * Labels the segments of a transcript that names no speakers at all (plain ASR output of a mono
 * recording) as two speakers taking turns. It is a guess: one person's speech split over two segments
 * breaks it, so the transcript gets a warning and a reviewer can swap roles.
 */
function withAlternatingSpeakers(transcript: Transcript): Transcript {
  const turns = transcript.turns.map((turn, position): Turn => ({ ...turn, speaker: ALTERNATING_SPEAKERS[position % 2] ?? null }));
  const warning = {
    code: 'roles_guessed',
    message: 'В расшифровке не указано, кто говорит: okk считает, что реплики чередуются, и определил менеджера по содержанию. Проверьте роли в карточке звонка.',
  };
  return { ...transcript, turns, warnings: [...transcript.warnings, warning] };
}
