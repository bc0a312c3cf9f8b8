// Loads the labelled real calls of the shared corpus as transcripts, through the product's importer,
// for the evaluation benchmarks.
import { readFileSync } from 'node:fs';

import { loadDefaultChecklist } from '../src/checklists/checklist-loader.ts';
import type { Checklist } from '../src/core/model/checklist.ts';
import type { CriterionResult, PromiseAction } from '../src/core/model/evaluation.ts';
import type { Transcript } from '../src/core/model/transcript.ts';
import type { Morphology } from '../src/core/text/morphology.ts';
import { importTranscriptFile } from '../src/importers/transcript/index.ts';
import { loadMorphology } from '../src/text/az-morphology.ts';
import { corpusPath } from '../test/corpus.ts';

export interface CallLabel {
  id: string;
  /** The label file the call comes from: `part1` or `part2`. */
  part: string;
  criteria: Partial<Record<string, CriterionResult>>;
  findings: { kind: string; quote: string }[];
  promises: { quote: string; action: PromiseAction; due: string | null }[];
  notes?: string;
}

export interface EvaluationCorpus {
  transcripts: Transcript[];
  labels: Map<string, CallLabel>;
  checklist: Checklist;
  morphology: Morphology;
}

export const CALLS_FILE = corpusPath('transcripts', 'real-isp', 'calls.json');
/** Label files by part. Rules are tuned on the first part and checked on the second. */
export const LABEL_PARTS: readonly { part: string; file: string }[] = [
  { part: 'part1', file: 'real-isp-part1.labels.json' },
  { part: 'part2', file: 'real-isp-part2.labels.json' },
];

export async function loadEvaluationCorpus(): Promise<EvaluationCorpus> {
  const imported = await importTranscriptFile(CALLS_FILE, { timeZone: 'Europe/Moscow' });
  if (!imported.ok) {
    throw new Error(`Import of ${CALLS_FILE} failed: ${imported.error.message}`);
  }
  const labels = new Map<string, CallLabel>();
  for (const { part, file } of LABEL_PARTS) {
    for (const label of JSON.parse(readFileSync(corpusPath('labels', file), 'utf8')) as Omit<CallLabel, 'part'>[]) {
      labels.set(label.id, { ...label, part });
    }
  }
  return {
    transcripts: imported.transcripts,
    labels,
    checklist: await loadDefaultChecklist(),
    morphology: await loadMorphology(),
  };
}
