import type { CallPromise, PromiseAction } from '../model/evaluation.ts';
import type { Turn } from '../model/transcript.ts';
import { analyzeText } from '../text/analyze.ts';
import type { AnalyzedToken } from '../text/analyze.ts';
import type { Morphology } from '../text/morphology.ts';
import { compilePhrases } from '../text/phrase-matcher.ts';
import type { PhraseMatcher } from '../text/phrase-matcher.ts';
import { foldText } from '../text/normalize.ts';
import { tidyQuote } from '../text/quote-bounds.ts';
import { findTimeExpressions } from '../text/time-expressions.ts';
import type { TimeExpression, TimeOptions, TimeReference } from '../text/time-expressions.ts';
import { CLAUSE_BREAKS, HOLD_PHRASES } from './promise-lexicon.ts';
import { findPromiseTriggers } from './promise-triggers.ts';
import type { PromiseTrigger } from './promise-triggers.ts';

export interface PromiseContext {
  morphology: Morphology;
  /** The call's start, ISO 8601, used to resolve due times; null when unknown. */
  callStartedAt: string | null;
  /** IANA zone for due times when `callStartedAt` carries no offset. */
  timeZone: string;
  /** Working-day landmarks for due times; the defaults are in `DEFAULT_TIME_OPTIONS`. */
  timeOptions?: Partial<TimeOptions>;
  /** The analysed words of a turn when the caller has them already; otherwise the turn is analysed here. */
  wordsOf?: (turn: Turn) => readonly AnalyzedToken[];
}

/** Manager turns read as one utterance when the client only says a few words between them. */
const BACKCHANNEL_MAX_WORDS = 3;
/** Words of a quote on each side of the promise's verb, within its turn. */
const QUOTE_BEFORE = 5;
const QUOTE_AFTER = 6;
const QUOTE_MAX_WORDS = 15;
/** A promise this many words into the manager's reply may take the time the client just named. */
const AGREEMENT_REACH = 12;
/** A time expression this many words from the verb belongs to the promise. */
const DUE_REACH = 12;
/** Two commitments of one kind this close are one promise said twice («свяжутся … ожидайте звонка»). */
const SAME_PROMISE_REACH = 10;

interface Utterance {
  /** The client's last longer turn before this utterance, where a time the manager agrees to is often named. */
  clientBefore: string | null;
  /**
   * The client's first turn after the utterance's last manager turn: a refusal there declines an offer the
   * utterance ends with.
   */
  clientAfter: string | null;
  text: string;
  tokens: AnalyzedToken[];
  /** For each token, the turn it came from and its offsets in that turn's text. */
  origins: { turn: Turn; start: number; end: number }[];
}

const holdMatchers = new WeakMap<Morphology, PhraseMatcher>();

/**
 * Extracts the manager's commitments to do something after the call: call back, send, visit, transfer,
 * or another action. The client's words, the client's own conditions («если вы перезвоните»), past
 * actions, offers to the client («можете перезвонить») and checks done while the client waits are not
 * promises. Each promise quotes 3–15 words of its turn unchanged and carries the due time said nearby.
 */
export function extractPromises(turns: readonly Turn[], context: PromiseContext): CallPromise[] {
  const reference = context.callStartedAt === null ? null : { callStartedAt: context.callStartedAt, timeZone: context.timeZone };
  const wordsOf = context.wordsOf ?? ((turn: Turn) => analyzeText(turn.text, context.morphology));
  const utterances = buildManagerUtterances(turns, wordsOf);
  const promises: CallPromise[] = [];
  for (const [position, utterance] of utterances.entries()) {
    // Time expressions are read only for the utterances that have a commitment word to ask about them.
    let found: TimeExpression[] | undefined;
    const times = (): TimeExpression[] => (found ??= findTimeExpressions(utterance.text, reference, context.timeOptions ?? {}, utterance.tokens));
    const hasTimeNear = (index: number): boolean => nearestTime(times(), index, DUE_REACH) !== null;
    const hasClockNear = (index: number): boolean => {
      const precision = nearestTime(times(), index, DUE_REACH)?.precision;
      return precision === 'window' || precision === 'minute';
    };
    const triggers = mergeRepeats(findPromiseTriggers({ tokens: utterance.tokens, text: utterance.text, hasTimeNear, hasClockNear }), utterance.tokens);
    for (const trigger of triggers) {
      if (trigger.action === 'transfer' && isTransferredInCall(utterances, position, trigger.token, context.morphology)) {
        continue;
      }
      if (isDeclinedOffer(utterance, trigger)) {
        continue;
      }
      const time = nearestTime(times(), trigger.token, DUE_REACH) ?? agreedTime(utterance, trigger, reference, context.timeOptions ?? {});
      const promise = toPromise(utterance, trigger, time);
      const earlier = restatedIndex(promises, promise);
      if (earlier < 0) {
        promises.push(promise);
      } else {
        promises[earlier] = mergeRestated(promises[earlier], promise);
      }
    }
  }
  return promises;
}

