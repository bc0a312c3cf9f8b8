import type { Morphology } from './morphology.ts';
import { foldText } from './normalize.ts';
import { tokenize } from './tokenize.ts';

/**
 * A phrase compiled for matching against lemmatized words. Phrase syntax, as written in checklists
 * and in the detectors' data:
 * - words are matched by lemma, so «добрый день» also matches «доброго дня»;
 * - `а|б` accepts either word in one place;
 * - `=слово` accepts that exact form only, for fillers that share a lemma with a plain word
 *   (`=короче` is not «короткий», `=типа` is not «тип»);
 * - `слово*` accepts any word that starts with «слово» (for spellings ASR varies: `здра*`);
 * - `*` alone lets up to three more words stand in that place («мастер * придёт» finds «мастер к вам
 *   завтра придёт»);
 * - a leading `@` marks a form of address («@девушка»): it matches only where the word is used to
 *   address the listener (see `isAddressUse`).
 * - `слово+слово` joins words that must stand side by side («сколько+можно» is not «сколько стоит можно»).
 * Between two words of a phrase one other word may stand («добрый вам день»), unless the phrase is
 * compiled with `maxGap: 0` or the words are joined with `+`.
 */
export interface PhrasePattern {
  source: string;
  slots: PhraseSlot[];
  maxGap: number;
  addressOnly: boolean;
}

// Words a `*` slot may stand for, besides the usual gap.
const ANY_SLOT_WORDS = 3;

export type PhraseSlot = (
  /** `forms` match a word's lemma or its form; `exact` match its form only. */
  | { kind: 'word'; forms: ReadonlySet<string>; exact: ReadonlySet<string> }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'any' }
) & {
  /** The word must follow the previous one directly (written with `+`). */
  adjacent?: boolean;
};

/** A lemmatized word: `norm` is the folded form, `lemma` its folded dictionary form. */
export interface MatchWord {
  norm: string;
  lemma: string;
  /** Memo of `mayStartPhrase`, valid while `headsVersion` is unchanged. */
  headsChecked?: number;
  mayStart?: boolean;
}

export interface PhraseMatch {
  pattern: PhrasePattern;
  /** Index of the first and of the last matched word in the searched sequence. */
  first: number;
  last: number;
}

export function compilePhrase(source: string, morphology: Morphology, maxGap = 1): PhrasePattern {
  let text = source.trim();
  const addressOnly = text.startsWith('@');
  if (addressOnly) {
    text = text.slice(1);
  }
  const slots = text
    .split(/\s+/u)
    .filter((part) => part.length > 0)
    .flatMap((part) => part.split('+').filter((piece) => piece.length > 0).map((piece, index) => ({ ...compileSlot(piece, morphology), adjacent: index > 0 })));
  while (slots[0]?.kind === 'any') {
    slots.shift();
  }
  while (slots.at(-1)?.kind === 'any') {
    slots.pop();
  }
  return { source, slots, maxGap, addressOnly };
}

export function compilePhrases(sources: readonly string[], morphology: Morphology, maxGap = 1): PhrasePattern[] {
  return sources.map((source) => compilePhrase(source, morphology, maxGap)).filter((pattern) => pattern.slots.length > 0);
}

function compileSlot(part: string, morphology: Morphology): PhraseSlot {
  if (part === '*') {
    return { kind: 'any' };
  }
  if (part.endsWith('*')) {
    return { kind: 'prefix', prefix: foldText(part.slice(0, -1)) };
  }
  const forms = new Set<string>();
  const exact = new Set<string>();
  for (const alternative of part.split('|')) {
    const isExact = alternative.startsWith('=');
    // A slot may itself be written with punctuation («всё,»), so each alternative goes through the tokenizer.
    for (const token of tokenize(isExact ? alternative.slice(1) : alternative)) {
      if (isExact) {
        exact.add(token.norm);
      } else {
        const analysis = morphology.analyze(token.norm);
        forms.add(token.norm);
        forms.add(analysis.lemma);
        const substantive = analysis.pos === 'ADJF' ? neuterSubstantive(analysis.lemma) : null;
        if (substantive !== null) {
          forms.add(substantive);
        }
      }
    }
  }
  return { kind: 'word', forms, exact };
}

