import type { Evidence } from '../../model/evaluation.ts';
import type { CallWord, TurnView } from '../call-view.ts';
import { isBackchannel } from '../criteria/objections.ts';
import { type DetectorInput, patternsOf } from '../detector-input.ts';
import { evidenceFromTurn, formatMoment, momentLead } from '../evidence.ts';
import { BACKCHANNEL_WORDS, CLOSING_PHRASES, CONNECTION_PROBLEM_PHRASES, HOLD_WARNING_PHRASES } from '../lexicon/conversation.lexicon.ts';
import { containsAnyPhrase } from '../../text/phrase-pattern.ts';
import { plural } from '../russian-text.ts';
import { tokenize } from '../../text/tokenize.ts';
import { draftFinding, type FindingDraft } from './finding-draft.ts';

// A finding from text needs this many episodes, or one where the manager says at least `FLOOR_TAKING_WORDS`
// words of their own (see `takesFloor`).
const MIN_PLACES = 2;
const FLOOR_TAKING_WORDS = 8;
// Overlaps measured on the signal shorter than this are a backchannel or a breath, not talking over.
const MIN_SIGNAL_OVERLAP_SEC = 1;
// A cut-in says at least this many words of its own: fewer is a reaction, not taking the floor.
const MIN_OWN_WORDS = 2;
// A request to hold with at most this many other words is the manager excusing a pause, not cutting in.
const HOLD_OWN_WORDS = 4;
// The client's speech that was talked over is a sentence, not a word or two.
const MIN_OVERLAPPED_WORDS = 4;
// A client turn this short right after a manager explanation of `MANAGER_EXPLANATION_WORDS` or more,
// which asked nothing, is an interjection into the manager's speech.
const CLIENT_INTERJECTION_WORDS = 6;
const MANAGER_EXPLANATION_WORDS = 8;
// The client's words after the manager came in: a backchannel says nothing, one word may be an echo.
const MIN_CONTINUATION_WORDS = 2;
// The client's talked-over turn has this many words besides greetings and backchannel.
const MIN_CONTENT_WORDS = 2;
const GREETING_WORDS: ReadonlySet<string> = new Set(['здравствуйте', 'здрасте', 'здрасьте', 'добрый', 'доброе', 'день', 'утро', 'вечер', 'алло', 'привет']);
// A question whose cue is among the last this many words of a client turn ends that turn.
const QUESTION_END_WORDS = 5;

// The client lets the manager speak.
const FLOOR_GIVEN_PHRASES: readonly string[] = ['=говорите', '=говори', '=слушаю', 'я вас слушать'];
// Lemmas of goodbye and thanks formulas: a cut-in made of them only is the two parties closing the call.
const CLOSING_WORDS: ReadonlySet<string> = new Set(['до', 'свидание', 'связь', 'всего', 'добрый', 'хороший', 'день', 'вечер', 'спасибо', 'вам', 'вы', 'тоже', 'и', 'пожалуйста', 'пока', 'желать', 'удачи', 'удача']);

// Words that open a reply rather than go on with a sentence.
const REPLY_OPENERS: ReadonlySet<string> = new Set(['да', 'нет', 'не', 'угу', 'ага', 'а', 'так', 'хорошо', 'ладно', 'понятно', 'ясно', 'спасибо', 'алло']);

/** One place where the manager talked over the client: the manager turns of the episode and the client turn they cut. */
export interface InterruptionEpisode {
  manager: TurnView[];
  client: TurnView;
}

/**
 * Episodes where the manager talks over the client, in call order. In text without times (channel-tagged
 * ASR) crosstalk is known only from the importer's merge:
 * - the manager's fragments fall inside a client utterance (`overlapsTurn` points at it): all fragments
 *   inside one client utterance are one episode;
 * - or the manager comes in right after a client turn of substance and the client goes on speaking over
 *   the manager (the client's next turn overlaps the manager's): the client had not finished.
 * Either way the manager must say something of their own: not a backchannel («угу», «да», «так»), not
 * the client's words echoed back (dictated numbers, an address), not a goodbye said together with the
 * client's, and not only a request to hold.
 */
export function interruptionEpisodes(input: DetectorInput): InterruptionEpisode[] {
  const episodes: InterruptionEpisode[] = [];
  for (const turn of input.view.turns) {
    if (turn.turn.role !== 'manager' || !turn.quotable || turn.words.length === 0) {
      continue;
    }
    const client = overlappedClientTurn(input, turn) ?? continuedClientTurn(input, turn);
    if (client === null) {
      continue;
    }
    const last = episodes.at(-1);
    if (last?.client === client) {
      last.manager.push(turn);
    } else {
      episodes.push({ manager: [turn], client });
    }
  }
  return episodes.filter((episode) => cutsIn(input, episode));
}

