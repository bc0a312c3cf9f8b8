import { describe, expect, it } from 'vitest';

import { evaluateScript, resultOf } from '../../../../test/call-script.ts';

const OPENING = 'M: добрый день компания телеком меня зовут ирина';

describe('speech quality', () => {
  it.each([
    'секундочку сейчас посмотрю',
    'Минуточку, я уточню.',
    'короче у вас там авария',
    'ну типа роутер надо перезагрузить',
    'щас проверю',
    'блин опять система висит',
    'давайте вашу заявочку посмотрим',
    'ок записала',
  ])('fails on «%s»', async (line) => {
    const evaluation = await evaluateScript([OPENING, 'C: здравствуйте', `M: ${line}`, 'C: хорошо']);
    const verdict = evaluation.criteria.find((criterion) => criterion.id === 'speech_quality');
    expect(verdict?.result).toBe('failed');
    expect(verdict?.evidence.length).toBeGreaterThan(0);
  });

  it('fails on a forbidden phrase', async () => {
    const evaluation = await evaluateScript([OPENING, 'C: а когда придёт мастер', 'M: я не знаю', 'C: понятно']);
    expect(resultOf(evaluation, 'speech_quality')).toBe('failed');
  });

  it.each([
    'одну минуту сейчас посмотрю',
    'какого типа у вас роутер',
    'это займёт совсем короткое время',
    'мастер придёт в течение часа',
  ])('passes on «%s»', async (line) => {
    const evaluation = await evaluateScript([OPENING, 'C: здравствуйте', `M: ${line}`, 'C: хорошо']);
    expect(resultOf(evaluation, 'speech_quality')).toBe('passed');
  });
});