// An offer («можем сделать вам проект на этой неделе», «давайте я вам перезвоню») that ends the manager's
// words and gets «нет» or «не нужно» in reply was declined, so nothing was promised.
function isDeclinedOffer(utterance: Utterance, trigger: PromiseTrigger): boolean {
  const offered = trigger.form === 'modal' || utterance.tokens.slice(Math.max(0, trigger.token - 3), trigger.token).some((token) => token.norm === 'давайте');
  if (!offered || utterance.clientAfter === null || utterance.tokens.length - trigger.token > OFFER_TAIL_WORDS) {
    return false;
  }
  return REFUSAL.test(foldText(utterance.clientAfter));
}

// The offer is among the last words of the utterance, so the client's reply is to it.
const OFFER_TAIL_WORDS = 15;
const REFUSAL = /^(?:\P{L}*)(?:нет|неа|не надо|не нужно)(?!\p{L})|(?<!\p{L})(?:не нужно|не надо|не интересно|не интересует|откажусь)(?!\p{L})/u;

// «перезвоните ближе к пяти» — «хорошо перезвоним»: a callback, letter or visit promised with no time
// of its own takes the time the client has just asked for.
function agreedTime(utterance: Utterance, trigger: PromiseTrigger, reference: TimeReference | null, options: Partial<TimeOptions>): TimeExpression | null {
  if (trigger.action === 'other' || trigger.action === 'transfer' || utterance.clientBefore === null || trigger.token > AGREEMENT_REACH) {
    return null;
  }
  return findTimeExpressions(utterance.clientBefore, reference, options).at(-1) ?? null;
}

// A manager often repeats a commitment when agreeing or summing up («хорошо тогда перезвоню»): a later
// promise of the same action (other than «other») whose due time is the same, or unsaid on either side,
// is the earlier one again. A call rarely carries two separate callbacks or two visits.
// «техник предварительно с вами свяжется», «позвонит перед приездом»: the call announces the visit.
const CALL_BEFORE_VISIT = /предварительно|перед (?:приездом|визитом|выездом)|за (?:полчаса|час)/u;

/** Finds the earlier promise the new one restates, preferring one with the same due time; -1 when none. */
function restatedIndex(promises: readonly CallPromise[], promise: CallPromise): number {
  const sameDue = promises.findIndex((other) => promise.due !== null && other.due === promise.due && restates(other, promise));
  return sameDue >= 0 ? sameDue : promises.findIndex((other) => restates(other, promise));
}

// A visit and a call from the visiting staff at the same time are one commitment too: the technician
// calls before coming.
function restates(earlier: CallPromise, later: CallPromise): boolean {
  const visitCall = new Set([earlier.action, later.action]);
  if (visitCall.size === 2 && visitCall.has('visit') && visitCall.has('callback')) {
    const call = earlier.action === 'callback' ? earlier : later;
    return (earlier.due !== null && earlier.due === later.due) || CALL_BEFORE_VISIT.test(foldText(call.quote));
  }
  if (earlier.action !== later.action || later.action === 'other') {
    return false;
  }
  return later.dueText === null || earlier.dueText === null || earlier.due === later.due;
}