/** Finds the client turn a manager turn started inside, when the client had a sentence going. */
function overlappedClientTurn(input: DetectorInput, turn: TurnView): TurnView | null {
  const index = turn.turn.overlapsTurn;
  if (index === null) {
    return null;
  }
  // `Turn.index` is the turn's position in the transcript, so the overlapped turn is found by position.
  const candidate = input.view.turns[index];
  const overlapped = candidate?.turn.index === index ? candidate : input.view.turns.find((other) => other.turn.index === index);
  if (overlapped?.turn.role !== 'client' || !overlapped.quotable || overlapped.words.length < MIN_OVERLAPPED_WORDS || !hasContentWords(overlapped)) {
    return null;
  }
  // A short client question or remark put in while the manager was explaining is the client cutting in.
  // The manager going on with the explanation does not cut the client off.
  const before = input.view.turns[overlapped.position - 1];
  if (overlapped.words.length <= CLIENT_INTERJECTION_WORDS && before?.turn.role === 'manager' && before.words.length >= MANAGER_EXPLANATION_WORDS && (input.questionsByTurn.get(before) ?? []).length === 0) {
    return null;
  }
  return overlapped;
}

/**
 * Finds the client turn right before a manager turn when the client's next turn starts inside the manager's:
 * the client was still talking («…скорость постоянно [подскажите ваш адрес] вот какие-то обрывы…») or
 * tried to go on and was cut short.
 */
function continuedClientTurn(input: DetectorInput, turn: TurnView): TurnView | null {
  if (turn.turn.overlapsTurn !== null) {
    return null;
  }
  const before = input.view.turns[turn.position - 1];
  const after = input.view.turns[turn.position + 1];
  if (before?.turn.role !== 'client' || !before.quotable || before.words.length < MIN_OVERLAPPED_WORDS || isBackchannel(before)) {
    return null;
  }
  if (after?.turn.role !== 'client' || after.turn.overlapsTurn !== turn.turn.index || ownWords(after.words, new Set()).length < MIN_CONTINUATION_WORDS) {
    return null;
  }
  // «да», «нет», «а …» open the client's reply to what the manager said; anything else goes on with the
  // client's own sentence.
  if (REPLY_OPENERS.has(after.words[0]?.norm ?? '')) {
    return null;
  }
  return before;
}

function cutsIn(input: DetectorInput, episode: InterruptionEpisode): boolean {
  if (endsWithQuestion(input, episode.client)) {
    return false;
  }
  const words = episode.manager.flatMap((turn) => turn.words);
  const echoed = new Set(episode.client.words.map((word) => word.lemma));
  const own = ownWords(words, echoed);
  if (own.length < MIN_OWN_WORDS) {
    return false;
  }
  // The client gave the floor («говорите», «слушаю»): the manager speaking then does not cut them off.
  if (containsAnyPhrase(patternsOf(input, FLOOR_GIVEN_PHRASES), episode.client.words)) {
    return false;
  }
  if (containsAnyPhrase(patternsOf(input, HOLD_WARNING_PHRASES), words) && own.length <= HOLD_OWN_WORDS) {
    return false;
  }
  // «Вас не слышно» over the client's words is about the line, not taking the floor.
  if (containsAnyPhrase(patternsOf(input, CONNECTION_PROBLEM_PHRASES), words)) {
    return false;
  }
  // Both parties saying goodbye at once is the end of the call, not talking over.
  const closing = patternsOf(input, CLOSING_PHRASES);
  if (own.every((word) => CLOSING_WORDS.has(word.lemma))) {
    return false;
  }
  const clientAround = [episode.client, input.view.turns[(episode.manager.at(-1)?.position ?? 0) + 1]];
  return !(containsAnyPhrase(closing, words) && clientAround.some((turn) => turn?.turn.role === 'client' && containsAnyPhrase(closing, turn.words)));
}

/**
 * Tells whether a client turn ends with a question («…а когда ближайшая дата», «…или это другая компания»).
 * A manager who starts the answer while the client says the last words of a question takes the turn the
 * question hands over, so the overlap does not cut the client off.
 */
function endsWithQuestion(input: DetectorInput, turn: TurnView): boolean {
  const questions = input.questionsByTurn.get(turn) ?? [];
  return questions.some((question) => question.first >= turn.words.length - QUESTION_END_WORDS);
}

/** Tells whether a client turn says more than greetings and backchannel («нет, добрый, добрый, да» does not). */
function hasContentWords(turn: TurnView): boolean {
  const content = turn.words.filter((word) => !BACKCHANNEL_WORDS.has(word.norm) && !GREETING_WORDS.has(word.norm));
  return content.length >= MIN_CONTENT_WORDS;
}

/** Words that carry something of the speaker's own: not backchannel, not numbers, not the other party's words echoed. */
function ownWords(words: readonly CallWord[], echoed: ReadonlySet<string>): CallWord[] {
  return words.filter((word) => !BACKCHANNEL_WORDS.has(word.norm) && word.pos !== 'NUMR' && !/\d/u.test(word.norm) && !echoed.has(word.lemma));
}

