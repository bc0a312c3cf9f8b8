import { describe, expect, it } from 'vitest';

import { speechProblem } from './speech-status.ts';

const LOCAL = { engine: 't-one', local: true, model: 't-one', location: '/srv/okk/models/t-one', modelFound: true, problem: null };

describe('speechProblem', () => {
  it('finds a missing local model', () => {
    expect(speechProblem({ ...LOCAL, modelFound: false, problem: 'Модель «t-one» для движка t-one не найдена' })).toBe('no-model');
  });

  it('finds settings that do not load', () => {
    expect(speechProblem({ engine: 'неизвестно', local: false, model: null, location: null, modelFound: null, problem: 'настройки asr не читаются' })).toBe('not-configured');
  });

  it.each([
    ['an installed model', LOCAL],
    ['a cloud engine', { engine: 'yandex', local: false, model: null, location: 'https://stt.api.cloud.yandex.net', modelFound: null, problem: null }],
  ])('finds no problem with %s', (_name, asr) => {
    expect(speechProblem(asr)).toBeNull();
  });
});