/**
 * Returns the neuter form of an adjective lemma («новый» → «новое», «последний» → «последнее»). A
 * dictionary may read a case form that adjective and substantive share («нового», «старого») as the noun
 * «новое», so an adjective in a phrase accepts that lemma too.
 */
export function neuterSubstantive(lemma: string): string | null {
  if (lemma.endsWith('ый') || lemma.endsWith('ой')) {
    return `${lemma.slice(0, -2)}ое`;
  }
  if (lemma.endsWith('ий')) {
    // «русский» → «русское» after г, к, х; «хороший» → «хорошее», «синий» → «синее» otherwise.
    return `${lemma.slice(0, -2)}${/[гкх]ий$/u.test(lemma) ? 'ое' : 'ее'}`;
  }
  return null;
}

export function slotAccepts(slot: PhraseSlot, word: MatchWord): boolean {
  switch (slot.kind) {
    case 'any':
      return true;
    case 'prefix':
      return word.norm.startsWith(slot.prefix);
    case 'word':
      return slot.forms.has(word.lemma) || slot.forms.has(word.norm) || slot.exact.has(word.norm);
  }
}

/** Finds the first match of the pattern at or after `from`; words are compared by lemma and by form. */
export function findPhrase(pattern: PhrasePattern, words: readonly MatchWord[], from = 0): PhraseMatch | null {
  const [head] = pattern.slots;
  if (head === undefined || head.kind === 'any') {
    return null;
  }
  for (let start = from; start < words.length; start++) {
    const first = words[start];
    if (first === undefined || !slotAccepts(head, first)) {
      continue;
    }
    const last = matchRest(pattern, words, start);
    if (last !== null && (!pattern.addressOnly || isAddressUse(words, start, last))) {
      return { pattern, first: start, last };
    }
  }
  return null;
}

/** Finds every non-overlapping match of the pattern. */
export function findAllPhrase(pattern: PhrasePattern, words: readonly MatchWord[]): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  let from = 0;
  for (;;) {
    const match = findPhrase(pattern, words, from);
    if (match === null) {
      return matches;
    }
    matches.push(match);
    from = match.last + 1;
  }
}

/**
 * Index of a pattern list by the first word of each pattern, so that a search looks only at the patterns
 * a word can start instead of trying every pattern at every word. Built once per list object.
 */
interface HeadIndex {
  byForm: Map<string, number[]>;
  byExact: Map<string, number[]>;
  prefixed: { prefix: string; pattern: number }[];
  /** Scratch space for `collectCandidates`: the stamp marks patterns already collected for the current word. */
  seen: Uint32Array;
  stamp: number;
  /** Candidates of the current word: the first `count` entries of `found`. */
  found: number[];
  count: number;
  /** Scratch space for `scanPhrases`: per pattern, the first word its next match may start at. */
  nextFree: Int32Array;
}

const headIndexes = new WeakMap<readonly PhrasePattern[], HeadIndex>();

// First words of every pattern indexed so far. Most words of a call start no phrase at all, and one check
// against these, memoised on the word, spares the lookups in every list. The version grows whenever a new
// list adds a first word, which voids the memos.
const allHeadForms = new Set<string>();
const allHeadExact = new Set<string>();
const allHeadPrefixes: string[] = [];
let headsVersion = 1;

function registerHead(set: Set<string>, form: string): void {
  if (!set.has(form)) {
    set.add(form);
    headsVersion += 1;
  }
}

function mayStartPhrase(word: MatchWord): boolean {
  if (word.headsChecked === headsVersion && word.mayStart !== undefined) {
    return word.mayStart;
  }
  let result = allHeadForms.has(word.lemma) || allHeadForms.has(word.norm) || allHeadExact.has(word.norm);
  for (let index = 0; !result && index < allHeadPrefixes.length; index++) {
    result = word.norm.startsWith(allHeadPrefixes[index] ?? '\u0000');
  }
  word.headsChecked = headsVersion;
  word.mayStart = result;
  return result;
}

function addHead(map: Map<string, number[]>, key: string, pattern: number): void {
  const list = map.get(key);
  if (list === undefined) {
    map.set(key, [pattern]);
  } else if (list.at(-1) !== pattern) {
    list.push(pattern);
  }
}

