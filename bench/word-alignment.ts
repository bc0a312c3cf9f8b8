// Measures alignWordsToText on one synthetic hour of speech (about 9 000 spoken words at 150 a minute),
// once as utterance-sized segments, as engines return them, and once as a single segment, the worst case.
// Utterances mix plain speech with sums, clock times, phone numbers and percents.
//   npx tsx bench/word-alignment.ts
import { performance } from 'node:perf_hooks';

import type { RecognizedWord } from '../src/asr/speech-recognizer.ts';
import { alignWordsToText } from '../src/asr/word-alignment.ts';

const ROUNDS = 5;
const HOUR_WORDS = 9000;

/** Spoken words of an utterance and the normalised text an engine returns for it. */
const UTTERANCES: readonly [string, string][] = [
  ['добрый день меня зовут анна', 'Добрый день, меня зовут Анна.'],
  ['сумма к оплате тысяча пятьсот девятнадцать рублей тридцать девять копеек', 'Сумма к оплате 1 519,39 ₽.'],
  ['перезвоню вам завтра в шесть вечера', 'Перезвоню вам завтра в 18:00.'],
  ['мой номер восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь', 'Мой номер 8 916 123-45-67.'],
  ['скидка двадцать пять процентов на второй месяц', 'Скидка 25% на 2-й месяц.'],
  ['да конечно я вас понял сейчас посмотрю что можно сделать по вашему вопросу', 'Да, конечно, я вас понял. Сейчас посмотрю, что можно сделать по вашему вопросу.'],
];

function buildHour(): { text: string; spoken: RecognizedWord[] }[] {
  const segments: { text: string; spoken: RecognizedWord[] }[] = [];
  let time = 0;
  let count = 0;
  for (let index = 0; count < HOUR_WORDS; index++) {
    const [spokenText, text] = UTTERANCES[index % UTTERANCES.length] ?? ['', ''];
    const spoken = spokenText.split(' ').map((word) => {
      time += 0.4;
      return { text: word, startSec: time - 0.4, endSec: time - 0.1, confidence: null };
    });
    segments.push({ text, spoken });
    count += spoken.length;
  }
  return segments;
}

function measure(name: string, work: () => void): void {
  work();
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    work();
  }
  console.log(`${name.padEnd(34)} ${((performance.now() - started) / ROUNDS).toFixed(0).padStart(6)} ms per hour of speech`);
}

const segments = buildHour();
const whole = { text: segments.map((segment) => segment.text).join(' '), spoken: segments.flatMap((segment) => segment.spoken) };
console.log(`${whole.spoken.length} spoken words in ${segments.length} segments, mean of ${ROUNDS} rounds after a warm-up`);
measure('utterance-sized segments', () => {
  for (const segment of segments) {
    alignWordsToText(segment.text, segment.spoken);
  }
});
measure('one segment for the whole hour', () => {
  alignWordsToText(whole.text, whole.spoken);
});