/** Evidence of an episode: its first manager turn that says something of its own, quoted from its start. */
function episodeEvidence(input: DetectorInput, episode: InterruptionEpisode): Evidence {
  const echoed = new Set(episode.client.words.map((word) => word.lemma));
  const first = episode.manager.find((turn) => ownWords(turn.words, echoed).length > 0) ?? episode.manager[0];
  if (first === undefined) {
    throw new RangeError('An interruption episode has no manager turn');
  }
  return evidenceFromTurn(input.view, first);
}

/**
 * Places where the manager talked over the client: one per episode in the text, and one per overlap
 * measured on the signal where the manager came in last.
 */
export function interruptionPlaces(input: DetectorInput): Evidence[] {
  const textPlaces = interruptionEpisodes(input).map((episode) => episodeEvidence(input, episode));
  const seen = new Set(textPlaces.map((place) => place.turn));
  return [...textPlaces, ...signalPlaces(input, seen)].sort((a, b) => a.turn - b.turn);
}

/** Overlaps measured on the signal where the manager came in last, at the manager turn of that moment. */
function signalPlaces(input: DetectorInput, seen: Set<number>): Evidence[] {
  const places: Evidence[] = [];
  for (const overlap of input.view.transcript.signal?.overlaps ?? []) {
    if (overlap.by !== 'manager' || overlap.endSec - overlap.startSec < MIN_SIGNAL_OVERLAP_SEC) {
      continue;
    }
    const turn = managerTurnAt(input, overlap.startSec);
    if (turn !== undefined && !seen.has(turn.turn.index)) {
      seen.add(turn.turn.index);
      places.push({ ...evidenceFromTurn(input.view, turn), startSec: overlap.startSec });
    }
  }
  return places;
}

function managerTurnAt(input: DetectorInput, seconds: number): TurnView | undefined {
  return input.view.turns.find((turn) => {
    const { startSec, endSec } = turn.turn;
    return turn.turn.role === 'manager' && turn.quotable && startSec !== null && startSec <= seconds + MIN_SIGNAL_OVERLAP_SEC && (endSec ?? startSec) >= seconds;
  });
}

/**
 * Tells whether the episode at a place takes the floor: the manager says a sentence of their own there.
 * Numbers, interjections, «не» and the client's content words echoed back («семнадцатого числа, каждый
 * месяц семнадцатого») are not counted.
 */
function takesFloor(input: DetectorInput, place: Evidence): boolean {
  const episode = interruptionEpisodes(input).find((candidate) => candidate.manager.some((turn) => turn.turn.index === place.turn));
  if (episode === undefined) {
    return tokenize(place.quote).length >= FLOOR_TAKING_WORDS;
  }
  // Only the client's content words are echoed: «было» is not an echo of the client's «будет».
  const echoed = new Set(episode.client.words.filter((word) => ECHO_POS.has(word.pos ?? '') && word.lemma !== 'быть').map((word) => word.lemma));
  const said = ownWords(episode.manager.flatMap((turn) => turn.words), echoed).filter((word) => word.pos !== 'INTJ' && !NEGATIONS.has(word.norm));
  return said.length >= FLOOR_TAKING_WORDS;
}

// Parts of speech of the client's content words, which the manager may echo.
const ECHO_POS: ReadonlySet<string> = new Set(['NOUN', 'ADJF', 'ADJS', 'PRTF', 'VERB', 'INFN', 'NUMR']);
// Interjections («ой», «ээ») and the clitics «не», «ни» do not make a sentence longer.
const NEGATIONS: ReadonlySet<string> = new Set(['не', 'ни']);

/**
 * Interruption: the manager talks over the client. One finding per call, because talking over is a habit
 * of the conversation. Its main quote is the first episode, and every further episode is its evidence.
 */
export function detectInterruptions(input: DetectorInput): FindingDraft[] {
  const places = interruptionPlaces(input);
  const [first, ...rest] = places;
  // A single short overlap in recognised text may be ordinary turn-taking. A habit shows as two or more
  // episodes, or as one where the manager takes the floor with a sentence of their own. An overlap
  // measured on the signal needs no such proof.
  const measured = input.view.transcript.signal !== undefined;
  if (first === undefined || (!measured && places.length < MIN_PLACES && !takesFloor(input, first))) {
    return [];
  }
  const count = rest.length + 1;
  const when = first.startSec === null ? '' : ` (впервые на ${formatMoment(first.startSec)})`;
  return [draftFinding(
    'interruption',
    first,
    `Менеджер перебивает клиента: ${count} ${plural(count, ['раз', 'раза', 'раз'])}${when}.`,
    `${momentLead(first, 'manager', 'заговорили, не дослушав клиента')} — дайте клиенту договорить, затем коротко повторите его мысль и только после этого отвечайте.`,
    rest,
  )];
}
