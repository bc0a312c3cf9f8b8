import type { CallView, CallWord, TurnView } from './call-view.ts';
import { cachedPatterns } from './lexicon-cache.ts';
import { CLAUSE_OPENERS, QUESTION_PHRASES, QUESTION_WORDS, STRONG_QUESTION_WORDS } from './lexicon/questions.lexicon.ts';
import { findAllPhrase } from './phrase-pattern.ts';

/** A question found in a turn: the words from the question cue to the end of its clause. */
export interface QuestionSpan {
  turn: TurnView;
  /** Word positions within the turn. */
  first: number;
  last: number;
  /** The question word that opened it («сколько»), or null for a request such as «подскажите». */
  questionWord: string | null;
}

// A question clause is taken to run this many words past its cue, or to the end of the turn.
const CLAUSE_WORDS = 10;

// «как бы», «так как», «как раз», «что-то» are not questions.
const NOT_QUESTION_AFTER: Readonly<Record<string, ReadonlySet<string>>> = {
  как: new Set(['бы', 'раз', 'будто', 'только', 'минимум', 'максимум', 'обычно', 'правило', 'всегда', 'и']),
  что: new Set(['бы', 'ли']),
  когда: new Set(['как']),
};

/**
 * Finds the questions of a turn. ASR text has no «?», so a question is told by a question word
 * opening a clause («а сколько это стоит»), a word that is a question anywhere («почему», «ли»), or a
 * request phrase («подскажите», «а можно», «вы можете»).
 */
export function findQuestions(view: CallView, turn: TurnView): QuestionSpan[] {
  const words = turn.words;
  const starts: { position: number; questionWord: string | null }[] = [];

  for (let position = 0; position < words.length; position++) {
    const word = words[position];
    if (word === undefined || !QUESTION_WORDS.has(word.norm)) {
      continue;
    }
    const next = words[position + 1];
    if (next !== undefined && NOT_QUESTION_AFTER[word.norm]?.has(next.norm) === true) {
      continue;
    }
    if (STRONG_QUESTION_WORDS.has(word.norm) || opensClause(words, position)) {
      starts.push({ position, questionWord: word.norm });
    }
  }
  for (const pattern of cachedPatterns(view.morphology, QUESTION_PHRASES)) {
    for (const match of findAllPhrase(pattern, words)) {
      starts.push({ position: match.first, questionWord: null });
    }
  }

  starts.sort((a, b) => a.position - b.position);
  const spans: QuestionSpan[] = [];
  for (const start of starts) {
    const previous = spans.at(-1);
    if (previous !== undefined && start.position <= previous.last) {
      previous.questionWord ??= start.questionWord;
      continue;
    }
    const last = Math.min(words.length - 1, start.position + CLAUSE_WORDS);
    spans.push({ turn, first: start.position, last, questionWord: start.questionWord });
  }
  return spans;
}

function opensClause(words: readonly CallWord[], position: number): boolean {
  if (position === 0) {
    return true;
  }
  const previous = words[position - 1];
  return previous !== undefined && CLAUSE_OPENERS.has(previous.norm);
}

/** The words of a question span, for the detectors that look at what it asks. */
export function spanWords(span: QuestionSpan): CallWord[] {
  return span.turn.words.slice(span.first, span.last + 1);
}
