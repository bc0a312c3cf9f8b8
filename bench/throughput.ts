// Measures the evaluation engine alone — no import, no storage — on the real calls of the corpus repeated
// to at least 10,000 evaluations, on one core (one Node.js thread), and prints calls per second.
//   npx tsx bench/throughput.ts [evaluations]
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

import { evaluateCall } from '../src/core/evaluation/evaluate-call.ts';
import { loadEvaluationCorpus } from './evaluation-corpus.ts';

const DEFAULT_EVALUATIONS = 10_000;
// A first pass fills the lemma cache and lets the JIT settle, as in a long-running worker.
const WARM_UP_ROUNDS = 2;

async function main(): Promise<void> {
  const target = Number(process.argv[2] ?? DEFAULT_EVALUATIONS);
  const corpus = await loadEvaluationCorpus();
  const context = { morphology: corpus.morphology, timeZone: 'Europe/Moscow' };
  const calls = corpus.transcripts;
  const words = calls.reduce((sum, transcript) => sum + transcript.turns.reduce((count, turn) => count + turn.text.split(/\s+/u).length, 0), 0);

  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    for (const transcript of calls) {
      evaluateCall(transcript, corpus.checklist, context);
    }
  }

  const rounds = Math.ceil(target / calls.length);
  let evaluated = 0;
  let findings = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let round = 0; round < rounds; round++) {
    for (const transcript of calls) {
      findings += evaluateCall(transcript, corpus.checklist, context).findings.length;
      evaluated += 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'}, ядер: ${cpus().length}; Node.js ${process.version}, один поток`);
  console.log(`Звонков в корпусе: ${calls.length} (${words} слов), повторов: ${rounds}`);
  console.log(`Оценено звонков: ${evaluated} за ${seconds.toFixed(1)} с (находок: ${findings})`);
  console.log(`Скорость: ${(evaluated / seconds).toFixed(0)} звонков/с на ядро, ${((words * rounds) / seconds / 1000).toFixed(0)} тыс. слов/с`);
  // On a shared machine the wall clock also counts time other processes took; processor time does not.
  console.log(`Процессорное время: ${cpuSeconds.toFixed(1)} с, ${(evaluated / cpuSeconds).toFixed(0)} звонков на секунду процессора`);
}

await main();
