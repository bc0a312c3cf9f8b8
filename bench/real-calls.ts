// Reads the real contact-centre calls of the shared corpus and their labels for the benchmarks.
import { readFileSync } from 'node:fs';

import type { Turn } from '../src/core/model/transcript.ts';
import { parseChannelTaggedDialog } from '../src/importers/transcript/channel-tagged.importer.ts';
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

export function readRealCalls(): RealCall[] {
  const raw = JSON.parse(readFileSync(corpusPath('transcripts', 'real-isp', 'calls.json'), 'utf8')) as RawCall[];
  return raw.map((call) => ({ id: String(call.id), date: call.date, dialog: call.dialog, turns: parseChannelTaggedDialog(call.dialog) }));
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
