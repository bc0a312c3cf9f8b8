/**
 * Knowledge for telling questions in unpunctuated ASR text, where «?» is missing: question words,
 * request verbs («подскажите»), and the kinds of answer each question word expects.
 */

/** Question words, as folded forms. «что» and «как» are also conjunctions, so their position matters. */
export const QUESTION_WORDS: ReadonlySet<string> = new Set([
  'что', 'чего', 'чем', 'чему', 'как', 'какой', 'какая', 'какое', 'какие', 'какого', 'какую', 'каким', 'какими',
  'каких', 'каком', 'какому', 'когда', 'почему', 'зачем', 'отчего', 'где', 'куда', 'откуда', 'сколько', 'чей',
  'чья', 'чье', 'чьи', 'кто', 'кого', 'кому', 'ли', 'разве', 'неужели', 'долго', 'скоко', 'шо', 'че', 'чё',
]);

/** Question words that stay questions anywhere in a clause; the others must open it. */
export const STRONG_QUESTION_WORDS: ReadonlySet<string> = new Set([
  'почему', 'зачем', 'сколько', 'скоко', 'ли', 'разве', 'неужели',
]);

/** Words after which a question word may open a new clause («а сколько», «скажите когда»). */
export const CLAUSE_OPENERS: ReadonlySet<string> = new Set([
  'а', 'и', 'ну', 'так', 'вот', 'но', 'тогда', 'еще', 'ещё', 'подскажите', 'скажите', 'подскажи', 'скажи',
  'уточните', 'пожалуйста', 'девушка', 'мужчина', 'слушайте', 'извините', 'простите', 'хорошо', 'ладно', 'да',
  'нет', 'угу', 'ага', 'понятно', 'ясно', 'то', 'есть', 'вообще', 'интересно', 'значит', 'это', 'получается',
]);

/** Phrases that ask for something without a question word: «подскажите», «а можно», «вы можете». */
export const QUESTION_PHRASES: readonly string[] = [
  'подсказать|подскажите|подскажи',
  'не подскажете',
  '=назовите|=продиктуйте|=уточните|=напомните',
  'скажите|скажи пожалуйста',
  'а можно',
  'можно ли',
  'можно * узнать|уточнить|сделать|поменять|перенести|подключить|отключить',
  'а если',
  'а что если',
  '=можете|=сможете * сказать|подсказать|уточнить|назвать',
  'а у вас',
  'у вас есть',
  'а вы',
  '=вам =удобно',
  '=вы =хотите|=хотели',
  '=вы =пробовали',
  'правильно я понимать',
  'да или нет',
  'так или нет',
  'или нет',
  'интересно узнать',
  'хотеть|хотел|хотела узнать|спросить|уточнить',
  'вопрос такой',
  'объясните',
  'расскажите',
];

/** Words an answer to each question word usually contains (lemmas or exact forms). */
export const ANSWER_CUES: Readonly<Record<string, readonly string[]>> = {
  // An amount or a duration, which may be told by an event: «подождём, пока прогрузится».
  сколько: ['рубль', 'копейка', 'бесплатно', 'стоить', 'стоимость', 'цена', 'сумма', 'процент', 'тысяча', 'сотня', 'секунда', 'минута', 'час', 'день', 'неделя', 'месяц', 'мегабит', 'ноль', 'ничего', 'пока', 'после', 'немного', 'недолго'],
  когда: ['сегодня', 'завтра', 'послезавтра', 'вчера', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье', 'число', 'час', 'минута', 'неделя', 'месяц', 'утро', 'вечер', 'день', 'через', 'после', 'течение', 'до', 'сразу', 'ближайший', 'скоро', 'уже'],
  почему: ['потому', 'поэтому', 'так как', 'из-за', 'причина', 'связанный', 'связать', 'дело', 'следствие', 'того', 'чтобы'],
};

/** Words that answer a yes-or-no question («можно ли…», «разве…») by themselves. */
export const YES_NO_ANSWERS: ReadonlySet<string> = new Set(['да', 'нет', 'конечно', 'можно', 'нельзя', 'неа', 'разумеется', 'естественно', 'обязательно']);

/** Question words of yes-or-no questions. */
export const YES_NO_QUESTION_WORDS: ReadonlySet<string> = new Set(['ли', 'разве', 'неужели']);

/** Phatic questions and checks of the line, which ask for no answer of substance. */
export const PHATIC_QUESTION_PHRASES: readonly string[] = [
  'как * дела|жизнь|поживать',
  'вы * слышать|слышно',
  'меня * слышно|слышать',
  'алло',
];

/** The manager promises to find out: a question so met is not ignored. */
export const FIND_OUT_PHRASES: readonly string[] = [
  'уточнить|узнать|проверить|посмотреть|выяснить',
  'сейчас посмотреть|проверить|уточнить',
  'перезвонить|связаться',
  'передать|переведу|перевести|соединить',
];

/**
 * The manager did not catch the client's words and asks to hear them again. Such a turn is no reply, so the
 * client's repeat is the question to judge.
 */
export const REPEAT_REQUEST_PHRASES: readonly string[] = [
  'прошу прощение',
  'извините|простите',
  '=повторите|=повторить',
  '=еще|=ещё раз =повторите|=пожалуйста|=можно',
  'не расслышать',
  'не понять',
  'что * сказать',
];

/** A short hold right after a question: the manager goes to look the answer up («секундочку», «один момент»). */
export const LOOKUP_HOLD_PHRASES: readonly string[] = [
  '=секундочку|=секунду|=минуточку|=минутку|=минуту',
  'один момент|минута|секунда',
];
