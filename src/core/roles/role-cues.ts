import type { PhraseSpec } from '../text/phrase-matcher.ts';

/** A phrase typical of one party, with its weight as evidence. */
export interface RoleCue extends PhraseSpec {
  weight: number;
}

// What an employee of a contact centre says and a client rarely does: introducing themselves and the
// company, offering help, asking the identification questions, holding and thanking for the wait.
export const MANAGER_CUES: readonly RoleCue[] = [
  { text: 'меня зовут', weight: 3 },
  { text: 'чем могу помочь', weight: 4 },
  { text: 'чем могу быть полезен', weight: 4 },
  { text: 'слушаю вас', weight: 2 },
  { text: 'компания', weight: 1 },
  { text: 'спасибо за ожидание', weight: 4 },
  { text: 'благодарю за ожидание', weight: 4 },
  { text: 'оставайтесь на линии', weight: 4 },
  { text: 'спасибо за обращение', weight: 4 },
  { text: 'по какому вопросу', weight: 3 },
  { text: 'назовите пожалуйста', weight: 2 },
  { text: 'продиктуйте', weight: 2 },
  { text: 'подскажите ваш', weight: 2 },
  { text: 'номер договора', weight: 1 },
  { text: 'адрес подключения', weight: 2 },
  { text: 'дата рождения', weight: 2 },
  { text: 'фамилия имя отчество', weight: 2 },
  { text: 'кодовое слово', weight: 2 },
  { text: 'могу предложить', weight: 2 },
  { text: 'вам удобно', weight: 1 },
  { text: 'ожидайте', weight: 1 },
  { text: 'оформлю заявку', weight: 2 },
  { text: 'заявка', weight: 0.5 },
  { text: 'специалист', weight: 0.5 },
  { text: 'по вашему договору', weight: 2 },
  { text: 'у вас подключен', weight: 2 },
  { text: 'на вашем счете', weight: 2 },
  { text: 'я вижу', weight: 1 },
  { text: 'вижу у вас', weight: 2 },
  { text: 'хорошего дня', weight: 1 },
  { text: 'всего доброго', weight: 0.5 },
  { text: 'подскажите пожалуйста', weight: 0.5 },
  { text: 'для уточнения', weight: 2 },
  { text: 'в целях безопасности', weight: 3 },
  { text: 'разговор записывается', weight: 4 },
  { text: 'могу вам помочь', weight: 3 },
  // An outbound call opens with who is calling and whether the client can talk.
  { text: 'вас беспокоит', weight: 4 },
  { text: 'беспокоит компания', weight: 4 },
  { text: 'удобно говорить', weight: 3 },
  { text: 'удобно разговаривать', weight: 3 },
  { text: 'вам звонит', weight: 3 },
  { text: 'звоню вам по', weight: 2 },
  { text: 'мы звоним', weight: 2, maxGap: 0 },
  { text: 'специальное предложение', weight: 2 },
  { text: 'для вас', weight: 1, maxGap: 0 },
  { text: 'правильно обращаюсь', weight: 3 },
];

// What a client says and an employee rarely does: addressing the employee, describing their own
// trouble, saying why they call.
export const CLIENT_CUES: readonly RoleCue[] = [
  { text: 'девушка', weight: 2, maxGap: 0 },
  { text: 'молодой человек', weight: 3, maxGap: 0 },
  { text: 'у меня не работает', weight: 3 },
  { text: 'у меня', weight: 0.5, maxGap: 0 },
  { text: 'не работает', weight: 1 },
  { text: 'я хотел узнать', weight: 2 },
  { text: 'хотела бы узнать', weight: 2 },
  { text: 'я звоню', weight: 2, maxGap: 0 },
  { text: 'вы мне звонили', weight: 3 },
  { text: 'мне позвонили', weight: 2 },
  { text: 'мой договор', weight: 2 },
  { text: 'я абонент', weight: 3 },
  { text: 'я ваш клиент', weight: 3 },
  { text: 'мне нужно', weight: 1 },
  { text: 'я оплатил', weight: 2 },
  { text: 'я оплачиваю', weight: 2 },
  { text: 'почему у меня', weight: 2 },
  { text: 'что мне делать', weight: 2 },
  { text: 'можно мне', weight: 1 },
  { text: 'моя карта', weight: 2 },
  { text: 'мою карту', weight: 2 },
  { text: 'я перевел', weight: 2 },
  { text: 'я отправлял', weight: 2 },
  { text: 'спасибо вам', weight: 1 },
];
