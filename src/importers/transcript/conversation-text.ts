/**
 * Checks that plain text without speaker labels can be a phone conversation before it becomes a call.
 * Labels («Менеджер:», «Клиент:») and every other format state that the text is a conversation, so
 * only unlabelled text is checked. The rule is deliberately loose, because rejecting a real call costs
 * more than letting a stray note through:
 *
 * 1. at least `MIN_CONVERSATION_WORDS` words, since a shorter text has nothing a checklist can judge;
 * 2. at least one word of address or call etiquette (`CONVERSATION_WORDS`): a greeting, a farewell,
 *    thanks, «вы» or «ты» in any form, «алло», «слушаю», or a word about calling back.
 *
 * Each of 66 real recognised calls of an internet provider, read as unlabelled text, has at least two
 * distinct such words, and the shortest has 38 words. A shopping list or a to-do note has none.
 */

import { tokenize } from '../../core/text/tokenize.ts';
import { plural } from './import-messages.ts';

/** Minimum number of words in unlabelled text read as a call. */
export const MIN_CONVERSATION_WORDS = 4;

/** Words of address and call etiquette, lower case with «ё» as «е». */
const CONVERSATION_WORDS: ReadonlySet<string> = new Set([
  // Greetings and farewells.
  'алло', 'алле', 'здравствуйте', 'здравствуй', 'здрасьте', 'здрасте', 'драсте', 'привет', 'приветствую',
  'добрый', 'доброе', 'доброго', 'свидания', 'досвидания',
  // Thanks and requests.
  'спасибо', 'благодарю', 'пожалуйста',
  // «Вы» and «ты» in every case, with the possessives.
  'вы', 'вас', 'вам', 'вами', 'ваш', 'ваша', 'ваше', 'вашу', 'вашего', 'вашей', 'вашему', 'вашем', 'ваши', 'ваших', 'вашим', 'вашими',
  'ты', 'тебя', 'тебе', 'тобой', 'твой', 'твоя', 'твое', 'твою', 'твоего', 'твоей', 'твоему', 'твоем', 'твои', 'твоих', 'твоим', 'твоими',
  // The call itself.
  'слушаю', 'слышно', 'слышите', 'слышишь', 'звоню', 'звоните', 'позвоните', 'перезвоните', 'перезвоню', 'перезвоним', 'перезвонить',
  // Backchannel words, which are spoken and rarely written.
  'угу', 'ага',
]);

/** Finds why unlabelled text cannot be a conversation, in Russian, or returns null when it can be one. */
export function conversationProblem(text: string): string | null {
  // Numbers are not words here: a column of figures is no conversation.
  const words = tokenize(text).map((token) => token.norm).filter((word) => /\p{L}/u.test(word));
  if (words.length < MIN_CONVERSATION_WORDS) {
    return `это не похоже на расшифровку разговора: в тексте ${wordCount(words.length)}, а для оценки звонка нужно хотя бы ${MIN_CONVERSATION_WORDS}.`;
  }
  if (!words.some((word) => CONVERSATION_WORDS.has(word))) {
    return 'это не похоже на расшифровку разговора: в тексте нет меток ролей и нет ни одного слова, которое собеседники говорят друг другу по телефону («здравствуйте», «алло», «вы», «спасибо», «до свидания»).';
  }
  return null;
}

function wordCount(count: number): string {
  return count === 0 ? 'нет ни одного слова' : `${count} ${plural(count, 'слово', 'слова', 'слов')}`;
}
