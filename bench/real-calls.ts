// Reads the real contact-centre calls of the shared corpus and their labels for the benchmarks.
import { readFileSync } from 'node:fs';

import type { Role, Turn } from '../src/core/model/transcript.ts';
import { corpusPath } from '../test/corpus.ts';

export interface RealCall {
  id: string;
  date: string;
  dialog: string;
  turns: Turn[];
}

export interface LabelledPromise {
  quote: string;
  action: string;
  due: string | null;
}

export interface CallLabels {
  id: string;
  promises: LabelledPromise[];
}

interface RawCall {
  id: number;
  date: string;
  dialog: string;
}

/**
 * Splits `<out>`/`<in>` tagged text into turns: `<out>` is the employee's channel, `<in>` the client's.
 * NOTE: a stand-in for the product's channel-tagged importer, kept to the benchmarks until that
 * importer is part of the main branch.
 */
export function splitTaggedDialog(dialog: string): Turn[] {
  const turns: Turn[] = [];
  for (const match of dialog.matchAll(/<(out|in)>([^<]*)/gu)) {
    const text = (match[2] ?? '').trim();
    if (text === '') {
      continue;
    }
    const role: Role = match[1] === 'out' ? 'manager' : 'client';
    turns.push({ index: turns.length, role, channel: role === 'manager' ? 0 : 1, speaker: null, startSec: null, endSec: null, text, confidence: null, flags: [], overlapsTurn: null });
  }
  return turns;
}

export function readRealCalls(): RealCall[] {
  const raw = JSON.parse(readFileSync(corpusPath('transcripts', 'real-isp', 'calls.json'), 'utf8')) as RawCall[];
  return raw.map((call) => ({ id: String(call.id), date: call.date, dialog: call.dialog, turns: splitTaggedDialog(call.dialog) }));
}

export function readLabels(): Map<string, CallLabels> {
  const labels = new Map<string, CallLabels>();
  for (const file of ['real-isp-part1.labels.json', 'real-isp-part2.labels.json']) {
    const entries = JSON.parse(readFileSync(corpusPath('labels', file), 'utf8')) as CallLabels[];
    for (const entry of entries) {
      labels.set(entry.id, entry);
    }
  }
  return labels;
}
