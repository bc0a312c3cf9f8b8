import type { PromiseAction } from '../model/evaluation.ts';

// Verbs by which the manager commits to an action, by lemma. Az.js lemmatizes an aspect pair to two
// lemmas, so both are listed where both occur in speech («отправлю», «буду отправлять»).
export const FIRST_PERSON_ACTIONS: ReadonlyMap<string, PromiseAction> = new Map([
  ...(['перезвонить', 'позвонить', 'звонить', 'набрать', 'связаться', 'созвониться', 'дозвониться', 'отзвониться'] as const).map((lemma) => [lemma, 'callback'] as const),
  ...(['прислать', 'присылать', 'отправить', 'отправлять', 'выслать', 'высылать', 'скинуть', 'скидывать', 'направить', 'переслать', 'написать', 'продублировать', 'сбросить', 'отослать'] as const).map((lemma) => [lemma, 'send'] as const),
  ...(['приехать', 'прийти', 'подъехать', 'заехать', 'выехать', 'подойти', 'зайти'] as const).map((lemma) => [lemma, 'visit'] as const),
  ...(['соединить', 'переключить', 'перевести', 'переадресовать'] as const).map((lemma) => [lemma, 'transfer'] as const),
  ...([
    'оформить', 'передать', 'передавать', 'проверить', 'перепроверить', 'подключить', 'сделать', 'решить', 'сообщить', 'уведомить',
    'оставить', 'создать', 'зафиксировать', 'дописать', 'указать', 'внести', 'вернуть', 'закрыть', 'перенести', 'активировать', 'исправить',
    'пересчитать', 'приостановить', 'восстановить', 'продлить', 'назначить', 'разобраться', 'выяснить', 'переоформить', 'уточнить',
    'узнать', 'записать', 'поставить', 'подготовить', 'рассчитать', 'начислить', 'отменить', 'согласовать', 'забронировать', 'запланировать',
  ] as const).map((lemma) => [lemma, 'other'] as const),
]);

/**
 * Present-tense verbs that state a commitment being made rather than an action under way, in the
 * singular only: «передаю в службу безопасности», while «мы мастеров отправляем» describes a routine.
 */
export const PRESENT_COMMITMENTS: ReadonlySet<string> = new Set([
  'передавать', 'направлять', 'отправлять', 'переводить', 'ставить', 'записывать', 'высылать',
]);

/** «перевожу» commits to a payment only next to money; «перевожу вас» is a transfer under way. */
export const MONEY_WORDS: ReadonlySet<string> = new Set(['счет', 'рубль', 'деньги', 'сумма', 'баланс', 'копейка', 'средство', 'карта']);

/** «ставлю», «записываю» commit only together with a time: «с четырёх до пяти вам ставлю». */
export const NEEDS_TIME: ReadonlySet<string> = new Set(['ставить', 'записывать', 'поставить', 'записать', 'сделать', 'закрыть', 'назначить']);

/** Verbs that describe a check done while the client waits («сейчас проверю») unless something marks later. */
export const IN_CALL_CHECKS: ReadonlySet<string> = new Set([
  'проверить', 'перепроверить', 'уточнить', 'узнать', 'записать', 'оформить', 'сказать', 'соединить', 'переключить', 'перевести',
  'подключить', 'сделать', 'поставить', 'создать', 'указать', 'внести', 'оставить', 'передать', 'передавать', 'переводить',
  'забронировать', 'сформировать', 'посмотреть', 'попробовать', 'позвонить', 'звонить', 'набрать',
]);

/** Actions that are promised even when said with «сейчас»: the call ends before they happen. */
export const AFTER_CALL_ACTIONS: ReadonlySet<string> = new Set([
  'перезвонить', 'прислать', 'присылать', 'отправить', 'отправлять', 'выслать', 'скинуть', 'направить', 'переслать', 'продублировать', 'сбросить',
]);

/** Words that put an action right now, during the call. */
export const IMMEDIACY: ReadonlySet<string> = new Set(['сейчас', 'секунду', 'секундочку', 'минуту', 'минутку', 'щас', 'ща', 'пока', 'сразу', 'давайте']);

