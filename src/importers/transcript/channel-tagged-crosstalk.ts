import { foldText } from '../../core/text/normalize.ts';

/**
 * One run of words between two channel tags, after neighbouring runs of the same channel are merged.
 * `position` is the run's place in the source, so turns can be checked against the source order.
 */
export interface TaggedSegment {
  tag: string;
  words: string[];
  position: number;
}

/** Segments that form one utterance of one speaker, listed in source order. */
export interface Utterance {
  segments: TaggedSegment[];
  /** Index (into the utterance list) of an earlier utterance of the other channel that this one started inside. */
  overlaps: number | null;
}

// ASR text of a two-channel call has no times. When both parties speak at once, the recognizer's
// output is merged by word time, so the text alternates tags word by word:
//   <in> нас не <out> можно <in> уведомили просто об этом какая <out> уведомляет <in> ближайшая …
// Splitting at every tag would give a salad of one-word turns. Instead, a segment is joined with the
// next segment of the same channel (two segments later) when the words between them look like talk
// over it rather than a reply:
//   - the segment cannot end there: it ends in a preposition, conjunction, negation or determiner, or
//     the next part starts with an enclitic («бы», «же», «ли») that cannot open an utterance;
//   - or it sits in a dense run: four or more consecutive segments of at most three words each, which
//     ordinary turn-taking does not produce. The long segment right after the run continues the piece
//     inside it, unless it opens with a reply word («угу», «да», «так», «хорошо»): then the speaker
//     waited for the other to finish and starts an utterance of their own.
// Backchannel-only segments («угу», «да», «алло») never join anything: they are replies of their own,
// so a quick «вам удобно говорить» / «да» / «отлично» exchange stays three turns.

/** Maximum length (in words) of an interjection that a dangling segment may continue across. */
const MAX_WORDS_ACROSS_DANGLING = 8;
/** A segment of at most this many words counts as short for the dense-run rule. */
const SHORT_SEGMENT_WORDS = 3;
/** A run of at least this many short segments is crosstalk rather than turn-taking. */
const MIN_DENSE_RUN = 4;

const BACKCHANNEL_WORDS = new Set([
  'угу', 'ага', 'мгм', 'мхм', 'хм', 'гм', 'мм', 'ммм', 'э', 'ээ', 'эээ', 'а', 'аа', 'ааа',
  'да', 'даа', 'ну', 'так', 'ясно', 'понятно', 'хорошо', 'ладно', 'окей', 'ок', 'конечно',
  'алло', 'слушаю', 'угу-угу', 'ага-ага', 'да-да',
]);

// Words after which a Russian utterance cannot stop: prepositions and the negation particle.
const ALWAYS_DANGLING = new Set([
  'в', 'во', 'на', 'с', 'со', 'к', 'ко', 'по', 'о', 'об', 'обо', 'от', 'ото', 'до', 'из', 'изо', 'за',
  'для', 'без', 'при', 'через', 'про', 'под', 'подо', 'над', 'перед', 'между', 'у', 'около', 'кроме',
  'вместо', 'среди', 'ради', 'из-за', 'из-под', 'возле', 'вокруг', 'насчет', 'сквозь', 'не', 'ни',
]);

// Conjunctions and determiners that end a fragment, but may stand alone as a whole reply
// («а?», «и?», «что?», «какой?»), so they dangle only at the end of a longer segment.
const DANGLING_AFTER_OTHER_WORDS = new Set([
  'и', 'а', 'но', 'или', 'либо', 'что', 'чтобы', 'чтоб', 'если', 'когда', 'потому', 'как', 'то',
  'этот', 'эта', 'эту', 'этого', 'этой', 'этом', 'этому', 'эти', 'этих', 'этим', 'этими',
  'такой', 'такая', 'такое', 'такую', 'такого', 'такие', 'таких',
  'какой', 'какая', 'какое', 'какую', 'какого', 'какой-то', 'какие', 'каких', 'каком',
  'который', 'которая', 'которое', 'которую', 'которого', 'которой', 'котором', 'которые', 'которых',
  'ваш', 'ваша', 'ваше', 'вашу', 'вашего', 'вашей', 'вашем', 'ваши', 'ваших',
  'наш', 'наша', 'наше', 'нашу', 'нашего', 'нашей', 'нашем', 'наши', 'наших',
  'мой', 'моя', 'мое', 'мою', 'моего', 'моей', 'моем', 'мои', 'моих',
  'свой', 'своя', 'свое', 'свою', 'своего', 'своей', 'своем', 'свои', 'своих',
  'никакой', 'никакая', 'никакое', 'никакую', 'никакого', 'никаких', 'никаким',
  'любой', 'любая', 'любое', 'любую', 'любого', 'любые', 'любых',
  'очень', 'самый', 'самая', 'самое', 'самые',
]);

