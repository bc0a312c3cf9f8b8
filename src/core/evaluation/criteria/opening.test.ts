import { describe, expect, it } from 'vitest';

import { evaluateScript, resultOf } from '../../../../test/call-script.ts';

const CLIENT_REPLY = 'C: да здравствуйте у меня вопрос по интернету';

describe('greeting', () => {
  it.each([
    'здравствуйте компания телеком слушаю вас',
    'Добрый день! Компания «Телеком», слушаю вас.',
    'алло добрый день меня зовут ирина',
    'доброе утро техническая поддержка',
    'добрый вечер чем могу помочь',
    'день добрый это служба поддержки',
    'здрасьте оператор анна',
    'приветствую вас компания связь',
    'меня зовут галина здравствуйте чем могу помочь',
    'ещё раз здравствуйте связь прервалась',
    'Доброго времени суток, отдел продаж.',
  ])('passes on «%s»', async (opening) => {
    const evaluation = await evaluateScript([`M: ${opening}`, CLIENT_REPLY]);
    expect(resultOf(evaluation, 'greeting')).toBe('passed');
  });

  it('passes when a short «алло» comes first', async () => {
    const evaluation = await evaluateScript(['M: алло', 'C: алло', 'M: да добрый день компания связь', CLIENT_REPLY]);
    expect(resultOf(evaluation, 'greeting')).toBe('passed');
  });

  it.each([
    'компания телеком слушаю вас',
    'техническая поддержка меня зовут олег',
    'слушаю вас',
    'сорвался звонок',
    'снова компания телеком по вашей заявке',
  ])('fails on «%s»', async (opening) => {
    const evaluation = await evaluateScript([`M: ${opening}`, CLIENT_REPLY]);
    expect(resultOf(evaluation, 'greeting')).toBe('failed');
  });

  it('fails when the greeting comes only late in the call', async () => {
    const evaluation = await evaluateScript([
      'M: компания телеком слушаю вас',
      'C: у меня не работает интернет со вчерашнего вечера совсем не работает',
      'M: назовите пожалуйста адрес подключения и номер договора я посмотрю что случилось на линии',
      'C: улица ленина пять квартира семь',
      'M: вижу авария на линии мастера уже работают ремонт закончится сегодня к вечеру ближе к шести',
      'C: хорошо ой здравствуйте кстати',
      'M: здравствуйте',
    ]);
    expect(resultOf(evaluation, 'greeting')).toBe('failed');
  });

  it('fails on a familiar «привет»', async () => {
    const evaluation = await evaluateScript(['M: привет это саша из компании телеком', CLIENT_REPLY]);
    expect(resultOf(evaluation, 'greeting')).toBe('failed');
  });

  it('is not applicable when the manager channel is empty', async () => {
    const evaluation = await evaluateScript(['C: алло алло', 'C: ничего не слышно']);
    expect(resultOf(evaluation, 'greeting')).toBe('not_applicable');
  });

  it('quotes the greeting from the turn', async () => {
    const evaluation = await evaluateScript(['M: Добрый день, компания «Телеком», Ирина.', CLIENT_REPLY]);
    const evidence = evaluation.criteria.find((criterion) => criterion.id === 'greeting')?.evidence[0];
    expect(evidence?.turn).toBe(0);
    expect('Добрый день, компания «Телеком», Ирина.').toContain(evidence?.quote);
  });
});

describe('introduction', () => {
  it.each([
    'добрый день меня зовут ирина',
    'здравствуйте компания телеком',
    'Здравствуйте! Техническая поддержка, Дмитрий.',
    'добрый день жанна слушаю вас',
    'день добрый иван слушаю вас',
    'здравствуйте это анна из отдела продаж',
    'добрый день вас беспокоит служба заботы о клиентах',
    'здравствуйте старший специалист юлия',
    'добрый день техподдержка чем могу помочь',
  ])('passes on «%s»', async (opening) => {
    const evaluation = await evaluateScript([`M: ${opening}`, CLIENT_REPLY]);
    expect(resultOf(evaluation, 'introduction')).toBe('passed');
  });

  it.each([
    'добрый день чем могу помочь',
    'здравствуйте слушаю вас',
    'алло да слушаю',
  ])('fails on «%s»', async (opening) => {
    const evaluation = await evaluateScript([`M: ${opening}`, CLIENT_REPLY]);
    expect(resultOf(evaluation, 'introduction')).toBe('failed');
  });

  it('is not applicable when the manager channel is empty', async () => {
    const evaluation = await evaluateScript(['C: алло']);
    expect(resultOf(evaluation, 'introduction')).toBe('not_applicable');
  });
});

describe('client name', () => {
  const opening = 'M: добрый день меня зовут ирина компания телеком';

  it.each([
    'алексей викторович подскажите вам удобно говорить',
    'Ирина Петровна, подскажите, вам удобно говорить?',
    'марина скажите а роутер у вас свой',
    'спасибо сергей всего доброго',
    'хорошо наталья давайте проверим',
    'анна александровна правильно обращаюсь',
  ])('passes on «%s»', async (line) => {
    const evaluation = await evaluateScript([opening, 'C: здравствуйте', `M: ${line}`, 'C: да конечно']);
    expect(resultOf(evaluation, 'client_name')).toBe('passed');
  });

  it.each([
    ['the manager only says their own name', 'M: меня зовут ирина если что'],
    ['the name is a contract holder check', 'M: договор оформлен на анну петровну верно'],
    ['the name follows «договор на»', 'M: а договор на олега николаевича'],
    ['the name is in another case', 'M: я передам ирине вашу заявку'],
    ['a common word that is also a name', 'M: надежда есть что мастер придёт вовремя'],
    ['nobody is named', 'M: подскажите пожалуйста номер договора'],
  ])('fails when %s', async (_case, line) => {
    const evaluation = await evaluateScript([opening, 'C: здравствуйте', line, 'C: да']);
    expect(resultOf(evaluation, 'client_name')).toBe('failed');
  });

  it('points to the client naming themselves when the name is never used', async () => {
    const evaluation = await evaluateScript([opening, 'C: здравствуйте меня зовут нина у меня вопрос', 'M: слушаю вас', 'C: спасибо']);
    const verdict = evaluation.criteria.find((criterion) => criterion.id === 'client_name');
    expect(verdict?.result).toBe('failed');
    expect(verdict?.evidence[0]?.quote).toContain('нина');
  });
});
