import type { Checklist } from '../model/checklist.ts';
import type { CriterionResult, Evidence } from '../model/evaluation.ts';
import type { CallView, CallWord, TurnView } from './call-view.ts';
import type { Completeness } from './completeness.ts';
import { evidenceFromStream, evidenceFromWords } from './evidence.ts';
import { cachedPatterns } from './lexicon-cache.ts';
import { findAllPhrases, findAnyPhrase, type PhraseMatch, type PhrasePattern } from '../text/phrase-pattern.ts';
import { findTimeExpressions, type TimeExpression } from '../text/time-expressions.ts';
import type { QuestionSpan } from './questions.ts';

/** Everything a criterion or finding detector reads: the analyzed call, the checklist and shared results. */
export interface DetectorInput {
  view: CallView;
  checklist: Checklist;
  completeness: Completeness;
  managerQuestions: QuestionSpan[];
  clientQuestions: QuestionSpan[];
  /** The same questions grouped by turn, for lookups from a turn. */
  questionsByTurn: ReadonlyMap<TurnView, readonly QuestionSpan[]>;
}

/** Groups question spans by their turn. */
export function groupQuestionsByTurn(spans: readonly QuestionSpan[]): Map<TurnView, QuestionSpan[]> {
  const byTurn = new Map<TurnView, QuestionSpan[]>();
  for (const span of spans) {
    const list = byTurn.get(span.turn);
    if (list === undefined) {
      byTurn.set(span.turn, [span]);
    } else {
      list.push(span);
    }
  }
  return byTurn;
}

export interface CriterionOutcome {
  result: CriterionResult;
  explanation: string;
  evidence: Evidence[];
}

export function patternsOf(input: DetectorInput, phrases: readonly string[], maxGap = 1): PhrasePattern[] {
  return cachedPatterns(input.view.morphology, phrases, maxGap);
}

/** A phrase found in a run of stream words, kept inside one stretch of speech (see `CallWord.segment`). */
export interface StreamMatch {
  match: PhraseMatch;
  words: readonly CallWord[];
}

/** Finds the earliest phrase match within `words`, never across two stretches of speech. */
export function findInStream(patterns: readonly PhrasePattern[], words: readonly CallWord[]): StreamMatch | null {
  let start = 0;
  while (start < words.length) {
    const segment = words[start]?.segment;
    let end = start;
    while (end < words.length && words[end]?.segment === segment) {
      end += 1;
    }
    const part = words.slice(start, end);
    const match = findAnyPhrase(patterns, part);
    if (match !== null) {
      return { match, words: part };
    }
    start = end;
  }
  return null;
}

/** Finds the last phrase match within `words`, never across two stretches of speech. */
export function findLastInStream(patterns: readonly PhrasePattern[], words: readonly CallWord[]): StreamMatch | null {
  let found: StreamMatch | null = null;
  let rest = words;
  for (;;) {
    const next = findInStream(patterns, rest);
    if (next === null) {
      return found;
    }
    found = next;
    const lastWord = next.words[next.match.last];
    const position = lastWord === undefined ? -1 : rest.indexOf(lastWord);
    if (position < 0) {
      return found;
    }
    rest = rest.slice(position + 1);
  }
}

export function streamEvidence(input: DetectorInput, found: StreamMatch): Evidence {
  return evidenceFromStream(input.view, found.words, found.match.first, found.match.last);
}

/** Finds the first turn (of the given ones) with a phrase; returns the turn and the match. */
export function findInTurns(patterns: readonly PhrasePattern[], turns: readonly TurnView[]): { turn: TurnView; match: PhraseMatch } | null {
  for (const turn of turns) {
    const match = findAnyPhrase(patterns, turn.words);
    if (match !== null) {
      return { turn, match };
    }
  }
  return null;
}

// Time expressions per turn: next step and summary both ask for the same closing turns.
const timeMemo = new WeakMap<TurnView, TimeExpression[]>();

