import type { Role, Transcript, Turn } from '../model/transcript.ts';
import type { AnalyzedToken } from '../text/analyze.ts';
import type { Morphology } from '../text/morphology.ts';
import { tokenize } from '../text/tokenize.ts';
import type { MatchWord } from '../text/phrase-pattern.ts';

/** A word of a turn with its lemma and its offsets in the turn's text. */
export interface CallWord extends MatchWord, AnalyzedToken {
  text: string;
  pos: string | null;
  /** True for a verb in the past tense («пришла»), where the morphology reports tense. */
  past: boolean;
  start: number;
  end: number;
  /** Position of the turn in `CallView.turns`. */
  turnPosition: number;
  /** Position of the word within its turn. */
  wordPosition: number;
  /**
   * Number of the speaker's stretch of speech: it grows when the other party says more than a few
   * words in between. Crosstalk that splits one sentence into fragments keeps one segment, so a
   * phrase like «до <клиент: тоже> свидания» is still found.
   */
  segment: number;
}

export interface TurnView {
  turn: Turn;
  /** Position of the turn in `CallView.turns`. */
  position: number;
  words: CallWord[];
  /** False for recognition garbage (loops, silence text, low confidence): never quoted. */
  quotable: boolean;
}

/** The words of one party in call order, across turns. */
export interface PartyStream {
  role: Role;
  words: CallWord[];
}

export interface CallView {
  transcript: Transcript;
  turns: TurnView[];
  manager: PartyStream;
  client: PartyStream;
  morphology: Morphology;
}

// More words than this from the other party between two fragments start a new segment.
const CROSSTALK_WORDS = 3;

const NO_GRAMMEMES: readonly string[] = [];

const UNQUOTABLE_FLAGS = new Set(['repetition_loop', 'low_confidence', 'silence_text']);

/** Tokenizes and lemmatizes every turn once, so that detectors share the work. */
export function buildCallView(transcript: Transcript, morphology: Morphology): CallView {
  const analyse = analyserOf(morphology);
  const turns = transcript.turns.map((turn, turnPosition): TurnView => {
    const quotable = !turn.flags.some((flag) => UNQUOTABLE_FLAGS.has(flag));
    const words = tokenize(turn.text).map((token, wordPosition): CallWord => {
      const analysis = analyse(token.norm);
      return {
        text: token.text,
        norm: token.norm,
        index: wordPosition,
        lemma: analysis.lemma,
        pos: analysis.pos,
        grammemes: analysis.grammemes,
        past: analysis.past,
        start: token.start,
        end: token.end,
        turnPosition,
        wordPosition,
        segment: 0,
        // Set here so that every word object keeps one shape when the phrase matcher fills the memo in.
        headsChecked: 0,
        mayStart: false,
      };
    });
    return { turn, position: turnPosition, words, quotable };
  });
  return {
    transcript,
    turns,
    manager: buildStream(turns, 'manager'),
    client: buildStream(turns, 'client'),
    morphology,
  };
}

interface WordFacts {
  lemma: string;
  pos: string | null;
  grammemes: readonly string[];
  past: boolean;
}

// Analyses of words per morphology, shared by all calls: calls repeat most of their words. The cache holds
// dictionary facts about words, no call data, so evaluation stays pure.
const analysisCache = new WeakMap<Morphology, Map<string, WordFacts>>();

function analyserOf(morphology: Morphology): (norm: string) => WordFacts {
  let analyses = analysisCache.get(morphology);
  if (analyses === undefined) {
    analyses = new Map();
    analysisCache.set(morphology, analyses);
  }
  const known = analyses;
  return (norm) => {
    let found = known.get(norm);
    if (found === undefined) {
      const analysis = morphology.analyze(norm);
      const grammemes = analysis.grammemes ?? NO_GRAMMEMES;
      found = { lemma: analysis.lemma, pos: analysis.pos, grammemes, past: grammemes.includes('past') };
      known.set(norm, found);
    }
    return found;
  };
}

function buildStream(turns: readonly TurnView[], role: Role): PartyStream {
  const words: CallWord[] = [];
  let segment = 0;
  let otherWords = 0;
  for (const view of turns) {
    if (!view.quotable) {
      continue;
    }
    if (view.turn.role !== role) {
      otherWords += view.words.length;
      continue;
    }
    if (otherWords > CROSSTALK_WORDS) {
      segment += 1;
    }
    otherWords = 0;
    for (const word of view.words) {
      word.segment = segment;
      words.push(word);
    }
  }
  return { role, words };
}

/** Turns of one role that carry words and may be used as evidence, in call order. */
export function turnsOf(view: CallView, role: Role): TurnView[] {
  return view.turns.filter((turn) => turn.turn.role === role && turn.quotable && turn.words.length > 0);
}

export function wordCount(turns: readonly TurnView[]): number {
  return turns.reduce((sum, turn) => sum + turn.words.length, 0);
}
