// Measures how often the manager is found by content alone: the real calls with their channel tags
// replaced by speaker labels A and B in random order, and the synthetic bank dialogues.
//   npx tsx bench/roles.ts
import { readdirSync, readFileSync } from 'node:fs';

import type { Turn } from '../src/core/model/transcript.ts';
import { inferManagerSpeaker } from '../src/core/roles/content-roles.ts';
import { loadMorphology } from '../src/text/az-morphology.ts';
import { corpusPath } from '../test/corpus.ts';
import { readRealCalls } from './real-calls.ts';

type Labelled = Pick<Turn, 'speaker' | 'text'>;

// A fixed-seed generator, so that every run shuffles the labels the same way.
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

const morphology = await loadMorphology();
const random = seededRandom(20260210);
const results: { source: string; correct: boolean | null; confidence: number }[] = [];

for (const call of readRealCalls()) {
  const managerLabel = random() < 0.5 ? 'A' : 'B';
  const clientLabel = managerLabel === 'A' ? 'B' : 'A';
  const turns: Labelled[] = call.turns.map((turn) => ({ speaker: turn.role === 'manager' ? managerLabel : clientLabel, text: turn.text }));
  const guess = inferManagerSpeaker(turns, morphology);
  results.push({ source: `real ${call.id}`, correct: guess.managerSpeaker === null ? null : guess.managerSpeaker === managerLabel, confidence: guess.confidence });
}

const syntheticFolder = corpusPath('audio', 'synthetic-bank-calls-c');
for (const file of readdirSync(syntheticFolder).filter((name) => name.endsWith('.dialogue.txt'))) {
  const operatorLabel = random() < 0.5 ? 'A' : 'B';
  const turns: Labelled[] = [];
  for (const line of readFileSync(`${syntheticFolder}/${file}`, 'utf8').split('\n')) {
    const match = /^(Оператор|Клиент):\s*(.+)$/u.exec(line.trim());
    if (match !== null) {
      const isOperator = match[1] === 'Оператор';
      turns.push({ speaker: isOperator === (operatorLabel === 'A') ? 'A' : 'B', text: match[2] ?? '' });
    }
  }
  const guess = inferManagerSpeaker(turns, morphology);
  results.push({ source: `synthetic ${file}`, correct: guess.managerSpeaker === null ? null : guess.managerSpeaker === operatorLabel, confidence: guess.confidence });
}

for (const group of ['real', 'synthetic']) {
  const part = results.filter((result) => result.source.startsWith(group));
  const correct = part.filter((result) => result.correct === true).length;
  const wrong = part.filter((result) => result.correct === false);
  const undecided = part.filter((result) => result.correct === null).length;
  const confidentWrong = wrong.filter((result) => result.confidence >= 0.5).length;
  console.log(`${group}: ${part.length} calls, correct ${correct}, wrong ${wrong.length} (${confidentWrong} with confidence ≥ 0.5), undecided ${undecided}`);
  for (const result of wrong) console.log(`  wrong: ${result.source} confidence ${result.confidence}`);
}
const correctConfidences = results.filter((result) => result.correct === true).map((result) => result.confidence);
console.log(`mean confidence when correct: ${(correctConfidences.reduce((sum, value) => sum + value, 0) / Math.max(1, correctConfidences.length)).toFixed(2)}`);
