import { beforeAll, describe, expect, it } from 'vitest';

import { loadMorphology } from '../../text/az-morphology.ts';
import type { PromiseAction } from '../model/evaluation.ts';
import type { Role, Turn } from '../model/transcript.ts';
import type { Morphology } from '../text/morphology.ts';
import { extractPromises } from './promises.ts';

let morphology: Morphology;

beforeAll(async () => {
  morphology = await loadMorphology();
});

function turn(index: number, role: Role, text: string): Turn {
  return { index, role, channel: null, speaker: null, startSec: null, endSec: null, text, confidence: null, flags: [], overlapsTurn: null };
}

function extract(turns: Turn[], callStartedAt: string | null = '2026-02-10T14:30:00+03:00') {
  return extractPromises(turns, { morphology, callStartedAt, timeZone: 'Europe/Moscow' });
}

function managerSays(text: string) {
  return extract([turn(0, 'client', 'здравствуйте у меня не работает интернет'), turn(1, 'manager', text)]);
}

describe('extractPromises', () => {
  it.each([
    ['заявка создана на завтра с семи до девяти', 'техник с вами свяжется завтра с семи до девяти'],
    ['Мастер придёт в четверг с десяти до двенадцати.', 'Он вам позвонит в четверг с десяти до двенадцати.'],
  ])('keeps one visit when the staff call comes at its time: «%s» … «%s»', (visit, call) => {
    const promises = extract([
      turn(0, 'client', 'здравствуйте у меня не работает интернет'),
      turn(1, 'manager', 'я вам перезвоню'),
      turn(2, 'client', 'хорошо а когда мастер будет'),
      turn(3, 'manager', visit),
      turn(4, 'client', 'да понятно спасибо большое'),
      turn(5, 'manager', call),
    ]);

    expect(promises.filter((promise) => promise.action === 'visit')).toHaveLength(1);
    expect(promises.filter((promise) => promise.turn === 5)).toEqual([]);
  });

  it.each([
    'техник предварительно с вами свяжется',
    'Мастер позвонит вам перед приездом.',
  ])('keeps the call announcing a visit in the visit: «%s»', (call) => {
    const promises = extract([
      turn(0, 'client', 'здравствуйте у меня не работает интернет'),
      turn(1, 'manager', 'заявка создана мастер придёт завтра с десяти до двенадцати'),
      turn(2, 'client', 'хорошо спасибо большое буду ждать'),
      turn(3, 'manager', call),
    ]);

    expect(promises.map((promise) => promise.action)).toEqual(['visit']);
  });


  it.each<[string, PromiseAction]>([
    ['я вам перезвоню', 'callback'],
    ['хорошо перезвоню вам завтра до обеда', 'callback'],
    ['мы с вами свяжемся', 'callback'],
    ['я вас наберу через двадцать минут', 'callback'],
    ['давайте я вам лучше перезвоню', 'callback'],
    ['могу я вам перезвонить во вторник на следующей неделе', 'callback'],
    ['с вами свяжутся в ближайшее время', 'callback'],
    ['вам перезвонят специалисты', 'callback'],
    ['специалист с вами свяжется', 'callback'],
    ['ожидайте звонка', 'callback'],
    ['я указала чтобы с вами связались по заявке', 'callback'],
    ['пришлю вам договор на почту', 'send'],
    ['я отправлю вам ссылку', 'send'],
    ['скину вам номер смской', 'send'],
    ['направлю вам предложение сегодня', 'send'],
    ['я вам вышлю счет', 'send'],
    ['вам придет смс с кодом', 'send'],
    ['мастер придёт завтра', 'visit'],
    ['мастер приедет с шести до восьми', 'visit'],
    ['выедет специалист в четверг', 'visit'],
    ['техники придут все установят', 'visit'],
    ['Не знаю, когда. Они придут завтра.', 'visit'],
    ['заявка создана на завтра с семи до девяти', 'visit'],
    ['ожидайте пожалуйста с девятнадцати до двадцати одного', 'visit'],
    ['техника можете ожидать завтра', 'visit'],
    ['давайте я вас переведу на специалистов', 'transfer'],
    ['я соединю вас с бухгалтерией', 'transfer'],
    ['я оформлю заявку и перезвоню', 'callback'],
    ['я информацию передам', 'other'],
    ['передаю в службу безопасности', 'other'],
    ['мы обязательно проверим', 'other'],
    ['я проверю и сообщу вам', 'other'],
    ['подключу вам услугу с понедельника', 'other'],
    ['вопрос будет решён в понедельник', 'other'],
    ['двести девяносто шесть рублей я вам перевожу на ваш счет', 'other'],
  ])('«%s» is a %s promise', (text, action) => {
    const [promise] = managerSays(text);
    expect(promise?.action).toBe(action);
  });

  it.each([
    ['могу передать информацию в отдел да'],
    ['Мы можем оставить комментарий для мастера.'],
    ['могу составить запрос чтобы специалист с вами связался'],
  ])('«%s» offers and promises nothing yet', (text) => {
    expect(managerSays(text)).toEqual([]);
  });

  it.each([
    ['можем сделать вам проект уже на этой неделе', 'нет спасибо нам сейчас не нужно'],
    ['Давайте я вам перезвоню завтра?', 'Не надо, я сама.'],
  ])('drops the offer «%s» the client declines', (offer, refusal) => {
    const promises = extract([turn(0, 'client', 'здравствуйте у меня вопрос по кухне'), turn(1, 'manager', offer), turn(2, 'client', refusal)]);
    expect(promises).toEqual([]);
  });

  it.each([
    ['могу перезвонить вам через две минуты', 'через сколько', 'через две минуты', 'нет а потом минут через двадцать'],
    ['давайте я вам перезвоню', 'через сколько', 'минут через пять', 'нет не надо я сама наберу'],
  ])('drops the offer «%s» declined after the question «%s»', (offer, question, answer, refusal) => {
    const promises = extract([
      turn(0, 'client', 'здравствуйте у меня вопрос по счёту'),
      turn(1, 'manager', offer),
      turn(2, 'client', question),
      turn(3, 'manager', answer),
      turn(4, 'client', refusal),
    ]);
    expect(promises).toEqual([]);
  });

  it.each([
    ['могу перезвонить вам через две минуты', 'через сколько', 'через две минуты', 'да давайте буду ждать'],
    ['давайте я вам перезвоню', 'через сколько', 'минут через пять', 'хорошо жду звонка'],
  ])('keeps the offer «%s» taken after the question «%s»', (offer, question, answer, consent) => {
    const promises = extract([
      turn(0, 'client', 'здравствуйте у меня вопрос по счёту'),
      turn(1, 'manager', offer),
      turn(2, 'client', question),
      turn(3, 'manager', answer),
      turn(4, 'client', consent),
    ]);
    expect(promises.map((promise) => promise.action)).toEqual(['callback']);
  });

  it.each<[string, PromiseAction]>([
    ['могу вам завтра перезвонить', 'callback'],
    ['Можем обязательно отправить договор на почту.', 'send'],
  ])('«%s» with a time or «обязательно» is a %s promise', (text, action) => {
    expect(managerSays(text).map((promise) => promise.action)).toEqual([action]);
  });

  it.each([
    ['перезвоните нам завтра'],
    ['если вы перезвоните мы поможем'],
    ['можете перезвонить на горячую линию'],
    ['вы можете позвонить в любое время'],
    ['я вам вчера отправила ссылку'],
    ['мастер уже приходил'],
    ['не могу вам перезвонить'],
    ['я не перезвоню'],
    ['сейчас проверю подождите'],
    ['давайте проверим назовите пожалуйста адрес'],
    ['секундочку сейчас посмотрю'],
    ['чем могу вам помочь'],
    ['сейчас соединю вас не отключайтесь'],
    ['я вас сейчас переведу на специалиста оставайтесь на линии'],
    ['перевожу на оценку'],
    ['вдруг у нас разговор прервётся я вам перезвоню'],
    ['мы мастеров отправляем чтобы они всё проверили'],
    ['спасибо за обращение до свидания'],
    ['вам нужно перезвонить в банк'],
    ['уточни во сколько он придет'],
    ['я же говорила что мастер придет'],
    ['мастер может приехать если нужно'],
    ['можем либо оставить либо переоформить'],
    ['не могу с мастером сама связаться'],
    ['сейчас я внесу оборудование с одиннадцати до тринадцати'],
    ['да оформляю ожидайте'],
    ['у вас будет написано обновить'],
    ['Я не знаю, когда они сделают. Ждите, придут.'],
  ])('«%s» is no promise', (text) => {
    expect(managerSays(text)).toEqual([]);
  });

  it.each([['я вам перезвоню'], ['пришлю вам договор'], ['мастер придет завтра']])('the client saying «%s» promises nothing', (text) => {
    expect(extract([turn(0, 'manager', 'добрый день слушаю вас'), turn(1, 'client', text)])).toEqual([]);
  });

  it('quotes the turn unchanged and points to it', () => {
    const turns = [turn(0, 'client', 'алло'), turn(1, 'manager', 'хорошо тогда я вам перезвоню завтра до обеда всего доброго')];
    const [promise] = extract(turns);
    expect(promise?.turn).toBe(1);
    expect(turns[1]?.text).toContain(promise?.quote);
    expect(promise?.quote.split(' ').length).toBeGreaterThanOrEqual(3);
    expect(promise?.quote.split(' ').length).toBeLessThanOrEqual(15);
  });

  it('resolves the due time against the call start', () => {
    const [promise] = managerSays('я вам перезвоню завтра до обеда');
    expect(promise?.dueText).toBe('завтра до обеда');
    expect(promise?.due).toBe('2026-02-11T13:00:00+03:00');
  });

  it('leaves the due time null when the start is unknown', () => {
    const [promise] = extract([turn(0, 'manager', 'я вам перезвоню завтра до обеда')], null);
    expect(promise?.dueText).toBe('завтра до обеда');
    expect(promise?.due).toBeNull();
  });

  it('reads a promise across a client backchannel', () => {
    const turns = [turn(0, 'manager', 'заявка создана на завтра'), turn(1, 'client', 'угу'), turn(2, 'manager', 'с семи до девяти мастер придет')];
    const [promise] = extract(turns);
    expect(promise?.action).toBe('visit');
    expect(promise?.due).toBe('2026-02-11T21:00:00+03:00');
  });

  it('counts a restated promise once', () => {
    const turns = [
      turn(0, 'manager', 'я вам перезвоню завтра'),
      turn(1, 'client', 'хорошо буду ждать вашего звонка тогда'),
      turn(2, 'manager', 'да тогда завтра перезвоню всего доброго'),
    ];
    expect(extract(turns)).toHaveLength(1);
  });

  it('drops a transfer carried out in the call', () => {
    const turns = [
      turn(0, 'manager', 'давайте я вас переведу на бухгалтерию'),
      turn(1, 'client', 'да давайте переводите пожалуйста'),
      turn(2, 'manager', 'добрый день бухгалтерия меня зовут анна'),
    ];
    expect(extract(turns)).toEqual([]);
  });

  it('takes the time the client asked for', () => {
    const turns = [turn(0, 'client', 'перезвоните мне пожалуйста завтра после обеда'), turn(1, 'manager', 'хорошо перезвоним')];
    const [promise] = extract(turns);
    expect(promise?.dueText).toBe('завтра после обеда');
    expect(promise?.due).toBe('2026-02-11T18:00:00+03:00');
  });

  it('keeps two commitments said in sequence', () => {
    const actions = managerSays('хорошо я информацию передам тогда перезвоним вам').map((promise) => promise.action);
    expect(actions).toEqual(['other', 'callback']);
  });

  it('joins a check and its report back', () => {
    const actions = managerSays('мы информацию перепроверим и с вами свяжемся').map((promise) => promise.action);
    expect(actions).toEqual(['callback']);
  });

  it('returns nothing for a call without manager turns', () => {
    expect(extract([turn(0, 'client', 'алло алло')])).toEqual([]);
  });
});