function headIndexOf(patterns: readonly PhrasePattern[]): HeadIndex {
  let index = headIndexes.get(patterns);
  if (index !== undefined) {
    return index;
  }
  index = { byForm: new Map(), byExact: new Map(), prefixed: [], seen: new Uint32Array(patterns.length), stamp: 0, found: [], count: 0, nextFree: new Int32Array(patterns.length) };
  for (const [position, pattern] of patterns.entries()) {
    const [head] = pattern.slots;
    if (head?.kind === 'word') {
      for (const form of head.forms) {
        addHead(index.byForm, form, position);
        registerHead(allHeadForms, form);
      }
      for (const form of head.exact) {
        addHead(index.byExact, form, position);
        registerHead(allHeadExact, form);
      }
    } else if (head?.kind === 'prefix') {
      index.prefixed.push({ prefix: head.prefix, pattern: position });
      if (!allHeadPrefixes.includes(head.prefix)) {
        allHeadPrefixes.push(head.prefix);
        headsVersion += 1;
      }
    }
  }
  headIndexes.set(patterns, index);
  return index;
}

function collect(index: HeadIndex, list: readonly number[] | undefined): void {
  if (list === undefined) {
    return;
  }
  for (const pattern of list) {
    if (index.seen[pattern] !== index.stamp) {
      index.seen[pattern] = index.stamp;
      index.found[index.count] = pattern;
      index.count += 1;
    }
  }
}

/**
 * Collects the positions (in the list) of the patterns whose first word accepts this word into
 * `index.found`, in list order, and returns how many there are. The scratch array is valid until the next
 * call for the same index.
 */
function collectCandidates(index: HeadIndex, word: MatchWord): number {
  if (!mayStartPhrase(word)) {
    return 0;
  }
  const byLemma = index.byForm.get(word.lemma);
  const byNorm = word.norm === word.lemma ? undefined : index.byForm.get(word.norm);
  const byExact = index.byExact.get(word.norm);
  // Most words start no phrase of this list: nothing to stamp or sort.
  if (byLemma === undefined && byNorm === undefined && byExact === undefined && index.prefixed.length === 0) {
    return 0;
  }
  index.stamp = (index.stamp + 1) >>> 0 || 1;
  index.count = 0;
  collect(index, byLemma);
  collect(index, byNorm);
  collect(index, byExact);
  for (const { prefix, pattern } of index.prefixed) {
    if (index.seen[pattern] !== index.stamp && word.norm.startsWith(prefix)) {
      index.seen[pattern] = index.stamp;
      index.found[index.count] = pattern;
      index.count += 1;
    }
  }
  sortPrefix(index.found, index.count);
  return index.count;
}

/** Insertion sort of the first `count` entries: the candidates of one word are few. */
function sortPrefix(values: number[], count: number): void {
  for (let i = 1; i < count; i++) {
    const value = values[i] ?? 0;
    let j = i - 1;
    while (j >= 0 && (values[j] ?? 0) > value) {
      values[j + 1] = values[j] ?? 0;
      j -= 1;
    }
    values[j + 1] = value;
  }
}

function matchAt(pattern: PhrasePattern, words: readonly MatchWord[], start: number): number | null {
  const last = matchRest(pattern, words, start);
  if (last === null || (pattern.addressOnly && !isAddressUse(words, start, last))) {
    return null;
  }
  return last;
}

/** Finds the earliest match of any of the patterns; at one place the earlier pattern in the list wins. */
export function findAnyPhrase(patterns: readonly PhrasePattern[], words: readonly MatchWord[]): PhraseMatch | null {
  return findAllPhrases(patterns, words)[0] ?? null;
}

// Matches already found, per searched word list and pattern list. Detectors search the same turn for the
// same phrases many times (closing phrases, transfers); turn word lists live as long as one evaluation.
const matchMemo = new WeakMap<readonly MatchWord[], WeakMap<readonly PhrasePattern[], PhraseMatch[]>>();

/**
 * Finds every match of every pattern, ordered by where it starts and then by list order. The matches of
 * one pattern do not overlap each other.
 */
