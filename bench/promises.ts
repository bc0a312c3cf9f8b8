// Measures promise extraction against the QA reviewer's labels of the real calls:
// precision, recall and F1, with every miss and false alarm listed.
//   npx tsx bench/promises.ts
import { performance } from 'node:perf_hooks';

import { extractPromises } from '../src/core/evaluation/promises.ts';
import type { CallPromise } from '../src/core/model/evaluation.ts';
import type { Turn } from '../src/core/model/transcript.ts';
import { foldText } from '../src/core/text/normalize.ts';
import { loadMorphology } from '../src/text/az-morphology.ts';
import { readLabels, readRealCalls } from './real-calls.ts';
import type { LabelledPromise } from './real-calls.ts';

interface Span {
  start: number;
  end: number;
}

/** Joins the turns' texts by spaces and records each turn's offset, so quotes of any turn share one axis. */
function flatten(turns: readonly Turn[]): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  for (const turn of turns) {
    offsets.push(text.length === 0 ? 0 : text.length + 1);
    text = text.length === 0 ? turn.text : `${text} ${turn.text}`;
  }
  return { text: foldText(text), offsets };
}

function labelSpan(flat: string, quote: string): Span | null {
  const start = flat.indexOf(foldText(quote).replace(/\s+/gu, ' ').trim());
  return start < 0 ? null : { start, end: start + quote.length };
}

function promiseSpan(promise: CallPromise, turns: readonly Turn[], offsets: readonly number[]): Span | null {
  const turn = turns[promise.turn];
  const within = turn?.text.indexOf(promise.quote) ?? -1;
  if (turn === undefined || within < 0) {
    return null;
  }
  const start = (offsets[promise.turn] ?? 0) + within;
  return { start, end: start + promise.quote.length };
}

function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function wordsOverlap(a: string | null, b: string | null): boolean {
  if (a === null || b === null) {
    return a === b;
  }
  const words = new Set(foldText(a).split(/\s+/u));
  return foldText(b).split(/\s+/u).some((word) => word.length > 2 && words.has(word));
}

const morphology = await loadMorphology();
const calls = readRealCalls();
const labels = readLabels();
let truePositives = 0;
let falsePositives = 0;
let falseNegatives = 0;
let actionAgree = 0;
let dueAgree = 0;
let quotesNotFound = 0;
const misses: string[] = [];
const falseAlarms: string[] = [];
let elapsedMs = 0;

// One pass to fill the lemma cache, as a worker's cache is after its first calls.
for (const call of calls) {
  extractPromises(call.turns, { morphology, callStartedAt: call.date, timeZone: 'Europe/Moscow' });
}

for (const call of calls) {
  const label = labels.get(call.id);
  if (label === undefined) {
    continue;
  }
  const started = performance.now();
  const predicted = extractPromises(call.turns, { morphology, callStartedAt: call.date, timeZone: 'Europe/Moscow' });
  elapsedMs += performance.now() - started;
  const { text: flat, offsets } = flatten(call.turns);
  const predictedSpans = predicted.map((promise) => promiseSpan(promise, call.turns, offsets));
  quotesNotFound += predictedSpans.filter((span) => span === null).length;
  const used = new Set<number>();
  for (const expected of label.promises) {
    const span = labelSpan(flat, expected.quote);
    let best = -1;
    let bestOverlap = 0;
    predictedSpans.forEach((candidate, index) => {
      const amount = span === null || candidate === null || used.has(index) ? 0 : overlap(span, candidate);
      if (amount > bestOverlap) {
        best = index;
        bestOverlap = amount;
      }
    });
    const match = predicted[best];
    if (match === undefined) {
      falseNegatives++;
      misses.push(describeLabel(call.id, expected, span === null));
      continue;
    }
    used.add(best);
    truePositives++;
    actionAgree += match.action === expected.action ? 1 : 0;
    dueAgree += wordsOverlap(match.dueText, expected.due) ? 1 : 0;
  }
  predicted.forEach((promise, index) => {
    if (!used.has(index)) {
      falsePositives++;
      falseAlarms.push(`${call.id} [${promise.action}] «${promise.quote}» due=${promise.dueText ?? '—'}`);
    }
  });
}

function describeLabel(id: string, expected: LabelledPromise, notFound: boolean): string {
  return `${id} [${expected.action}] «${expected.quote}» due=${expected.due ?? '—'}${notFound ? ' (quote not found in the transcript)' : ''}`;
}

const precision = truePositives / Math.max(1, truePositives + falsePositives);
const recall = truePositives / Math.max(1, truePositives + falseNegatives);
const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
console.log(`calls: ${labels.size}, labelled promises: ${truePositives + falseNegatives}, extracted: ${truePositives + falsePositives}`);
console.log(`precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}`);
console.log(`of matched: action agrees ${actionAgree}/${truePositives}, due phrase agrees ${dueAgree}/${truePositives}`);
console.log(`quotes not found in their turn: ${quotesNotFound}`);
console.log(`extraction: ${(calls.length / (elapsedMs / 1000)).toFixed(0)} calls/s (warm lemma cache, one core)`);
console.log(`\nmisses (${misses.length}):`);
for (const line of misses) console.log(`  ${line}`);
console.log(`\nfalse alarms (${falseAlarms.length}):`);
for (const line of falseAlarms) console.log(`  ${line}`);
