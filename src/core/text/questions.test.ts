import { beforeAll, describe, expect, it } from 'vitest';

import { loadMorphology } from '../../text/az-morphology.ts';
import { analyzeText } from './analyze.ts';
import type { Morphology } from './morphology.ts';
import { detectQuestion, isQuestion } from './questions.ts';

let morphology: Morphology;

beforeAll(async () => {
  morphology = await loadMorphology();
});

describe('isQuestion', () => {
  it.each([
    ['а сколько это будет стоить'],
    ['сколько стоит подключение'],
    ['когда придет мастер'],
    ['ну а когда мастер придет'],
    ['почему у меня списали деньги'],
    ['а можно перенести на завтра'],
    ['а как мне оплатить'],
    ['а что если я откажусь'],
    ['есть ли у вас другие тарифы'],
    ['подскажите пожалуйста номер договора'],
    ['не подскажете где ближайший офис'],
    ['скажите а где мой платеж'],
    ['девушка а где мой платеж'],
    ['какой у вас тариф'],
    ['какая скорость сейчас'],
    ['кто мне звонил'],
    ['что мне делать'],
    ['можете перезвонить мне завтра'],
    ['хотела узнать по поводу оплаты'],
    ['адрес заречная тридцать девять правильно'],
    ['вы дома сейчас или нет'],
    ['зачем мне это'],
    ['разве это не входит в тариф'],
    ['а скока это стоит'],
  ])('«%s» asks', (text) => {
    expect(isQuestion(analyzeText(text, morphology))).toBe(true);
  });

  it.each([
    ['да'],
    ['угу хорошо'],
    ['я вам перезвоню завтра'],
    ['когда я звонил вчера мне сказали подождать'],
    ['я сказал что не буду платить'],
    ['как бы всё нормально'],
    ['так как у вас договор'],
    ['мастер придет с семи до девяти'],
    ['спасибо до свидания'],
    ['все понятно спасибо'],
  ])('«%s» does not ask', (text) => {
    expect(isQuestion(analyzeText(text, morphology))).toBe(false);
  });

  it('returns the cue with offsets', () => {
    const text = 'ну вот а сколько это стоит';
    const cue = detectQuestion(analyzeText(text, morphology));
    expect(cue?.kind).toBe('interrogative');
    expect(text.slice(cue?.start, cue?.end)).toBe('сколько');
  });
});
