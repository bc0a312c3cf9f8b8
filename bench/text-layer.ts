// Measures the Russian text layer on the real calls with a warm lemma cache, one core: lemmatized
// tokens, a compiled phrase list, question cues, time expressions and promise extraction per call.
//   npx tsx bench/text-layer.ts
import { performance } from 'node:perf_hooks';

import { extractPromises } from '../src/core/evaluation/promises.ts';
import { analyzeText } from '../src/core/text/analyze.ts';
import { compilePhrases } from '../src/core/text/phrase-matcher.ts';
import { findQuestionCues } from '../src/core/text/questions.ts';
import { findTimeExpressions } from '../src/core/text/time-expressions.ts';
import { loadMorphology } from '../src/text/az-morphology.ts';
import { readRealCalls } from './real-calls.ts';

const ROUNDS = 5;
const morphology = await loadMorphology();
const calls = readRealCalls();
const words = calls.reduce((sum, call) => sum + call.turns.reduce((count, turn) => count + turn.text.split(/\s+/u).length, 0), 0);
const phrases = compilePhrases(['я же сказал', 'ещё раз повторяю', 'что вам непонятно', 'это не ко мне', 'ваши проблемы', 'добрый день', 'до свидания', 'всего доброго', 'меня зовут', 'чем могу помочь'], morphology);

function measure(name: string, work: () => void): void {
  work();
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    work();
  }
  const seconds = (performance.now() - started) / 1000 / ROUNDS;
  console.log(`${name.padEnd(28)} ${(calls.length / seconds).toFixed(0).padStart(6)} calls/s  ${(words / seconds / 1000).toFixed(0).padStart(5)} k words/s`);
}

console.log(`${calls.length} calls, ${words} words, ${(words / calls.length).toFixed(0)} words per call on average`);
measure('analyzeText', () => {
  for (const call of calls) for (const turn of call.turns) analyzeText(turn.text, morphology);
});
measure('analyze + phrases + questions', () => {
  for (const call of calls) {
    for (const turn of call.turns) {
      const tokens = analyzeText(turn.text, morphology);
      phrases.findAll(tokens);
      findQuestionCues(tokens);
    }
  }
});
measure('findTimeExpressions', () => {
  for (const call of calls) for (const turn of call.turns) findTimeExpressions(turn.text, { callStartedAt: call.date, timeZone: 'Europe/Moscow' });
});
measure('extractPromises', () => {
  for (const call of calls) extractPromises(call.turns, { morphology, callStartedAt: call.date, timeZone: 'Europe/Moscow' });
});
