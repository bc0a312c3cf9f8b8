import { describe, expect, it } from 'vitest';

import { evaluateScript, resultOf } from '../../../../test/call-script.ts';

const OPENING = ['M: добрый день компания телеком меня зовут ирина', 'C: здравствуйте'];

describe('needs', () => {
  it.each([
    'что у вас случилось расскажите',
    'Подскажите, а что именно не работает: интернет или телевидение?',
    'а как давно пропадает интернет',
    'для чего планируете использовать интернет',
    'почему решили закрыть договор',
    'а что вас не устраивает в текущем тарифе',
    'какой у вас сейчас роутер стоит',
    'а лампочки на роутере горят',
    'вы пробовали перезагрузить роутер',
    'сколько устройств у вас подключено к вайфаю',
    'а на каком устройстве пропадает связь',
    'скажите а вы в основном фильмы смотрите или игры',
  ])('passes on «%s»', async (question) => {
    const evaluation = await evaluateScript([...OPENING, `M: ${question}`, 'C: ну вот вечером особенно плохо работает']);
    expect(resultOf(evaluation, 'needs')).toBe('passed');
  });

  it('passes on a yes-or-no check the client answers', async () => {
    const evaluation = await evaluateScript([...OPENING, 'C: у меня всё заработало', 'M: заработало да', 'C: да спасибо']);
    expect(resultOf(evaluation, 'needs')).toBe('passed');
  });

  it.each([
    'назовите пожалуйста адрес подключения',
    'Подскажите номер договора.',
    'какая у вас квартира',
    'как к вам можно обращаться',
    'на кого оформлен договор',
    'продиктуйте пожалуйста номер телефона',
    'вам удобно сейчас разговаривать',
    'чем могу помочь',
    'подскажите пожалуйста ленина сорок два квартира пятнадцать верно',
  ])('identification «%s» does not count', async (question) => {
    const evaluation = await evaluateScript([...OPENING, `M: ${question}`, 'C: да ленина пять']);
    expect(resultOf(evaluation, 'needs')).toBe('failed');
  });

  it.each([
    'M: адрес или номер договора уточните',
    'M: Фамилию и имя владельца назовите, пожалуйста.',
  ])('does not count the identification request «%s»', async (line) => {
    const evaluation = await evaluateScript(['M: добрый день компания телеком', 'C: здравствуйте у меня не работает интернет', line, 'C: садовая пять', 'M: спасибо всего доброго']);
    expect(resultOf(evaluation, 'needs')).toBe('failed');
  });

  it('never fails with an offer after a need phrase of the checklist', async () => {
    const evaluation = await evaluateScript([
      'M: добрый день компания телеком меня зовут ирина',
      'C: здравствуйте хочу подключить интернет',
      'M: мне важно понять для чего вы планируете использовать интернет',
      'C: для работы и для фильмов',
      'M: у нас есть тариф на пятьсот мегабит как раз для таких задач',
      'C: хорошо подключайте',
    ]);
    expect(resultOf(evaluation, 'needs')).toBe('passed');
    expect(evaluation.findings.map((finding) => finding.kind)).not.toContain('needs_not_discovered');
  });

  it('cites the identification question asked instead', async () => {
    const evaluation = await evaluateScript([...OPENING, 'M: назовите пожалуйста номер договора', 'C: пятьсот двадцать три']);
    const verdict = evaluation.criteria.find((criterion) => criterion.id === 'needs');
    expect(verdict?.result).toBe('failed');
    expect(verdict?.evidence[0]?.quote).toContain('номер договора');
  });

  it('fails when the manager only presents', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'M: хотим предложить вам новый тариф со скоростью пятьсот мегабит за семьсот рублей в месяц',
      'C: ага',
      'M: подключение бесплатное мастер приедет в удобное время',
    ]);
    expect(resultOf(evaluation, 'needs')).toBe('failed');
  });
});