/** Time expressions of a turn («завтра с десяти до двенадцати», «в течение часа»), found by the text layer. */
export function timeExpressionsOf(turn: TurnView): TimeExpression[] {
  let found = timeMemo.get(turn);
  if (found === undefined) {
    found = turn.words.length === 0 ? [] : findTimeExpressions(turn.turn.text, null, {}, turn.words);
    timeMemo.set(turn, found);
  }
  return found;
}

const NEGATIONS = new Set(['не', 'ни', 'нет']);

/**
 * Finds the first statement of a phrase in a turn: not negated («не заработало») and, with `notAsked`, not
 * inside one of the manager's questions («заработало, да?»), which asks rather than states. A step may
 * come with a question («я перезвоню — через сколько вам удобно?»), so steps are searched without it.
 * With `notConditional`, a phrase inside a condition («если мастер придёт») is not a statement either.
 */
export function findStatement(input: DetectorInput, patterns: readonly PhrasePattern[], turn: TurnView, notAsked = true, notConditional = true): PhraseMatch | null {
  const questions = notAsked && turn.turn.role === 'manager' ? (input.questionsByTurn.get(turn) ?? []) : [];
  for (const match of findAllPhrases(patterns, turn.words)) {
    const before = turn.words[match.first - 1];
    const negated = before !== undefined && NEGATIONS.has(before.norm);
    const asked = questions.some((span) => match.first <= span.last && match.last >= span.first - QUESTION_LEAD_WORDS);
    if (!negated && !asked && !(notConditional && isConditional(turn.words, match.first))) {
      return match;
    }
  }
  return null;
}

// Words that open a condition: the clause after them says what will happen if, not what will happen.
const CONDITION_WORDS = new Set(['если', 'когда', 'ежели']);
const SUBJECT_PRONOUNS = new Set(['я', 'мы', 'вы', 'он', 'она', 'они']);
const CONDITION_REACH = 4;

/**
 * Tells whether a phrase stands in a condition: «если мастер придёт», «когда заявку оформим», «как мы с
 * вами составим заявку» (as soon as).
 */
function isConditional(words: readonly CallWord[], first: number): boolean {
  for (let position = Math.max(0, first - CONDITION_REACH); position < first; position++) {
    const word = words[position];
    if (word === undefined) {
      continue;
    }
    if (CONDITION_WORDS.has(word.norm)) {
      return true;
    }
    if (word.norm === 'как' && SUBJECT_PRONOUNS.has(words[position + 1]?.norm ?? '')) {
      return true;
    }
  }
  return false;
}

// A question span starts at its cue; a statement this close before the cue belongs to the question too.
const QUESTION_LEAD_WORDS = 4;

export function turnMatchEvidence(input: DetectorInput, turn: TurnView, match: PhraseMatch): Evidence {
  return evidenceFromWords(input.view, turn.position, match.first, match.last);
}

/** The first `count` words the manager says. */
export function managerOpening(input: DetectorInput, count: number): CallWord[] {
  return input.view.manager.words.slice(0, count);
}

/** Words of the last `count` of the manager's words. */
export function managerClosing(input: DetectorInput, count: number): CallWord[] {
  return input.view.manager.words.slice(-count);
}

/**
 * The turns of the closing part of the call: the last `share` of all words, and at least the last
 * `minTurns` turns with words.
 */
export function closingTurns(input: DetectorInput, share: number, minTurns: number): TurnView[] {
  const speaking = input.view.turns.filter((turn) => turn.quotable && turn.words.length > 0);
  const total = speaking.reduce((sum, turn) => sum + turn.words.length, 0);
  let counted = 0;
  let first = speaking.length;
  while (first > 0 && (counted < total * share || speaking.length - first < minTurns)) {
    first -= 1;
    counted += speaking[first]?.words.length ?? 0;
  }
  return speaking.slice(first);
}

export function notApplicable(explanation: string): CriterionOutcome {
  return { result: 'not_applicable', explanation, evidence: [] };
}

export const MANAGER_SILENT_EXPLANATION = 'В расшифровке нет речи менеджера — критерий нельзя оценить.';
