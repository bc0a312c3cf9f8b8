import type { Role, Transcript, Turn } from '../model/transcript.ts';
import type { Morphology } from '../text/morphology.ts';
import { tokenize } from '../text/tokenize.ts';

export interface ManagerGuess {
  /** The speaker label judged to be the manager, or null when no speaker shows any manager cue. */
  managerSpeaker: string | null;
  /** 0..1: how far the manager's cue score is ahead of the next speaker's. */
  confidence: number;
}

// Lemma sequences a manager says and a client rarely does: introducing themselves and the company,
// offering help, asking the identification questions.
const MANAGER_CUES: readonly (readonly string[])[] = [
  ['меня', 'звать'],
  ['компания'],
  ['чем', 'мочь', 'помочь'],
  ['слушать', 'вы'],
  ['номер', 'договор'],
  ['адрес', 'подключение'],
  ['оператор'],
  ['специалист'],
];

/**
 * Finds which diarized speaker is the manager from what each one says. The first speaker is not
 * assumed to be the manager: on real calls the client often picks up or speaks first.
 */
export function inferManagerSpeaker(turns: readonly Pick<Turn, 'speaker' | 'text'>[], morphology: Morphology): ManagerGuess {
  const scores = new Map<string, number>();
  for (const turn of turns) {
    if (turn.speaker === null) {
      continue;
    }
    const lemmas = tokenize(turn.text).map((token) => morphology.analyze(token.norm).lemma);
    const score = MANAGER_CUES.filter((cue) => containsSequence(lemmas, cue)).length;
    scores.set(turn.speaker, (scores.get(turn.speaker) ?? 0) + score);
  }

  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first === undefined || first[1] === 0) {
    return { managerSpeaker: null, confidence: 0 };
  }
  const runnerUp = second?.[1] ?? 0;
  return { managerSpeaker: first[0], confidence: (first[1] - runnerUp) / first[1] };
}

/** Gives roles to unattributed turns that carry a speaker label, choosing the manager by content. */
export function assignRolesByContent(transcript: Transcript, morphology: Morphology): Transcript {
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
    return { ...turn, role };
  });
  return { ...transcript, turns, roles: { method: 'content', confidence: guess.confidence } };
}

function containsSequence(lemmas: readonly string[], sequence: readonly string[]): boolean {
  outer: for (let start = 0; start + sequence.length <= lemmas.length; start++) {
    for (let offset = 0; offset < sequence.length; offset++) {
      if (lemmas[start + offset] !== sequence[offset]) {
        continue outer;
      }
    }
    return true;
  }
  return false;
}
