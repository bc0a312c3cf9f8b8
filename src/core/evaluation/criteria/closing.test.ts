import { describe, expect, it } from 'vitest';

import { evaluateScript, resultOf } from '../../../../test/call-script.ts';

const BODY = [
  'M: добрый день компания телеком меня зовут ирина чем могу помочь',
  'C: здравствуйте у меня не работает интернет со вчерашнего дня',
  'M: подскажите а что именно происходит роутер горит',
  'C: горит но интернета нет совсем',
];

describe('next step', () => {
  it.each([
    'мастер придёт завтра с десяти до двенадцати',
    'Заявку я оформила, специалист свяжется с вами в течение часа.',
    'я вам перезвоню сегодня после обеда',
    'сейчас переведу вас на технического специалиста не кладите трубку',
    'всё заработало можете пользоваться',
    'запишу вас на второе марта с четырёх до шести',
    'ожидайте звонка мастера',
    'договорились тогда в понедельник',
    'Отправлю вам инструкцию в смс.',
    'давайте я вам перезвоню через сколько вам удобно',
  ])('passes on «%s»', async (step) => {
    const evaluation = await evaluateScript([...BODY, `M: ${step}`, 'C: хорошо спасибо', 'M: всего доброго до свидания', 'C: до свидания']);
    expect(resultOf(evaluation, 'next_step')).toBe('passed');
  });

  it.each([
    'если будут вопросы обращайтесь',
    'позвоните в любое удобное время',
    'вам придётся перезвонить позже',
  ])('fails on the brush-off «%s»', async (ending) => {
    const evaluation = await evaluateScript([...BODY, `M: ${ending}`, 'C: ладно спасибо', 'M: всего доброго до свидания', 'C: до свидания']);
    expect(resultOf(evaluation, 'next_step')).toBe('failed');
  });

  it.each([
    'можете позвонить на линию и дальше вас соединят со специалистом',
    'Обратитесь на горячую линию, там вас переведут в нужный отдел.',
    'если что перезвоните и мы вам оформим заявку',
  ])('fails on a step that waits for the client to call: «%s»', async (ending) => {
    const evaluation = await evaluateScript([...BODY, `M: ${ending}`, 'C: ладно спасибо', 'M: всего доброго до свидания', 'C: до свидания']);
    expect(resultOf(evaluation, 'next_step')).toBe('failed');
  });

  it.each([
    ['сейчас переведу вас на специалиста по тарифам оставайтесь на линии'],
    ['Перевожу вас в абонентский отдел, не кладите трубку.'],
  ])('is not applicable when the call is only passed on: «%s»', async (transfer) => {
    const evaluation = await evaluateScript([
      'M: добрый день компания телеком меня зовут ирина',
      'C: здравствуйте хочу поменять тариф',
      'M: назовите адрес подключения',
      'C: садовая пять квартира девять',
      `M: ${transfer}`,
      'C: хорошо жду',
    ]);
    expect(resultOf(evaluation, 'next_step')).toBe('not_applicable');
  });

  it.each([
    'как мы с вами составим заявку вам нужно будет подписать договор',
    'Если мастер придёт, он всё проверит.',
    'когда заявку оформим вам придёт смс',
  ])('fails when the step is only a condition: «%s»', async (line) => {
    const evaluation = await evaluateScript([...BODY, `M: ${line}`, 'C: ладно я подумаю тогда', 'M: хорошо до свидания', 'C: до свидания']);
    expect(resultOf(evaluation, 'next_step')).toBe('failed');
  });

  it.each([
    'C: да интернет работает всё нормально',
    'C: О, телевизор работает!',
    'C: всё работает хорошо спасибо',
  ])('passes when the client confirms the fix: «%s»', async (line) => {
    const evaluation = await evaluateScript([...BODY, 'M: перезагрузите роутер пожалуйста', line, 'M: если снова пропадёт позвоните нам', 'C: спасибо', 'M: всего доброго до свидания']);
    expect(resultOf(evaluation, 'next_step')).toBe('passed');
  });

  it.each([
    ['M: можем записать вас на замер на субботу', 'C: нет спасибо нам сейчас не нужно'],
    ['M: Давайте я вам перезвоню завтра в десять?', 'C: Не надо, я сама позвоню.'],
    ['M: могу соединить вас со специалистом прямо сейчас', 'C: нет нет я потом'],
  ])('fails when the client declines the offered step «%s»', async (offer, refusal) => {
    const evaluation = await evaluateScript([...BODY, offer, refusal, 'M: хорошо до свидания', 'C: до свидания']);
    expect(resultOf(evaluation, 'next_step')).toBe('failed');
  });

  it('does not take the term of a pitch for a step', async () => {
    const evaluation = await evaluateScript([
      'M: добрый день компания телеком предлагаю новый тариф со скидкой двадцать процентов до конца недели',
      'C: нам не интересно спасибо',
      'M: хорошо до свидания',
      'C: до свидания',
    ]);
    expect(resultOf(evaluation, 'next_step')).toBe('failed');
  });

  it('passes a transfer after an offer', async () => {
    const evaluation = await evaluateScript([
      'M: добрый день компания телеком меня зовут ирина',
      'C: здравствуйте хочу расторгнуть договор дорого',
      'M: могу предложить вам тариф на сто мегабит за пятьсот рублей',
      'C: нет спасибо не нужно',
      'M: тогда по расторжению переведу вас в абонентский отдел не кладите трубку',
      'C: хорошо жду',
    ]);
    expect(resultOf(evaluation, 'next_step')).toBe('passed');
  });

  it('passes a transfer after need questions', async () => {
    const evaluation = await evaluateScript([
      ...BODY,
      'M: сейчас переведу вас на технического специалиста не кладите трубку',
      'C: хорошо жду',
    ]);
    expect(resultOf(evaluation, 'next_step')).toBe('passed');
  });

  it('fails when the call just ends with thanks', async () => {
    const evaluation = await evaluateScript([...BODY, 'M: понятно', 'C: ну ладно спасибо', 'M: до свидания']);
    expect(resultOf(evaluation, 'next_step')).toBe('failed');
  });

  it('is not applicable when the transcript stops mid-call', async () => {
    const evaluation = await evaluateScript([...BODY, 'M: назовите адрес', 'C: ленина пять квартира семь', 'M: сейчас посмотрим минуту']);
    expect(resultOf(evaluation, 'next_step')).toBe('not_applicable');
  });
});