/** Words that put an action after the call («обязательно», «потом»), so a check becomes a promise. */
export const LATER_MARKERS: ReadonlySet<string> = new Set(['обязательно', 'потом', 'затем', 'позже', 'позднее', 'попозже', 'после']);

/** Modal verbs after which an infinitive is the manager's own offer: «могу вам перезвонить», «постараюсь отправить». */
export const FIRST_PERSON_MODALS: ReadonlySet<string> = new Set(['мочь', 'смочь', 'быть', 'постараться', 'попробовать', 'хотеть', 'попытаться', 'должный']);

/** Who may come or call on the company's behalf: «мастер придёт», «специалист с вами свяжется». */
export const STAFF_SUBJECTS: ReadonlySet<string> = new Set([
  'мастер', 'специалист', 'техник', 'техника', 'монтажник', 'инженер', 'сотрудник', 'курьер', 'менеджер', 'коллега', 'отдел',
  'служба', 'бригада', 'он', 'она', 'они', 'программист', 'руководитель', 'оператор', 'представитель', 'агент', 'консультант',
]);

/** Third-person verbs of a visit or a call by staff, and what they promise. */
export const THIRD_PERSON_ACTIONS: ReadonlyMap<string, PromiseAction> = new Map([
  ...(['прийти', 'приехать', 'подъехать', 'подойти', 'выехать', 'заехать', 'зайти', 'посетить'] as const).map((lemma) => [lemma, 'visit'] as const),
  ...(['связаться', 'перезвонить', 'позвонить', 'звонить', 'набрать', 'дозвониться', 'отзвониться'] as const).map((lemma) => [lemma, 'callback'] as const),
  ...(['проверить', 'решить', 'подключить', 'рассмотреть', 'исправить', 'провести', 'сделать', 'починить', 'установить'] as const).map((lemma) => [lemma, 'other'] as const),
]);

/** Things that arrive when the company sends them: «вам придёт смс». */
export const SENT_ITEMS: ReadonlySet<string> = new Set([
  'смс', 'смска', 'эсэмэска', 'сообщение', 'ссылка', 'письмо', 'уведомление', 'договор', 'счет', 'квитанция', 'код', 'предложение', 'информация',
]);

/** «ожидайте звонка», «ожидайте мастера»: what the client is told to wait for. */
export const AWAITED: ReadonlyMap<string, PromiseAction> = new Map([
  ['звонок', 'callback'], ['звонить', 'callback'], ['мастер', 'visit'], ['специалист', 'visit'], ['техник', 'visit'], ['техника', 'visit'],
  ['монтажник', 'visit'], ['инженер', 'visit'], ['смс', 'send'], ['смска', 'send'], ['сообщение', 'send'], ['письмо', 'send'], ['ссылка', 'send'],
]);

/** A booked visit: «заявка создана на завтра с семи до девяти», «время забронировано». */
export const BOOKING_NOUNS: ReadonlySet<string> = new Set(['заявка', 'время', 'визит', 'выезд', 'запись']);
export const BOOKING_VERBS: ReadonlySet<string> = new Set([
  'создать', 'сформировать', 'оформить', 'составить', 'забронировать', 'поставить', 'записать', 'назначить', 'зарегистрировать', 'выдать',
]);

/** Phrases that mean the transfer is carried out in this call («оставайтесь на линии»). */
export const HOLD_PHRASES: readonly string[] = [
  'оставайтесь на линии', 'не отключайтесь', 'не кладите трубку', 'не кладите трубочку', 'ожидайте ответа', 'ожидайте на линии',
  'соединяю', 'перевожу вас', 'переключаю', 'переадресую',
];

/** A call drop the manager promises to call back after: «если прервётся я вам перезвоню». */
export const CONTINGENCY_WORD = /^(?:прерв|оборв|разъедин|сорв|отключ)/u;

/** Ends of a clause: a promise's quote does not reach across them. */
export const CLAUSE_BREAKS: ReadonlySet<string> = new Set(['но', 'потому', 'поэтому', 'если', 'хорошо', 'алло', 'здравствуйте', 'спасибо']);
