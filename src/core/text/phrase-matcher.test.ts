import { beforeAll, describe, expect, it } from 'vitest';

import { loadMorphology } from '../../text/az-morphology.ts';
import { analyzeText } from './analyze.ts';
import type { Morphology } from './morphology.ts';
import { findNegations, isNegated } from './negation.ts';
import { compilePhrases } from './phrase-matcher.ts';

let morphology: Morphology;

beforeAll(async () => {
  morphology = await loadMorphology();
});

describe('analyzeText', () => {
  it.each([
    ['перезвоню', 'перезвонить'],
    ['свяжемся', 'связаться'],
    ['пришлю', 'прислать'],
    ['чтото', 'что-то'],
    ['какойто', 'какой-то'],
    ['гдето', 'где-то'],
    ['Всё', 'все'],
  ])('lemmatizes %s as %s', (word, lemma) => {
    expect(analyzeText(word, morphology)[0]?.lemma).toBe(lemma);
  });

  it('keeps offsets and grammemes', () => {
    const text = 'я вам перезвоню';
    const [, , verb] = analyzeText(text, morphology);
    expect(text.slice(verb?.start, verb?.end)).toBe('перезвоню');
    expect(verb?.grammemes).toContain('1per');
    expect(verb?.grammemes).toContain('futr');
  });

  it.each([['эээ'], ['мх'], ['угу']])('marks the filler %s as an interjection', (word) => {
    expect(analyzeText(word, morphology)[0]?.pos).toBe('INTJ');
  });
});

describe('PhraseMatcher', () => {
  it.each([
    ['добрый день', 'алло доброго дня вам', true],
    ['добрый день', 'добрый день', true],
    ['добрый день', 'добрых дней', true],
    ['добрый день', 'день добрый', false],
    ['я же сказал', 'я же вам уже сказал', true],
    ['я же сказал', 'я же вам сказала', true],
    ['я же сказал', 'я же вам это уже давно сказал', false],
    ['всё верно', 'все верно', true],
    ['ещё раз повторяю', 'еще раз вам повторяю', true],
    ['это не ко мне', 'это вообще не ко мне', true],
    ['чем могу помочь', 'чем я могу вам помочь', true],
    ['меня зовут', 'меня зовут ирина', true],
    ['меня зовут', 'зовут меня ирина', false],
    ['перезвонить', 'перезвоним вам', true],
    ['спасибо за ожидание', 'спасибо большое за ожидание', true],
    ['секундочку', 'секундочки', true],
  ])('«%s» in «%s» is %s', (phrase, text, expected) => {
    const matcher = compilePhrases([phrase], morphology);
    expect(matcher.test(analyzeText(text, morphology))).toBe(expected);
  });

  it('returns offsets that quote the source unchanged', () => {
    const text = 'ну я же вам уже сказала всё';
    const [match] = compilePhrases(['я же сказал'], morphology).findAll(analyzeText(text, morphology));
    expect(text.slice(match?.start, match?.end)).toBe('я же вам уже сказала');
  });

  it('takes a gap per phrase', () => {
    const matcher = compilePhrases([{ text: 'я же сказал', maxGap: 0 }], morphology);
    expect(matcher.test(analyzeText('я же вам сказал', morphology))).toBe(false);
    expect(matcher.test(analyzeText('я же сказал', morphology))).toBe(true);
  });

  it('finds every phrase of a list with its index', () => {
    const matcher = compilePhrases(['добрый день', 'до свидания', 'всего доброго'], morphology);
    const matches = matcher.findAll(analyzeText('добрый день всё решили всего доброго до свидания', morphology));
    expect(matches.map((match) => match.phraseIndex)).toEqual([0, 2, 1]);
  });

  it('finds one phrase twice without overlap', () => {
    const matcher = compilePhrases(['угу'], morphology);
    expect(matcher.findAll(analyzeText('угу угу угу', morphology))).toHaveLength(3);
  });

  it('ignores an empty phrase', () => {
    expect(compilePhrases([''], morphology).test(analyzeText('что угодно', morphology))).toBe(false);
  });
});

describe('isNegated', () => {
  it.each([
    ['не могу вам перезвонить', 'перезвонить', true],
    ['я не перезвоню', 'перезвоню', true],
    ['не смогу уже отправить', 'отправить', true],
    ['ничего не подключали', 'подключали', true],
    ['я вам перезвоню', 'перезвоню', false],
    ['не знаю но перезвоню', 'перезвоню', false],
    ['нет я вам перезвоню', 'перезвоню', false],
    ['не волнуйтесь мастер придет', 'придет', false],
  ])('«%s»: %s is negated: %s', (text, word, expected) => {
    const tokens = analyzeText(text, morphology);
    const index = tokens.findIndex((token) => token.text === word);
    expect(isNegated(tokens, index)).toBe(expected);
  });
});

describe('findNegations', () => {
  it.each([
    ['не могу помочь', 'не могу помочь'],
    ['ничего не работает', 'ничего не работает'],
    ['это не ко мне', 'не ко мне'],
  ])('finds «%s» as «%s»', (text, span) => {
    const [negation] = findNegations(analyzeText(text, morphology));
    expect(text.slice(negation?.start, negation?.end)).toBe(span);
  });
});
