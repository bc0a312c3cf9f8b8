import { readdirSync, readFileSync } from 'node:fs';

import { beforeAll, describe, expect, it } from 'vitest';

import type { Turn } from '../src/core/model/transcript.ts';
import { inferManagerSpeaker } from '../src/core/roles/content-roles.ts';
import type { Morphology } from '../src/core/text/morphology.ts';
import { loadMorphology } from '../src/text/az-morphology.ts';
import { corpusPath } from './corpus.ts';

let morphology: Morphology;

beforeAll(async () => {
  morphology = await loadMorphology();
});

type Labelled = Pick<Turn, 'speaker' | 'text'>;

// Real calls with their channel tags replaced by speaker labels: `<out>` (the employee) becomes
// `managerLabel`, so that the order of labels reveals nothing.
function relabel(dialog: string, managerLabel: string, clientLabel: string): Labelled[] {
  return [...dialog.matchAll(/<(out|in)>([^<]*)/gu)]
    .map((match) => ({ speaker: match[1] === 'out' ? managerLabel : clientLabel, text: (match[2] ?? '').trim() }))
    .filter((turn) => turn.text !== '');
}

describe('inferManagerSpeaker on the corpus', () => {
  it('finds the employee in most real calls with the labels removed', () => {
    const calls = JSON.parse(readFileSync(corpusPath('transcripts', 'real-isp', 'calls.json'), 'utf8')) as { id: number; dialog: string }[];
    let correct = 0;
    let confidentlyWrong = 0;
    for (const [position, call] of calls.entries()) {
      const [managerLabel, clientLabel] = position % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
      const guess = inferManagerSpeaker(relabel(call.dialog, managerLabel, clientLabel), morphology);
      if (guess.managerSpeaker === managerLabel) {
        correct++;
      } else if (guess.confidence >= 0.5) {
        confidentlyWrong++;
      }
    }
    expect(correct / calls.length).toBeGreaterThanOrEqual(0.9);
    expect(confidentlyWrong).toBe(0);
  });

  it.each(readdirSync(corpusPath('audio', 'synthetic-bank-calls-c')).filter((name) => name.endsWith('.dialogue.txt')))('finds the operator in %s', (file) => {
    const text = readFileSync(corpusPath('audio', 'synthetic-bank-calls-c', file), 'utf8');
    const turns: Labelled[] = [];
    for (const line of text.split('\n')) {
      const match = /^(Оператор|Клиент):\s*(.+)$/u.exec(line.trim());
      if (match !== null) {
        // The client gets the first label, so that label order cannot reveal the operator.
        turns.push({ speaker: match[1] === 'Оператор' ? 'S2' : 'S1', text: match[2] ?? '' });
      }
    }
    expect(inferManagerSpeaker(turns, morphology).managerSpeaker).toBe('S2');
  });
});
