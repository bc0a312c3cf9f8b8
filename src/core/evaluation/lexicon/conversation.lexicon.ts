/**
 * Phrases of the conversation's flow that several detectors share. Written in the phrase syntax of
 * `phrase-pattern.ts`: words match by lemma, `а|б` is a choice, `=слово` an exact form, `слово*` a prefix.
 */

/**
 * Short replies that only show the listener is there («угу», «да-да», «так»). A turn made only of these is
 * a backchannel: it neither interrupts nor answers.
 */
export const BACKCHANNEL_WORDS: ReadonlySet<string> = new Set([
  'угу', 'ага', 'агась', 'да', 'дада', 'дадада', 'да-да', 'мх', 'мгм', 'хм', 'ммм', 'мм', 'м', 'ну', 'так', 'вот',
  'хорошо', 'ясно', 'понятно', 'понял', 'поняла', 'ок', 'окей', 'конечно', 'ладно', 'верно', 'точно', 'отлично',
  'а', 'аа', 'ааа', 'э', 'ээ', 'эээ', 'эм', 'ой', 'угум', 'слушаю', 'внимательно',
]);

/** A warning that the manager is about to be silent or put the client on hold. */
export const HOLD_WARNING_PHRASES: readonly string[] = [
  'минута|минуточка|минутка|секунда|секундочка|момент',
  'подождать|подождите|обождать',
  'ожидать|ожидайте на линия',
  'оставаться на линия',
  'побыть на линия',
  'не класть|положить трубка',
  'не отключаться',
  'сейчас посмотреть|проверить|уточнить|узнать|поискать',
  'я уточнить|проверить|посмотреть|узнать',
  'уточнить у|информация',
  'дайте|дать мне|пару минута|секунда',
];

/**
 * The manager passes the call on within the call. Written as exact present and future forms: «могу вас
 * перевести» only offers a transfer and «вы нас перевели» tells what happened before.
 */
export const TRANSFER_PHRASES: readonly string[] = [
  '=перевожу|=переведу|=переключаю|=переключу|=соединяю|=соединю|=переадресую вас|звонок|на|с',
  'вас * =перевожу|=переведу|=переключаю|=переключу|=соединяю|=соединю|=соединяют|=переводят|=переключают',
  'оставаться на линия',
  'не отключаться',
  'не класть трубка',
];

/** Either party closes the call: thanks, goodbye, «всё, спасибо». */
export const CLOSING_PHRASES: readonly string[] = [
  'до свидание',
  'досвидания|досвиданья|досвидание',
  'всего добрый|хороший|наилучший',
  'хороший|добрый|отличный|приятный день|вечер|выходной',
  'спасибо|благодарить',
  'до связь',
  'пока',
  'договориться',
];

/** The line is bad: the parties cannot hear each other. */
export const CONNECTION_PROBLEM_PHRASES: readonly string[] = [
  'не слышно',
  'плохо слышно',
  'ничего не слышно|слышать',
  'вас не слышать',
  'я не слышать',
  'связь прерываться|пропадать|плохой',
];
