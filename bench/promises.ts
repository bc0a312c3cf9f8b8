// Measures promise extraction against the QA reviewer's labels of the real calls:
// precision, recall and F1, with every miss and false alarm listed.
//   npx tsx bench/promises.ts             all labelled calls
//   npx tsx bench/promises.ts --part 1    the calls of one label part only
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { extractPromises } from '../src/core/evaluation/promises.ts';
import { foldText } from '../src/core/text/normalize.ts';
import { loadMorphology } from '../src/text/az-morphology.ts';
import { corpusPath } from '../test/corpus.ts';
import { LABEL_PARTS } from './evaluation-corpus.ts';
import { readLabels, readRealCalls } from './real-calls.ts';
import type { LabelledPromise } from './real-calls.ts';

/** A stretch of the call's words, by position in the tagged dialog with its tags removed. */
interface Span {
  start: number;
  end: number;
}

/** Words a crosstalk merge may leave out of a quote: the other party's backchannels. */
const MAX_SKIPPED_WORDS = 3;

function dialogWords(dialog: string): string[] {
  return foldText(dialog.replace(/<\s*(?:in|out)\s*>/giu, ' ')).split(/\s+/u).filter((word) => word !== '');
}

/**
 * Finds every place where a quote's words occur in order in the dialog, allowing a few foreign words
 * between them. The importer merges a speaker's words around the other party's «угу», so a turn's
 * quote and the reviewer's quote of the raw text may differ by those words.
 */
function locate(words: readonly string[], quote: string): Span[] {
  const quoteWords = foldText(quote).split(/\s+/u).filter((word) => word !== '');
  const spans: Span[] = [];
  for (let start = 0; start < words.length; start++) {
    if (words[start] !== quoteWords[0]) {
      continue;
    }
    let position = start;
    let matched = 1;
    while (matched < quoteWords.length) {
      let next = position + 1;
      while (next < words.length && next - position - 1 <= MAX_SKIPPED_WORDS && words[next] !== quoteWords[matched]) {
        next++;
      }
      if (next >= words.length || words[next] !== quoteWords[matched]) {
        break;
      }
      position = next;
      matched++;
    }
    if (matched === quoteWords.length) {
      spans.push({ start, end: position + 1 });
    }
  }
  return spans;
}

function overlap(a: readonly Span[], b: readonly Span[]): number {
  let best = 0;
  for (const first of a) {
    for (const second of b) {
      best = Math.max(best, Math.min(first.end, second.end) - Math.max(first.start, second.start));
    }
  }
  return best;
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
const labels = onlyPart(readLabels());

/** Keeps the labels of the part given with `--part`, or all of them. */
function onlyPart<T>(all: Map<string, T>): Map<string, T> {
  const position = process.argv.indexOf('--part');
  if (position < 0) {
    return all;
  }
  const part = LABEL_PARTS.find((entry) => entry.part === `part${process.argv[position + 1] ?? ''}`);
  if (part === undefined) {
    throw new Error(`--part expects one of ${LABEL_PARTS.map((entry) => entry.part.replace('part', '')).join(', ')}`);
  }
  const ids = new Set((JSON.parse(readFileSync(corpusPath('labels', part.file), 'utf8')) as { id: string }[]).map((label) => label.id));
  return new Map([...all].filter(([id]) => ids.has(id)));
}
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
  const words = dialogWords(call.dialog);
  const predictedSpans = predicted.map((promise) => locate(words, promise.quote));
  quotesNotFound += predicted.filter((promise) => !call.turns[promise.turn]?.text.includes(promise.quote)).length;
  const used = new Set<number>();
  for (const expected of label.promises) {
    const spans = locate(words, expected.quote);
    let best = -1;
    let bestOverlap = 0;
    predictedSpans.forEach((candidate, index) => {
      const amount = used.has(index) ? 0 : overlap(spans, candidate);
      if (amount > bestOverlap) {
        best = index;
        bestOverlap = amount;
      }
    });
    const match = predicted[best];
    if (match === undefined) {
      falseNegatives++;
      misses.push(describeLabel(call.id, expected, spans.length === 0));
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