describe('summary', () => {
  it.each([
    'итак мастер придёт в четверг с шести до восьми',
    'Итого: заявку я оформила, ожидайте звонка мастера.',
    'я передала информацию специалистам они с вами свяжутся',
    'заявка создана на завтра с семи до девяти',
    'получается мы с вами договорились на субботу',
    'тогда запишу вас на второе марта с четырёх до шести',
    'скидку я вам поставила на три месяца',
  ])('passes on «%s»', async (recap) => {
    const evaluation = await evaluateScript([...BODY, `M: ${recap}`, 'C: хорошо спасибо', 'M: всего доброго', 'C: до свидания']);
    expect(resultOf(evaluation, 'summary')).toBe('passed');
  });

  it('fails when the manager closes without a recap', async () => {
    const evaluation = await evaluateScript([...BODY, 'M: угу понятно', 'C: ну ладно спасибо', 'M: всего доброго']);
    expect(resultOf(evaluation, 'summary')).toBe('failed');
  });

  it('is not applicable when the transcript stops mid-call', async () => {
    const evaluation = await evaluateScript([...BODY, 'M: сейчас проверю подождите секундочку']);
    expect(resultOf(evaluation, 'summary')).toBe('not_applicable');
  });

  it.each([
    ['поставьте меня на громкую связь', 'так поставили'],
    ['закройте приложение и откройте заново', 'закрыли'],
    ['отправьте фото квитанции на почту', 'ну что отправили'],
  ])('fails when «%s» is followed by the check «%s»', async (request, check) => {
    const evaluation = await evaluateScript([...BODY, `M: ${request}`, 'C: ага сейчас', `M: ${check}`, 'C: да у меня тут денег на телефоне нет', 'M: угу понятно', 'C: ну ладно спасибо', 'M: всего доброго']);
    expect(resultOf(evaluation, 'summary')).toBe('failed');
  });

  it.each([
    'мы вам скидку поставили на три месяца',
    'заявку мы оформили мастер придёт завтра',
  ])('passes on the plural recap «%s» after another request', async (recap) => {
    const evaluation = await evaluateScript([...BODY, 'M: назовите пожалуйста номер договора', 'C: сто двадцать три', `M: ${recap}`, 'C: хорошо спасибо', 'M: всего доброго']);
    expect(resultOf(evaluation, 'summary')).toBe('passed');
  });
});

