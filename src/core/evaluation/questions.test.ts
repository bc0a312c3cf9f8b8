import { beforeAll, describe, expect, it } from 'vitest';

import { loadMorphology } from '../../text/az-morphology.ts';
import { buildTranscript } from '../../../test/call-script.ts';
import type { Morphology } from '../text/morphology.ts';
import { buildCallView } from './call-view.ts';
import { findQuestions } from './questions.ts';

let morphology: Morphology;

beforeAll(async () => {
  morphology = await loadMorphology();
});

function questionsIn(line: string, reply = 'C: ну вот так'): string[] {
  const view = buildCallView(buildTranscript([line, reply]), morphology);
  const [turn, next] = view.turns;
  if (turn === undefined) {
    return [];
  }
  return findQuestions(view, turn, next).map((span) => turn.words.slice(span.first, span.last + 1).map((word) => word.text).join(' '));
}

describe('question detection', () => {
  it.each([
    'C: а сколько это будет стоить',
    'C: Сколько это стоит?',
    'C: почему опять списали деньги',
    'C: скажите когда придёт мастер',
    'C: а можно перенести на субботу',
    'C: есть ли у вас тариф подешевле',
    'C: подскажите пожалуйста номер техподдержки',
    'C: а на какое время можно записаться',
    'C: когда я могу подъехать в офис',
    'C: когда приедет мастер',
    'C: а когда подключите',
    'C: когда мне ждать мастера',
    'M: что у вас случилось',
    'M: как давно это происходит',
    'M: а роутер свой',
    'M: а лампочки горят',
    'M: а смс пришло',
    'C: а как вам удобнее',
  ])('finds a question in «%s»', (line) => {
    expect(questionsIn(line)).not.toEqual([]);
  });

  it.each([
    'C: я не знаю почему так вышло',
    'C: когда я пришла домой интернета не было',
    'C: когда жду вашего специалиста уже месяц',
    'C: когда я звоню на горячую линию',
    'C: когда открываешь приложение',
    'C: когда нажимаешь на кнопку',
    'C: так как у меня два телевизора',
    'C: я думаю что это роутер',
    'C: почему-то не работает',
    'C: почему то не работает',
    'C: потому что он старый',
    'M: мастер придёт завтра',
    'M: а все пришли ага хорошо увидели',
    'M: а поняла хорошо',
    'M: а ну ясно понятно',
    'C: как вариант можно и завтра',
  ])('finds none in the statement «%s»', (line) => {
    expect(questionsIn(line)).toEqual([]);
  });

  it('reads a manager turn answered with «да» as a yes-or-no question', () => {
    expect(questionsIn('M: у вас роутер свой', 'C: да свой')).toEqual(['у вас роутер свой']);
  });

  it.each([
    ['M: проблема на всех устройствах или только на компьютере', 'C: только на ноутбуке'],
    ['M: Вы оставляли заявку, или звоните впервые?', 'C: впервые звоню'],
    ['M: роутер наш или вы свой покупали', 'C: свой брали в магазине'],
    ['M: по телефону удобнее или по почте', 'C: лучше по почте'],
  ])('reads a short choice «%s» as a question', (line, reply) => {
    expect(questionsIn(line, reply)).not.toEqual([]);
  });

  it.each([
    ['M: оплата проходит в офисе или через приложение', 'C: угу'],
    ['M: Документы примут в офисе или на почте.', 'C: хорошо спасибо'],
  ])('does not read the acknowledged statement «%s» as a choice', (line, reply) => {
    expect(questionsIn(line, reply)).toEqual([]);
  });

  it.each([
    'M: в заявке сказали что вы хотели бы сменить тариф',
    'M: мне передали что вы хотите перенести визит',
    'M: Коллеги написали, что можно перенести на субботу.',
  ])('does not read the reported request «%s» as a question', (line) => {
    expect(questionsIn(line, 'C: ну да')).toEqual([]);
  });

  it('does not read a client turn answered with «да» as a question', () => {
    expect(questionsIn('C: у меня роутер свой', 'M: да вижу')).toEqual([]);
  });
});
