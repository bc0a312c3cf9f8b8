import { beforeAll, describe, expect, it } from 'vitest';

import { evaluateCall } from '../src/core/evaluation/evaluate-call.ts';
import type { Evaluation, Evidence } from '../src/core/model/evaluation.ts';
import type { Transcript } from '../src/core/model/transcript.ts';
import { tokenize } from '../src/core/text/tokenize.ts';
import { importTranscriptFile } from '../src/importers/transcript/index.ts';
import { loadEngine } from './call-script.ts';
import { corpusPath } from './corpus.ts';

let transcripts: Transcript[] = [];
let evaluations: Evaluation[] = [];

beforeAll(async () => {
  const imported = await importTranscriptFile(corpusPath('transcripts', 'real-isp', 'calls.json'));
  if (!imported.ok) {
    throw new Error(imported.error.message);
  }
  transcripts = imported.transcripts;
  const { morphology, checklist } = await loadEngine();
  evaluations = transcripts.map((transcript) => evaluateCall(transcript, checklist, { morphology, timeZone: 'Europe/Moscow' }));
});

function allEvidence(evaluation: Evaluation): Evidence[] {
  return [
    ...evaluation.criteria.flatMap((criterion) => criterion.evidence),
    ...evaluation.findings.flatMap((finding) => [finding, ...finding.evidence]),
  ];
}

describe('evaluation of real calls', () => {
  it('evaluates every call', () => {
    expect(evaluations).toHaveLength(66);
    expect(evaluations.every((evaluation) => evaluation.score !== null)).toBe(true);
  });

  it('is the same byte for byte on a second run', async () => {
    const { morphology, checklist } = await loadEngine();
    const again = transcripts.map((transcript) => evaluateCall(transcript, checklist, { morphology, timeZone: 'Europe/Moscow' }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(evaluations));
  });

  it('quotes the transcript\'s own words, unchanged', () => {
    evaluations.forEach((evaluation, index) => {
      const turns = transcripts[index]?.turns ?? [];
      for (const evidence of allEvidence(evaluation)) {
        expect(turns[evidence.turn]?.text).toContain(evidence.quote);
      }
    });
  });

  it('keeps quotes within fifteen words', () => {
    for (const evaluation of evaluations) {
      for (const evidence of allEvidence(evaluation)) {
        expect(tokenize(evidence.quote).length).toBeLessThanOrEqual(15);
        expect(tokenize(evidence.quote).length).toBeGreaterThan(0);
      }
    }
  });

  it('never reports findings that need the call log', () => {
    const kinds = new Set(evaluations.flatMap((evaluation) => evaluation.findings.map((finding) => finding.kind)));
    expect(kinds.has('promise_not_kept')).toBe(false);
    expect(kinds.has('missed_call_no_callback')).toBe(false);
  });

  it('gives every finding a recommendation that points at the moment', () => {
    for (const finding of evaluations.flatMap((evaluation) => evaluation.findings)) {
      expect(finding.recommendation).toContain(`«${finding.quote}»`);
    }
  });

  it('scores within 0–100', () => {
    for (const evaluation of evaluations) {
      expect(evaluation.score).toBeGreaterThanOrEqual(0);
      expect(evaluation.score).toBeLessThanOrEqual(100);
    }
  });

  it('marks the six-minute call with sixty words incomplete', () => {
    const sparse = evaluations.find((evaluation) => evaluation.metrics.managerWords + evaluation.metrics.clientWords < 70 && (evaluation.call.durationSec ?? 0) > 300);
    expect(sparse?.transcript.complete).toBe(false);
    expect(sparse?.criteria.find((criterion) => criterion.id === 'farewell')?.result).toBe('not_applicable');
  });
});