// The last wording of a repeated commitment is the one agreed on, so it is quoted; a due time said only
// the first time is kept. Within one turn the first wording stays: the rest of the turn elaborates it.
// A visit keeps its action when the staff's call is merged into it.
function mergeRestated(earlier: CallPromise | undefined, later: CallPromise): CallPromise {
  if (earlier === undefined) {
    return later;
  }
  if (earlier.turn === later.turn || (earlier.action === 'visit' && later.action === 'callback')) {
    return earlier.dueText === null && later.dueText !== null ? { ...earlier, dueText: later.dueText, due: later.due } : earlier;
  }
  const merged = later.action === 'callback' && earlier.action === 'visit' ? { ...later, action: earlier.action } : later;
  if (merged.dueText !== null) {
    return merged;
  }
  return { ...merged, dueText: earlier.dueText, due: earlier.due };
}

// NOTE: manager turns separated by a longer client turn are separate utterances, so a commitment
// split by the client's words («давайте … а давайте скинуть») is read as two pieces.
function buildManagerUtterances(turns: readonly Turn[], wordsOf: (turn: Turn) => readonly AnalyzedToken[]): Utterance[] {
  const utterances: Utterance[] = [];
  let current: Utterance | null = null;
  let clientBefore: string | null = null;
  for (const turn of turns) {
    if (turn.role !== 'manager') {
      if (turn.role === 'client' && current !== null) {
        current.clientAfter ??= turn.text;
      }
      if (turn.text.trim().split(/\s+/u).length > BACKCHANNEL_MAX_WORDS) {
        current = null;
        clientBefore = turn.role === 'client' ? turn.text : clientBefore;
      }
      continue;
    }
    if (current === null) {
      current = { clientBefore, clientAfter: null, text: '', tokens: [], origins: [] };
      utterances.push(current);
    }
    // The client's reply is to the utterance's last words: a short question in between («через сколько?»)
    // was answered by the manager's next turn.
    current.clientAfter = null;
    appendTurn(current, turn, wordsOf(turn));
  }
  return utterances;
}

function appendTurn(utterance: Utterance, turn: Turn, words: readonly AnalyzedToken[]): void {
  const offset = utterance.text.length === 0 ? 0 : utterance.text.length + 1;
  utterance.text = utterance.text.length === 0 ? turn.text : `${utterance.text} ${turn.text}`;
  for (const token of words) {
    utterance.origins.push({ turn, start: token.start, end: token.end });
    utterance.tokens.push({
      text: token.text,
      norm: token.norm,
      lemma: token.lemma,
      pos: token.pos,
      grammemes: token.grammemes,
      index: utterance.tokens.length,
      start: token.start + offset,
      end: token.end + offset,
    });
  }
}

function nearestTime(times: readonly TimeExpression[], index: number, reach: number): TimeExpression | null {
  let best: TimeExpression | null = null;
  let bestDistance = Infinity;
  for (const time of times) {
    // A time after the verb usually belongs to it («перезвоню завтра»), so one before it counts as further.
    let distance = 0;
    if (index < time.firstToken) {
      distance = time.firstToken - index;
    } else if (index > time.lastToken) {
      distance = (index - time.lastToken) * 1.5;
    }
    if (distance <= reach && distance < bestDistance) {
      best = time;
      bestDistance = distance;
    }
  }
  return best;
}

const SPECIFICITY: Readonly<Record<PromiseAction, number>> = { callback: 2, send: 2, visit: 2, transfer: 2, other: 1 };

// One commitment often has several cue words: «с вами свяжутся … ожидайте звонка», «перепроверим и с
// вами свяжемся». Cues of one action close together, or of two actions side by side or joined by «и»,
// are one promise, carried by the more specific action; «передам тогда перезвоним» stays two.
function mergeRepeats(triggers: readonly PromiseTrigger[], tokens: readonly AnalyzedToken[]): PromiseTrigger[] {
  const kept: PromiseTrigger[] = [];
  for (const trigger of triggers) {
    const index = kept.findIndex((other) => {
      const distance = Math.abs(other.token - trigger.token);
      const joined = tokens.slice(Math.min(other.token, trigger.token) + 1, Math.max(other.token, trigger.token)).some((token) => token.norm === 'и');
      return (distance <= SAME_PROMISE_REACH && other.action === trigger.action) || distance <= 1 || (joined && distance <= 5);
    });
    const other = kept[index];
    if (other === undefined) {
      kept.push(trigger);
    } else if (SPECIFICITY[trigger.action] > SPECIFICITY[other.action]) {
      kept[index] = trigger;
    }
  }
  return kept;
}

