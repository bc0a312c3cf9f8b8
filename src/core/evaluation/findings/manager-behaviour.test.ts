import { describe, expect, it } from 'vitest';

import { evaluateScript, findingsOf } from '../../../../test/call-script.ts';

const OPENING = ['M: добрый день компания телеком меня зовут ирина', 'C: здравствуйте у меня не работает интернет'];

describe('irritation', () => {
  it.each([
    'я же вам уже сказала что мастер придёт завтра',
    'Я вам ещё раз повторяю: мастер будет завтра.',
    'что вам непонятно мастер придёт завтра',
    'это не ко мне звоните в бухгалтерию',
    'это ваши проблемы что вы не оплатили',
    'сколько раз вам повторять перезагрузите роутер',
    'не перебивайте меня пожалуйста',
    'надо было раньше оплачивать',
    'вы сами виноваты что не прочитали договор',
    'мы таким не занимаемся вам надо звонить в компанию напрямую',
  ])('is found in «%s»', async (line) => {
    const evaluation = await evaluateScript([...OPENING, `M: ${line}`, 'C: ну ладно']);
    const [finding] = findingsOf(evaluation, 'irritation');
    expect(finding?.turn).toBe(2);
    expect(finding?.severity).toBe('critical');
  });

  it.each([
    'к сожалению без оплаты мастер не сможет приехать',
    'давайте я ещё раз проверю ваш адрес',
    'я вам сейчас всё объясню',
    'понимаю вас это неприятно давайте разберёмся',
  ])('is not found in the firm but polite «%s»', async (line) => {
    const evaluation = await evaluateScript([...OPENING, `M: ${line}`, 'C: хорошо']);
    expect(findingsOf(evaluation, 'irritation')).toEqual([]);
  });

  it('counts a turn with several reproaches as one place', async () => {
    const evaluation = await evaluateScript([...OPENING, 'M: я же вам уже сказал это не мой вопрос', 'C: а чей', 'M: ещё раз повторяю звоните на склад', 'C: ладно']);
    const [finding] = findingsOf(evaluation, 'irritation');
    expect(finding?.turn).toBe(2);
    expect(finding?.evidence.map((place) => place.turn)).toEqual([4]);
  });

  it('groups every place into one finding', async () => {
    const evaluation = await evaluateScript([...OPENING, 'M: я же вам сказала', 'C: что', 'M: ещё раз повторяю перезагрузите роутер', 'C: ладно']);
    const findings = findingsOf(evaluation, 'irritation');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence).toHaveLength(1);
  });
});

describe('forbidden phrase', () => {
  it.each([
    ['я не знаю', 'я не знаю когда придёт мастер'],
    ['это не ко мне', 'Это не ко мне, звоните в бухгалтерию.'],
    ['ничем не могу помочь', 'ничем не могу вам помочь'],
    ['перезвоните позже', 'перезвоните позже пожалуйста'],
    ['вы неправильно поняли', 'вы меня неправильно поняли'],
    ['девушка', 'девушка подождите минуту'],
    ['мужчина', 'мужчина вы меня слышите'],
  ])('finds «%s» in «%s»', async (phrase, line) => {
    const evaluation = await evaluateScript([...OPENING, `M: ${line}`, 'C: хорошо']);
    const [finding] = findingsOf(evaluation, 'forbidden_phrase');
    expect(finding?.explanation).toContain(phrase);
    expect(finding?.recommendation).toContain(`«${finding?.quote ?? ''}»`);
  });

  it.each([
    'я вам перезвоню позже',
    'к нам обратилась девушка из соседней квартиры',
    'этот мужчина уже звонил сегодня',
    'я знаю как это исправить',
  ])('is not found in «%s»', async (line) => {
    const evaluation = await evaluateScript([...OPENING, `M: ${line}`, 'C: хорошо']);
    expect(findingsOf(evaluation, 'forbidden_phrase')).toEqual([]);
  });

  it('gives one finding per phrase', async () => {
    const evaluation = await evaluateScript([...OPENING, 'M: я не знаю', 'C: как не знаете', 'M: я правда не знаю девушка', 'C: ясно']);
    const findings = findingsOf(evaluation, 'forbidden_phrase');
    expect(findings.map((finding) => finding.explanation)).toEqual([
      'Менеджер использовал запрещённую фразу «я не знаю».',
      'Менеджер использовал запрещённую фразу «девушка».',
    ]);
    expect(findings[0]?.evidence).toHaveLength(1);
  });
});