describe('farewell', () => {
  it.each([
    'всего доброго до свидания',
    'Спасибо за обращение, хорошего дня!',
    'всего хорошего',
    'благодарю вас за звонок',
    'досвидания',
    'хорошего вечера',
    'рада была помочь всего доброго',
  ])('passes on «%s»', async (goodbye) => {
    const evaluation = await evaluateScript([...BODY, 'M: мастер придёт завтра', 'C: спасибо', `M: ${goodbye}`]);
    expect(resultOf(evaluation, 'farewell')).toBe('passed');
  });

  it('passes when crosstalk splits the goodbye', async () => {
    const evaluation = await evaluateScript([...BODY, 'M: мастер придёт завтра', 'C: спасибо', 'M: всего', 'C: и вам', 'M: доброго']);
    expect(resultOf(evaluation, 'farewell')).toBe('passed');
  });

  it('fails on a transfer without goodbye', async () => {
    const evaluation = await evaluateScript([...BODY, 'C: соедините со специалистом', 'M: сейчас переведу вас не отключайтесь']);
    const verdict = evaluation.criteria.find((criterion) => criterion.id === 'farewell');
    expect(verdict?.result).toBe('failed');
    expect(verdict?.evidence[0]?.quote).toBe('сейчас переведу вас не отключайтесь');
  });

  it('fails when the manager ends the call rudely', async () => {
    const evaluation = await evaluateScript([...BODY, 'C: это безобразие я буду писать претензию', 'M: ну как хотите']);
    expect(resultOf(evaluation, 'farewell')).toBe('failed');
    expect(resultOf(evaluation, 'next_step')).toBe('failed');
  });

  it('is not applicable when the recording stops mid-explanation', async () => {
    const evaluation = await evaluateScript([...BODY, 'M: смотрите по тарифу абонентская плата будет', 'C: да', 'M: тысяча рублей и скорость триста мегабит']);
    expect(resultOf(evaluation, 'farewell')).toBe('not_applicable');
  });

  it('fails when the client says goodbye alone', async () => {
    const evaluation = await evaluateScript([...BODY, 'M: мастер придёт завтра', 'C: спасибо до свидания']);
    expect(resultOf(evaluation, 'farewell')).toBe('failed');
  });

  it('fails on a familiar «бывай»', async () => {
    const evaluation = await evaluateScript([...BODY, 'M: мастер придёт завтра', 'C: спасибо', 'M: ну всё пока пока']);
    expect(resultOf(evaluation, 'farewell')).toBe('failed');
  });

  it.each([
    ['the manager puts the client on hold', 'M: минуточку подождите я проверю'],
    ['the line breaks up', 'C: алло вас не слышно совсем'],
    ['the transcript stops mid-sentence', 'M: по вашему адресу проводятся работы и'],
  ])('is not applicable when %s at the end', async (_case, line) => {
    const evaluation = await evaluateScript([...BODY, line]);
    expect(resultOf(evaluation, 'farewell')).toBe('not_applicable');
  });

  it('is not applicable when the transcript is far shorter than the call', async () => {
    const evaluation = await evaluateScript([...BODY, 'M: мастер придёт завтра', 'C: хорошо'], { durationSec: 600 });
    expect(resultOf(evaluation, 'farewell')).toBe('not_applicable');
    expect(evaluation.transcript.complete).toBe(false);
  });
});