// The transfer happens in this call when, after it is promised, the manager puts the client on hold or
// a colleague greets the client.
function isTransferredInCall(utterances: readonly Utterance[], position: number, token: number, morphology: Morphology): boolean {
  let matcher = holdMatchers.get(morphology);
  if (matcher === undefined) {
    matcher = compilePhrases([...HOLD_PHRASES, 'здравствуйте', 'добрый день', 'меня зовут'], morphology, { maxGap: 1 });
    holdMatchers.set(morphology, matcher);
  }
  const current = utterances[position];
  if (current !== undefined && matcher.findAll(current.tokens).some((match) => match.firstToken > token)) {
    return true;
  }
  return utterances.slice(position + 1).some((utterance) => matcher.test(utterance.tokens));
}

function toPromise(utterance: Utterance, trigger: PromiseTrigger, time: TimeExpression | null): CallPromise {
  const { first, last } = tidyPromiseQuote(utterance, trigger.token, quoteBounds(utterance, trigger.token));
  const origin = utterance.origins[trigger.token];
  const firstOrigin = utterance.origins[first];
  const lastOrigin = utterance.origins[last];
  if (origin === undefined || firstOrigin === undefined || lastOrigin === undefined) {
    throw new RangeError(`promise token ${trigger.token} is outside its utterance`);
  }
  const quote = origin.turn.text.slice(firstOrigin.start, lastOrigin.end);
  return {
    turn: origin.turn.index,
    startSec: origin.turn.startSec,
    quote,
    action: trigger.action satisfies PromiseAction,
    dueText: time?.text ?? null,
    due: time?.due ?? null,
  };
}

// The quote stays inside the verb's turn, stops at clause breaks, and takes in a time said right after.
function quoteBounds(utterance: Utterance, index: number): { first: number; last: number } {
  const turn = utterance.origins[index]?.turn;
  const sameTurn = (position: number): boolean => utterance.origins[position]?.turn === turn;
  let first = index;
  while (first > 0 && index - first < QUOTE_BEFORE && sameTurn(first - 1) && !CLAUSE_BREAKS.has(utterance.tokens[first - 1]?.norm ?? '')) {
    first--;
  }
  let last = index;
  while (last < utterance.tokens.length - 1 && last - index < QUOTE_AFTER && sameTurn(last + 1) && !CLAUSE_BREAKS.has(utterance.tokens[last + 1]?.norm ?? '')) {
    last++;
  }
  while (last - first + 1 < 3 && sameTurn(last + 1) && last < utterance.tokens.length - 1) {
    last++;
  }
  while (last - first + 1 < 3 && sameTurn(first - 1) && first > 0) {
    first--;
  }
  while (last - first + 1 > QUOTE_MAX_WORDS) {
    if (index - first > last - index) {
      first++;
    } else {
      last--;
    }
  }
  return { first, last };
}

// A quote of a punctuated turn stays in the sentence of the promise, and no quote ends on a word that
// leaves the clause open («пришлю вам на почту два варианта: с»).
function tidyPromiseQuote(utterance: Utterance, index: number, bounds: { first: number; last: number }): { first: number; last: number } {
  const origin = utterance.origins[index];
  if (origin === undefined) {
    return bounds;
  }
  // Word positions of the verb's turn within the utterance, with offsets in that turn's text.
  const positions: number[] = [];
  utterance.origins.forEach((other, position) => {
    if (other.turn === origin.turn) {
      positions.push(position);
    }
  });
  const words = positions.map((position) => ({ norm: utterance.tokens[position]?.norm ?? '', start: utterance.origins[position]?.start ?? 0, end: utterance.origins[position]?.end ?? 0 }));
  const local = (position: number): number => positions.indexOf(position);
  const [from, to] = tidyQuote(origin.turn.text, words, local(bounds.first), local(bounds.last), local(index), local(index), { minWords: 3, maxWords: QUOTE_MAX_WORDS, contextWords: 0 });
  return { first: positions[from] ?? bounds.first, last: positions[to] ?? bounds.last };
}