export function findAllPhrases(patterns: readonly PhrasePattern[], words: readonly MatchWord[]): PhraseMatch[] {
  if (patterns.length === 0 || words.length === 0) {
    return [];
  }
  let byPatterns = matchMemo.get(words);
  const known = byPatterns?.get(patterns);
  if (known !== undefined) {
    return known;
  }
  const matches = scanPhrases(patterns, words);
  if (byPatterns === undefined) {
    byPatterns = new WeakMap();
    matchMemo.set(words, byPatterns);
  }
  byPatterns.set(patterns, matches);
  return matches;
}

function scanPhrases(patterns: readonly PhrasePattern[], words: readonly MatchWord[]): PhraseMatch[] {
  const index = headIndexOf(patterns);
  const matches: PhraseMatch[] = [];
  for (let start = 0; start < words.length; start++) {
    const word = words[start];
    if (word === undefined) {
      continue;
    }
    const count = collectCandidates(index, word);
    for (let candidate = 0; candidate < count; candidate++) {
      const position = index.found[candidate] ?? -1;
      const pattern = patterns[position];
      if (pattern === undefined || (index.nextFree[position] ?? 0) > start) {
        continue;
      }
      const last = matchAt(pattern, words, start);
      if (last !== null) {
        matches.push({ pattern, first: start, last });
        index.nextFree[position] = last + 1;
      }
    }
  }
  for (const match of matches) {
    index.nextFree[patterns.indexOf(match.pattern)] = 0;
  }
  return matches;
}

export function containsAnyPhrase(patterns: readonly PhrasePattern[], words: readonly MatchWord[]): boolean {
  return findAnyPhrase(patterns, words) !== null;
}

function matchRest(pattern: PhrasePattern, words: readonly MatchWord[], start: number): number | null {
  return matchSlots(pattern, words, start, 1, 0);
}

// Depth-first over the allowed gaps, so «я же сказал» still matches «я же вам, же, сказал» when the nearest
// «же» leads nowhere. Phrases are a few words long, so the search stays small.
function matchSlots(pattern: PhrasePattern, words: readonly MatchWord[], position: number, slotIndex: number, extraGap: number): number | null {
  const slot = pattern.slots[slotIndex];
  if (slot === undefined) {
    return position;
  }
  if (slot.kind === 'any') {
    return matchSlots(pattern, words, position, slotIndex + 1, extraGap + ANY_SLOT_WORDS);
  }
  const reach = slot.adjacent === true ? position + 1 : position + 1 + pattern.maxGap + extraGap;
  for (let candidate = position + 1; candidate <= reach && candidate < words.length; candidate++) {
    const word = words[candidate];
    if (word !== undefined && slotAccepts(slot, word)) {
      const last = matchSlots(pattern, words, candidate, slotIndex + 1, 0);
      if (last !== null) {
        return last;
      }
    }
  }
  return null;
}

// Words that follow a form of address: «девушка, подождите», «мужчина, вы меня слышите».
const AFTER_ADDRESS = new Set(['вы', 'вам', 'вас', 'ваш', 'ты', 'послушайте', 'слушайте', 'подождите', 'смотрите', 'скажите', 'подскажите', 'пожалуйста', 'я', 'не', 'ну', 'да', 'нет', 'так', 'а']);
// Words that stand before a form of address at the start of a phrase: «ну девушка», «слушайте, мужчина».
const BEFORE_ADDRESS = new Set(['ну', 'а', 'так', 'слушайте', 'послушайте', 'да', 'нет', 'ой', 'уважаемый', 'уважаемая']);

// «этот мужчина», «ваша девушка» speak about a person.
const MODIFIERS_OF_PERSON = new Set(['молодой', 'этот', 'тот', 'какой', 'ваш', 'мой', 'наш', 'свой', 'твой', 'такой', 'другой']);

/**
 * Tells whether a person noun is used to address the listener rather than to speak about someone:
 * at the start or the end of a turn, after an interjection, or followed by «вы», an imperative or a particle.
 * Without punctuation only the neighbouring words show a vocative.
 */
function isAddressUse(words: readonly MatchWord[], first: number, last: number): boolean {
  const before = words[first - 1];
  const after = words[last + 1];
  if (before === undefined || after === undefined || BEFORE_ADDRESS.has(before.norm)) {
    return true;
  }
  return AFTER_ADDRESS.has(after.norm) && !MODIFIERS_OF_PERSON.has(before.lemma);
}
