import type { CallView, CallWord, TurnView } from './call-view.ts';
import { cachedPatterns } from './lexicon-cache.ts';
import { CLAUSE_OPENERS, QUESTION_PHRASES, QUESTION_WORDS, STRONG_QUESTION_WORDS } from './lexicon/questions.lexicon.ts';
import { findAllPhrases } from '../text/phrase-pattern.ts';
import { findQuestionCues } from '../text/questions.ts';

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

// «как бы», «как раз», «так как», «так что», «потому что» are not questions.
const NOT_QUESTION_AFTER: Readonly<Record<string, ReadonlySet<string>>> = {
  как: new Set(['бы', 'раз', 'будто', 'только', 'минимум', 'максимум', 'обычно', 'правило', 'всегда', 'и', 'вариант', 'таковой', 'таковая', 'таковое', 'следует', 'положено', 'надо', 'говорится']),
  что: new Set(['бы', 'ли']),
  когда: new Set(['как']),
};
// ASR writes «почему-то», «что-нибудь» as two words: with these particles a question word is indefinite.
const INDEFINITE_PARTICLES = new Set(['то', 'нибудь', 'либо', 'небудь']);
const NOT_QUESTION_BEFORE: Readonly<Record<string, ReadonlySet<string>>> = {
  как: new Set(['так', 'также', 'то', 'тогда']),
  что: new Set(['так', 'то', 'потому', 'тем', 'только', 'за']),
};

// Words that may stand between a clause's start and its question word: «а на какое время», «и в каком месте».
const PREPOSITIONS = new Set(['в', 'во', 'на', 'с', 'со', 'к', 'по', 'о', 'об', 'от', 'до', 'из', 'за', 'для', 'у', 'при', 'через', 'про']);

// A yes-or-no question has no question word, so «вы» in it and «да» or «нет» in the reply mark it.
const SECOND_PERSON = new Set(['вы', 'вам', 'вас', 'ваш', 'ваша', 'ваше', 'ваши', 'вашу', 'вашего', 'вашей', 'вашим', 'вашем']);
const TAG_WORDS = new Set(['да', 'верно', 'правильно']);
const YES_NO_REPLY = new Set(['да', 'нет', 'конечно', 'неа']);
// A yes-or-no question is short; a long turn with «вы» in it is an explanation the client agrees with.
const YES_NO_MAX_WORDS = 12;
const YES_NO_CLAUSE_WORDS = 8;
const SHORT_A_QUESTION_WORDS = 8;

/**
 * Finds the questions of a turn. ASR text has no «?», so a question is recognised by a question word
 * opening a clause («а сколько это стоит»), a word that is a question anywhere («почему», «ли»), or a
 * request phrase («подскажите», «а можно», «вы можете»). A manager's turn that gets «да» or «нет» in reply
 * is read as a yes-or-no question; a client's is not, because clients confirm what they themselves say.
 */