// Words that open a reply to what the other party just said; a segment that starts with one after
// crosstalk is a new utterance. Hesitations («ну», «ээ») are left out: they also stand mid-sentence.
const REPLY_OPENERS = new Set(['угу', 'ага', 'мгм', 'мхм', 'мх', 'да', 'так', 'хорошо', 'ладно', 'понятно', 'ясно', 'окей', 'ок', 'угу-угу', 'да-да']);

// Enclitics lean on the word before them, so a segment that starts with one continues the same
// speaker's previous segment.
const ENCLITICS = new Set(['бы', 'б', 'же', 'ж', 'ли', 'ль']);

const SENTENCE_END = /[.!?…]$/u;

/** Groups channel-tagged segments into utterances, joining the pieces that crosstalk split apart. */
export function groupCrosstalk(segments: readonly TaggedSegment[]): Utterance[] {
  const inDenseRun = markDenseRuns(segments);
  const joinsNext = segments.map((_, k) => shouldJoinAcross(segments, k, inDenseRun));

  const chainOf = new Map<number, number>();
  const chains: TaggedSegment[][] = [];
  segments.forEach((segment, k) => {
    const previous = k >= 2 && joinsNext[k - 2] === true ? chainOf.get(k - 2) : undefined;
    if (previous === undefined) {
      chainOf.set(k, chains.length);
      chains.push([segment]);
      return;
    }
    chainOf.set(k, previous);
    chains[previous]?.push(segment);
  });

  return chains.map((chain, index) => ({ segments: chain, overlaps: findOverlapped(chains, index) }));
}

function shouldJoinAcross(segments: readonly TaggedSegment[], k: number, inDenseRun: readonly boolean[]): boolean {
  const current = segments[k];
  const between = segments[k + 1];
  const next = segments[k + 2];
  if (current === undefined || between === undefined || next === undefined) {
    return false;
  }
  if (isBackchannel(current.words) || isBackchannel(next.words)) {
    return false;
  }
  const lastWord = current.words.at(-1) ?? '';
  if (SENTENCE_END.test(lastWord)) {
    return false;
  }
  if (between.words.length <= MAX_WORDS_ACROSS_DANGLING && (endsDangling(current.words) || startsWithEnclitic(next.words))) {
    return true;
  }
  // The speaker who keeps the floor after crosstalk often goes on with a long segment, so the
  // segment right after a dense run still continues its own channel's last piece inside the run.
  const nextInRunOrRightAfter = inDenseRun[k + 2] === true || (!isShort(next) && !REPLY_OPENERS.has(normalizeWord(next.words[0] ?? '')));
  return inDenseRun[k] === true && inDenseRun[k + 1] === true && nextInRunOrRightAfter;
}

/** Marks segments that belong to a run of at least `MIN_DENSE_RUN` consecutive short segments. */
function markDenseRuns(segments: readonly TaggedSegment[]): boolean[] {
  const marks = segments.map(() => false);
  let runStart = 0;
  for (let k = 0; k <= segments.length; k++) {
    const segment = segments[k];
    if (segment !== undefined && isShort(segment)) {
      continue;
    }
    if (k - runStart >= MIN_DENSE_RUN) {
      marks.fill(true, runStart, k);
    }
    runStart = k + 1;
  }
  return marks;
}

function findOverlapped(chains: readonly TaggedSegment[][], index: number): number | null {
  const chain = chains[index];
  const start = chain?.[0];
  if (start === undefined) {
    return null;
  }
  // The latest-starting utterance of the other channel that spans this one's first segment.
  for (let other = index - 1; other >= 0; other--) {
    const candidate = chains[other];
    const first = candidate?.[0];
    const last = candidate?.at(-1);
    if (first === undefined || last === undefined || first.tag === start.tag) {
      continue;
    }
    if (first.position < start.position && last.position > start.position) {
      return other;
    }
  }
  return null;
}

function isShort(segment: TaggedSegment): boolean {
  return segment.words.length <= SHORT_SEGMENT_WORDS;
}

function isBackchannel(words: readonly string[]): boolean {
  return words.length > 0 && words.every((word) => BACKCHANNEL_WORDS.has(normalizeWord(word)));
}

function endsDangling(words: readonly string[]): boolean {
  const last = normalizeWord(words.at(-1) ?? '');
  if (ALWAYS_DANGLING.has(last)) {
    return true;
  }
  return words.length >= 2 && DANGLING_AFTER_OTHER_WORDS.has(last);
}

function startsWithEnclitic(words: readonly string[]): boolean {
  return ENCLITICS.has(normalizeWord(words[0] ?? ''));
}

function normalizeWord(word: string): string {
  return foldText(word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}