describe('presentation', () => {
  it('passes when a need question comes before the offer', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'M: подскажите а для чего вы в основном пользуетесь интернетом',
      'C: дети играют в игры и смотрим фильмы',
      'M: тогда могу предложить тариф с высокой скоростью для игр он вам подойдёт',
      'C: сколько стоит',
    ]);
    expect(resultOf(evaluation, 'presentation')).toBe('passed');
  });

  it('passes when the offer takes up the client\'s words', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'C: у меня очень медленный интернет на телевизоре фильмы зависают',
      'M: раз вам важно чтобы фильмы не зависали предлагаю роутер нового поколения',
      'C: а сколько он стоит',
    ]);
    expect(resultOf(evaluation, 'presentation')).toBe('passed');
  });

  it('passes in a bank call with punctuation', async () => {
    const evaluation = await evaluateScript([
      'M: Добрый день! Банк «Восток», меня зовут Алексей.',
      'C: Здравствуйте.',
      'M: Скажите, как вы сейчас оплачиваете покупки — чаще картой или наличными?',
      'C: Картой, но кредитки у меня нет, боюсь переплатить.',
      'M: Понимаю вас. Как раз для таких случаев у нас есть карта с льготным периодом сто дней.',
      'C: Ясно.',
    ]);
    expect(resultOf(evaluation, 'presentation')).toBe('passed');
  });

  it('fails on an untied offer', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'M: хотим предложить вам новый тариф за семьсот рублей в месяц',
      'C: угу',
    ]);
    expect(resultOf(evaluation, 'presentation')).toBe('failed');
  });

  it('is not applicable when nothing was offered', async () => {
    const evaluation = await evaluateScript([...OPENING, 'C: у меня не работает интернет', 'M: назовите адрес', 'C: ленина пять']);
    expect(resultOf(evaluation, 'presentation')).toBe('not_applicable');
  });
});

describe('objections', () => {
  const pitch = 'M: предлагаю вам тариф с телевидением за девятьсот рублей в месяц';

  it.each([
    ['дорого для меня', 'понимаю вас давайте посчитаем сейчас вы платите восемьсот а получите вдвое больше каналов'],
    ['Мне это не нужно.', 'Понимаю. А что для вас сейчас важнее всего в интернете?'],
    ['я подумаю', 'конечно подумайте давайте я пришлю вам условия в смс чтобы вы могли сравнить спокойно'],
    ['мне надо с женой посоветоваться', 'хорошо разумеется давайте я перезвоню завтра вечером когда вы обсудите'],
    ['у меня уже есть другой провайдер', 'понимаю а что вас в нём устраивает при этом у нас сейчас скорость выше за те же деньги'],
  ])('passes when «%s» is answered', async (objection, answer) => {
    const evaluation = await evaluateScript([...OPENING, pitch, `C: ${objection}`, `M: ${answer}`, 'C: ну хорошо']);
    expect(resultOf(evaluation, 'objections')).toBe('passed');
  });

  it.each([
    ['дорого', 'угу'],
    ['нет не надо', 'хорошо до свидания'],
    ['мне не интересно', 'ладно'],
  ])('fails when «%s» gets only «%s»', async (objection, answer) => {
    const evaluation = await evaluateScript([...OPENING, pitch, `C: ${objection}`, `M: ${answer}`]);
    expect(resultOf(evaluation, 'objections')).toBe('failed');
  });

  it('passes when the manager first finishes a step', async () => {
    const evaluation = await evaluateScript([
      ...OPENING,
      'C: я хочу расторгнуть договор',
      'M: назовите адрес',
      'C: ленина пять квартира семь',
      'M: понимаю а почему решили отказаться что вас не устроило',
      'C: дорого',
      'M: понимаю давайте посчитаем сейчас вы платите восемьсот а я могу оставить вам тариф за шестьсот',
      'C: ну хорошо',
    ]);
    const verdict = evaluation.criteria.find((criterion) => criterion.id === 'objections');
    expect(verdict?.result).toBe('passed');
    expect(verdict?.evidence.map((item) => item.quote).join(' ')).toContain('расторгнуть');
  });

  it.each([
    ['не было', 'C: у меня не было интернета вчера вечером'],
    ['занято', 'C: занято абонент не отвечает'],
  ])('is not applicable for «%s», which is no objection', async (_case, line) => {
    const evaluation = await evaluateScript([...OPENING, line, 'M: понятно сейчас проверю']);
    expect(resultOf(evaluation, 'objections')).toBe('not_applicable');
  });

  it('fails when the manager argues', async () => {
    const evaluation = await evaluateScript([...OPENING, pitch, 'C: это слишком дорого', 'M: вы не правы это очень дешёвый тариф', 'C: ну не знаю']);
    expect(resultOf(evaluation, 'objections')).toBe('failed');
  });

  it('is not applicable when the client raised no objection', async () => {
    const evaluation = await evaluateScript([...OPENING, pitch, 'C: отлично давайте подключим', 'M: записываю вас на завтра']);
    expect(resultOf(evaluation, 'objections')).toBe('not_applicable');
  });
});