export function findQuestions(view: CallView, turn: TurnView, reply?: TurnView): QuestionSpan[] {
  const words = turn.words;
  const starts: { position: number; questionWord: string | null }[] = [];

  for (let position = 0; position < words.length; position++) {
    const word = words[position];
    if (word === undefined || !QUESTION_WORDS.has(word.norm)) {
      continue;
    }
    const next = words[position + 1];
    const previous = words[position - 1];
    if (next !== undefined && (INDEFINITE_PARTICLES.has(next.norm) || NOT_QUESTION_AFTER[word.norm]?.has(next.norm) === true)) {
      continue;
    }
    if (previous !== undefined && NOT_QUESTION_BEFORE[word.norm]?.has(previous.norm) === true) {
      continue;
    }
    if (isTemporalClause(words, position)) {
      continue;
    }
    // «объясню, почему», «не знаю, сколько» are reported questions, not asked ones; «есть ли» is asked.
    const reported = word.norm !== 'ли' && previous !== undefined && REPORTING_VERBS.has(previous.lemma);
    if ((STRONG_QUESTION_WORDS.has(word.norm) && !reported) || opensClause(words, position)) {
      starts.push({ position, questionWord: word.norm });
    }
  }
  for (const match of findAllPhrases(cachedPatterns(view.morphology, QUESTION_PHRASES), words)) {
    if (!isReported(words, match.first)) {
      starts.push({ position: match.first, questionWord: null });
    }
  }
  // The text layer's cues add modal and imperative requests told by grammar («а можно…», «уточните»). They
  // are looked for in the manager's turns where the word cues found nothing: need discovery depends on them,
  // while an ignored client question needs a question word anyway.
  for (const cue of starts.length === 0 && turn.turn.role === 'manager' ? findQuestionCues(words) : []) {
    if (cue.kind === 'request' || cue.kind === 'modal' || cue.kind === 'particle') {
      starts.push({ position: cue.firstToken, questionWord: cue.kind === 'particle' ? 'ли' : null });
    }
  }

  // A short turn opening with «а» asks: «а роутер свой?», «а лампочки горят?». With «ага», «хорошо» in it
  // the «а» is the speaker taking in an answer: «а, всё, пришли, ага, хорошо».
  const reaction = words.some((word) => ACKNOWLEDGEMENTS.has(word.norm) && !TAG_WORDS.has(word.norm) && word.norm !== 'ну');
  if (starts.length === 0 && words.length <= SHORT_A_QUESTION_WORDS && words[0]?.norm === 'а' && words.length > 1 && !reaction) {
    starts.push({ position: 0, questionWord: null });
  }
  if (starts.length === 0 && reply !== undefined && turn.turn.role === 'manager' && isYesNoQuestion(words, reply)) {
    starts.push({ position: Math.max(0, words.length - YES_NO_CLAUSE_WORDS), questionWord: null });
  }
  if (starts.length === 0 && reply !== undefined && turn.turn.role === 'manager' && isChoiceQuestion(words, reply)) {
    starts.push({ position: 0, questionWord: null });
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

// Verbs of saying and knowing that turn a question word into a reported question.
const REPORTING_VERBS = new Set([
  'знать', 'понять', 'понимать', 'объяснить', 'объяснять', 'сказать', 'говорить', 'спросить', 'спрашивать',
  'думать', 'помнить', 'видеть', 'уточнить', 'узнать', 'проверить', 'посмотреть', 'разобраться', 'представлять',
  'интересовать', 'рассказать', 'подсказать', 'выяснить', 'решить', 'понятно', 'непонятно', 'ясно',
]);

const SUBJECT_PRONOUNS = new Set(['я', 'мы', 'он', 'она', 'они', 'ты', 'оно']);

/**
 * Tells a time clause from a question: «когда я пришла домой…», «когда жду мастера…» and «когда
 * открываешь приложение…» say when something happens, while «когда вы придёте?» is a question. A client
 * asks about their own plans with an infinitive («когда мне ждать»), so the present tense of «я» and the
 * generic «ты» describe a habit.
 */
function isTemporalClause(words: readonly CallWord[], position: number): boolean {
  const word = words[position];
  if (word?.norm !== 'когда') {
    return false;
  }
  const next = words[position + 1];
  const afterPronoun = next !== undefined && (next.norm === 'я' || next.norm === 'ты') ? words[position + 2] : next;
  if (afterPronoun !== undefined && isHabitualVerb(afterPronoun)) {
    return true;
  }
  const subject = next;
  const verb = words[position + 2];
  // «а когда заметили?» asks even with a past verb.
  if (subject === undefined || words[position - 1]?.norm === 'а') {
    return false;
  }
  return SUBJECT_PRONOUNS.has(subject.norm) && verb !== undefined && isPastVerb(verb);
}

/**
 * A verb of the generic second person singular («нажимаешь», «откроешь») or of the first person singular
 * present («жду», «звоню»). «Могу» is left out: «когда могу подъехать» asks.
 */
function isHabitualVerb(word: CallWord): boolean {
  if (word.pos !== 'VERB' || !word.grammemes.includes('sing')) {
    return false;
  }
  if (word.grammemes.includes('2per')) {
    return true;
  }
  return word.grammemes.includes('1per') && word.grammemes.includes('pres') && word.lemma !== 'мочь';
}

// Past-tense verbs end in -л, -ла, -ло, -ли, with -ся after them in reflexive verbs. The suffix decides
// when the morphology's first parse is another word («пришла» as the adjective «пришлый»).
const PAST_ENDING = /(?:л|ла|ло|ли)(?:ся|сь)?$/u;

function isPastVerb(word: CallWord): boolean {
  return word.past || (word.norm.length > 3 && PAST_ENDING.test(word.norm) && word.pos !== 'NOUN');
}

function opensClause(words: readonly CallWord[], position: number): boolean {
  let before = position - 1;
  while (before >= 0 && PREPOSITIONS.has(words[before]?.norm ?? '')) {
    before -= 1;
  }
  if (before < 0) {
    return true;
  }
  const previous = words[before];
  return previous !== undefined && CLAUSE_OPENERS.has(previous.norm);
}

/**
 * Tells whether a turn was a yes-or-no question: it speaks of «вы» or ends in a tag («…, да?», «…,
 * верно?»), and the other party replies «да» or «нет».
 */
function isYesNoQuestion(words: readonly CallWord[], reply: TurnView): boolean {
  const first = reply.words[0];
  if (first === undefined || !YES_NO_REPLY.has(first.norm) || words.length < 2) {
    return false;
  }
  // The tag may be followed by a filler: «заработало, да, чё?».
  if (words.slice(-2).some((word) => TAG_WORDS.has(word.norm))) {
    return true;
  }
  return words.length <= YES_NO_MAX_WORDS && words.slice(-YES_NO_CLAUSE_WORDS).some((word) => SECOND_PERSON.has(word.norm));
}

/**
 * Tells whether a short manager turn offers a choice the client answers: «на всех устройствах или только
 * на компьютере», «оставляли заявку или впервые звоните». The reply must say something: a bare «угу»
 * acknowledges a statement with «или» in it («можно в офисе или по телефону»).
 */
function isChoiceQuestion(words: readonly CallWord[], reply: TurnView): boolean {
  if (words.length > YES_NO_MAX_WORDS || reply.words.length === 0 || reply.words.every((word) => ACKNOWLEDGEMENTS.has(word.norm))) {
    return false;
  }
  return words.some((word, position) => word.norm === 'или' && position > 0 && position < words.length - 1);
}

const ACKNOWLEDGEMENTS = new Set(['угу', 'ага', 'хорошо', 'ладно', 'понятно', 'ясно', 'спасибо', 'да', 'ну', 'мх', 'окей']);

/**
 * Tells whether a request phrase is reported rather than asked: «сказали, что вы хотели бы настроить»,
 * «говорят, можно перенести».
 */
function isReported(words: readonly CallWord[], first: number): boolean {
  const previous = words[first - 1];
  const beforePrevious = words[first - 2];
  if (previous === undefined) {
    return false;
  }
  if (REPORTED_SPEECH_VERBS.has(previous.lemma)) {
    return true;
  }
  return previous.norm === 'что' && beforePrevious !== undefined && REPORTED_SPEECH_VERBS.has(beforePrevious.lemma);
}

// Verbs that pass on what someone else said.
const REPORTED_SPEECH_VERBS = new Set(['сказать', 'говорить', 'написать', 'писать', 'передать', 'сообщить', 'пояснить', 'объяснить', 'указать']);

/** The words of a question span, for the detectors that look at what it asks. */
export function spanWords(span: QuestionSpan): CallWord[] {
  return span.turn.words.slice(span.first, span.last + 1);
}