describe('template answer', () => {
  it.each([
    'так положено',
    'Такая политика компании.',
    'все условия есть на сайте',
    'посмотрите на сайте там всё написано',
    'у каждого оператора свои условия',
    'это стандартная процедура',
  ])('is found in «%s» after a specific question', async (answer) => {
    const evaluation = await evaluateScript([...OPENING, 'C: почему с меня списали триста рублей за прошлый месяц', `M: ${answer}`, 'C: ну понятно']);
    const [finding] = findingsOf(evaluation, 'template_answer');
    expect(finding?.turn).toBe(3);
    expect(finding?.evidence[0]?.quote).toContain('списали');
  });

  it('is not found in a specific answer', async () => {
    const evaluation = await evaluateScript([...OPENING, 'C: почему с меня списали триста рублей', 'M: это абонентская плата за февраль она списывается первого числа', 'C: понятно']);
    expect(findingsOf(evaluation, 'template_answer')).toEqual([]);
  });

  it.each([
    ['у вас на сайте написано три месяца по пятьсот двадцать пять рублей', 'я смотрю по вашему договору а то что вы смотрите на сайте это общие условия для новых клиентов'],
    ['а где на сайте посмотреть условия тарифа', 'все условия есть на сайте в разделе тарифы'],
    ['это у вас такая политика компании что ли', 'да такая политика компании для всех абонентов'],
  ])('is not found when the phrase takes up the client words «%s»', async (client, answer) => {
    const evaluation = await evaluateScript([...OPENING, `C: ${client}`, `M: ${answer}`, 'C: ну понятно']);
    expect(findingsOf(evaluation, 'template_answer')).toEqual([]);
  });
});

describe('scripted speech', () => {
  it('is found when a pitch ignores what the client just said', async () => {
    const evaluation = await evaluateScript([
      'M: добрый день компания телеком',
      'C: у меня интернет вообще не работает третий день я уже устала звонить',
      'M: наша компания рада предложить вам специальное предложение роутер нового поколения со скидкой только для постоянных клиентов',
      'C: вы меня слышите вообще',
    ]);
    const [finding] = findingsOf(evaluation, 'scripted_speech');
    expect(finding?.turn).toBe(2);
    expect(evaluation.metrics.scriptedTurns).toBe(1);
  });

  it.each([
    ['C: ой больше наверно ну менять я вроде не хочу там', 'C: опять'],
    ['C: да он у нас давно стоит', 'C: работает вроде нормально пока'],
  ])('is found when the pitch follows «%s» across short turns', async (objection, fragment) => {
    const evaluation = await evaluateScript([
      'M: добрый день компания телеком как у вас роутер работает давно стоит',
      objection,
      'M: ну смотрите',
      fragment,
      'M: смотрите если он у вас больше пяти лет потом начинает уже работать не очень у нас как раз есть роутер нового поколения',
      'C: опять платить надо будет да',
    ]);
    expect(findingsOf(evaluation, 'scripted_speech').map((finding) => finding.turn)).toEqual([4]);
  });

  it.each([
    ['C: нет все спасибо', 'C: до свидания'],
    ['C: спасибо большое', 'C: всего доброго'],
  ])('is not found for a rating request after «%s»', async (thanks, goodbye) => {
    const evaluation = await evaluateScript([
      'M: добрый день компания телеком',
      'C: у меня не работает интернет',
      'M: перезагрузила порт проверьте пожалуйста сейчас',
      'C: да заработало',
      'M: может быть вопросы остались',
      thanks,
      'M: нет',
      goodbye,
      'M: оцените пожалуйста мою консультацию максимальная оценка пять переведу на оценку вас сейчас спросят оцените пожалуйста',
    ]);
    expect(findingsOf(evaluation, 'scripted_speech')).toEqual([]);
  });

  it('is not found when the pitch answers the client', async () => {
    const evaluation = await evaluateScript([
      'M: добрый день компания телеком',
      'C: у меня интернет медленный на втором этаже роутер не достаёт',
      'M: понимаю вас для этого у нас есть роутер нового поколения он достаёт до второго этажа и стоит со скидкой',
      'C: интересно',
    ]);
    expect(findingsOf(evaluation, 'scripted_speech')).toEqual([]);
  });
});

describe('needs not discovered', () => {
  it('is found when the manager sells before asking', async () => {
    const evaluation = await evaluateScript([
      'M: добрый день компания телеком',
      'C: здравствуйте',
      'M: хотим предложить вам новый тариф пятьсот мегабит за семьсот рублей',
      'C: а зачем мне',
    ]);
    const [finding] = findingsOf(evaluation, 'needs_not_discovered');
    expect(finding?.turn).toBe(2);
    expect(finding?.recommendation).toContain('«');
  });

  it('is not found when a need question comes first', async () => {
    const evaluation = await evaluateScript([
      'M: добрый день компания телеком',
      'C: здравствуйте',
      'M: подскажите а как вы сейчас пользуетесь интернетом что для вас важно',
      'C: фильмы смотрим',
      'M: тогда предлагаю тариф с кинотеатром',
    ]);
    expect(findingsOf(evaluation, 'needs_not_discovered')).toEqual([]);
  });
});
