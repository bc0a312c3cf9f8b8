import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Checklist } from '../../core/model/checklist.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import type { Database } from '../../data/index.ts';
import { DATABASE_KINDS, openTestDatabase } from '../../data/testing/test-databases.ts';
import type { TestDatabase } from '../../data/testing/test-databases.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { AppError } from '../../lib/app-error.ts';
import { createLogger } from '../../lib/logger.ts';
import { loadMorphology } from '../../text/az-morphology.ts';
import { corpusPath, REPO_ROOT } from '../../../test/corpus.ts';
import { CallAnalyzer } from '../analysis/call-analyzer.ts';
import { collectInputFiles } from '../analysis/file-collector.ts';
import { resolveActiveChecklist } from '../checklists/active-checklist.ts';
import { reconcileOutcomeFindings } from '../followthrough/outcome-findings.ts';
import { ReevaluationService } from './reevaluation.service.ts';
import type { ReevaluationJob } from './reevaluation.service.ts';
import { evaluateStoredCall } from './stored-call-evaluation.ts';

const morphology = loadMorphology();
const logger = createLogger({ level: 'silent' });

// Three different zones: the calls are analysed in one, the database and the job are configured with
// others, so a re-evaluation that took its zone from anywhere but the call would move promise due times.
const ANALYSIS_TIME_ZONE = 'Europe/Moscow';
const DATABASE_TIME_ZONE = 'UTC';
const JOB_TIME_ZONE = 'Asia/Vladivostok';

const INPUTS = [
  ['samples', path.join(REPO_ROOT, 'samples'), 13],
  ['real calls', corpusPath('transcripts', 'real-isp', 'calls.json'), 66],
] as const;

function job(): ReevaluationJob {
  return { id: 'direct-run', signal: new AbortController().signal, logger, reportProgress: () => Promise.resolve() };
}

/** Analyses every file and returns the evaluations as the analysis gave them, by call id. */
async function analyse(database: Database, checklist: Checklist, input: string): Promise<Map<string, Evaluation>> {
  const analyzer = new CallAnalyzer({
    morphology: await morphology,
    checklist,
    timeZone: ANALYSIS_TIME_ZONE,
    database,
    recognizer: () => Promise.reject(new AppError('CONFIG_INVALID', 'распознавание речи в этом тесте не нужно')),
    logger,
  });
  const evaluations = new Map<string, Evaluation>();
  for (const file of (await collectInputFiles([input])).files) {
    const result = await analyzer.analyzeFile(file);
    if (!result.ok) {
      throw new Error(`${file.path} was not analysed: ${result.message}`);
    }
    result.calls.forEach((call) => evaluations.set(call.evaluation.call.id, call.evaluation));
  }
  await analyzer.close();
  return evaluations;
}

/** The evaluation's JSON without what differs between runs by nature; evaluations carry neither ids nor times. */
function bytesOf(evaluation: Evaluation): string {
  return JSON.stringify(evaluation);
}

describe.each(DATABASE_KINDS)('re-evaluation with the same checklist on %s', (kind) => {
  let test: TestDatabase;
  let checklist: Checklist;
  let service: ReevaluationService;

  beforeEach(async () => {
    test = await openTestDatabase(kind, { timeZone: DATABASE_TIME_ZONE });
    checklist = await resolveActiveChecklist(test.database, null);
    service = new ReevaluationService({ database: test.database, queue: {} as JobQueue, morphology: () => morphology, timeZone: JOB_TIME_ZONE });
  });

  afterEach(async () => {
    await test.cleanup();
  });

  describe.each(INPUTS)('of the %s', (_name, input, callCount) => {
    it('gives each analysis evaluation byte for byte', async () => {
      const analysed = await analyse(test.database, checklist, input);
      expect(analysed.size).toBe(callCount);

      for (const [callId, evaluation] of analysed) {
        const stored = await test.database.calls.getCall(callId);
        expect(stored, callId).toBeDefined();
        if (stored === undefined) continue;

        expect(bytesOf(evaluateStoredCall(stored, checklist, await morphology)), callId).toBe(bytesOf(evaluation));
        expect(stored.timeZone, callId).toBe(ANALYSIS_TIME_ZONE);
      }
    });

    it('saves nothing', async () => {
      const analysed = await analyse(test.database, checklist, input);

      const result = await service.run({ checklistId: checklist.id, checklistVersion: checklist.version, since: '2000-01-01', managerId: null, teamId: null }, job());

      expect(result).toEqual({ total: callCount, reevaluated: 0, scoreChanged: 0, verdictsChanged: 0, unchanged: callCount, failures: [], failureCount: 0 });
      for (const callId of analysed.keys()) {
        expect(await test.database.evaluations.listHistory(callId), callId).toHaveLength(1);
      }
    });
  });

  it('keeps the findings of the follow-through check', async () => {
    const analysed = await analyse(test.database, checklist, path.join(REPO_ROOT, 'samples'));
    const [callId, evaluation] = [...analysed].find(([, candidate]) => candidate.promises.length > 0) ?? [];
    const promise = evaluation?.promises[0];
    expect(promise).toBeDefined();
    if (callId === undefined || promise === undefined) return;
    const broken = { callId, kind: 'promise_not_kept' as const, turn: promise.turn, startSec: promise.startSec, quote: promise.quote, explanation: 'Не перезвонил.', recommendation: 'Перезванивайте.' };
    await reconcileOutcomeFindings(test.database, [broken], [callId], logger);
    const withOutcome = (await test.database.calls.getCall(callId))?.evaluation;

    const result = await service.run({ checklistId: checklist.id, checklistVersion: checklist.version, since: '2000-01-01', managerId: null, teamId: null }, job());
    const after = await test.database.calls.getCall(callId);

    expect(result.reevaluated).toBe(0);
    expect(after?.evaluation).toEqual(withOutcome);
    expect(after?.evaluation?.findings.filter((finding) => finding.kind === 'promise_not_kept')).toHaveLength(1);
    expect(await test.database.evaluations.listHistory(callId)).toHaveLength(2);
  });

  it('analysing the same files again saves nothing', async () => {
    const first = await analyse(test.database, checklist, path.join(REPO_ROOT, 'samples'));
    const second = await analyse(test.database, checklist, path.join(REPO_ROOT, 'samples'));

    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const callId of first.keys()) {
      expect(await test.database.evaluations.listHistory(callId), callId).toHaveLength(1);
    }
  });
});

describe.each(DATABASE_KINDS)('re-evaluation counts after a weight change on %s', (kind) => {
  let test: TestDatabase;
  let checklist: Checklist;
  let service: ReevaluationService;

  beforeEach(async () => {
    test = await openTestDatabase(kind, { timeZone: DATABASE_TIME_ZONE });
    checklist = await resolveActiveChecklist(test.database, null);
    service = new ReevaluationService({ database: test.database, queue: {} as JobQueue, morphology: () => morphology, timeZone: JOB_TIME_ZONE, batchSize: 5 });
  });

  afterEach(async () => {
    await test.cleanup();
  });

  /** Stores the next checklist version with the greeting's weight raised from 5 to 10. */
  async function raiseGreetingWeight(): Promise<Checklist> {
    const criteria = checklist.criteria.map((criterion) => (criterion.id === 'greeting' ? { ...criterion, weight: 10 } : criterion));
    return test.database.checklists.saveChecklist({ ...checklist, criteria });
  }

  /** Lists scores as the calls list shows them, by call id. */
  async function listedScores(callIds: Iterable<string>): Promise<Map<string, number | null>> {
    const scores = new Map<string, number | null>();
    for (const callId of callIds) {
      scores.set(callId, (await test.database.calls.getCall(callId))?.score ?? null);
    }
    return scores;
  }

  function countChanged(before: Map<string, number | null>, after: Map<string, number | null>): number {
    return [...after].filter(([callId, score]) => before.get(callId) !== score).length;
  }

  describe.each(INPUTS)('of the %s', (_name, input, callCount) => {
    it('counts the calls whose listed score changed', async () => {
      const analysed = await analyse(test.database, checklist, input);
      const before = await listedScores(analysed.keys());
      const changedChecklist = await raiseGreetingWeight();

      const result = await service.run({ checklistId: changedChecklist.id, checklistVersion: changedChecklist.version, since: '2000-01-01', managerId: null, teamId: null }, job());
      const changed = countChanged(before, await listedScores(analysed.keys()));

      expect(changed).toBeGreaterThan(0);
      expect(changed).toBeLessThan(callCount);
      expect(result).toEqual({ total: callCount, reevaluated: callCount, scoreChanged: changed, verdictsChanged: 0, unchanged: callCount - changed, failures: [], failureCount: 0 });
    });
  });

  it('compares reviewed scores', async () => {
    const analysed = await analyse(test.database, checklist, path.join(REPO_ROOT, 'samples'));
    // With every criterion passed and no findings, the weights do not change the engine's score of 100.
    const [callId] = [...analysed].find(([, evaluation]) => evaluation.score === 100) ?? [];
    expect(callId).toBeDefined();
    if (callId === undefined) return;
    await test.database.reviews.saveOverride({
      callId,
      target: 'criterion',
      targetKey: 'greeting',
      criterionResult: 'failed',
      findingAction: null,
      findingSeverity: null,
      finding: null,
      added: false,
      comment: 'Приветствия не было.',
      source: 'review',
      disputeId: null,
      author: null,
    });
    await test.database.reviews.refreshReviewed([callId]);
    const before = await listedScores(analysed.keys());
    const changedChecklist = await raiseGreetingWeight();

    const result = await service.run({ checklistId: changedChecklist.id, checklistVersion: changedChecklist.version, since: '2000-01-01', managerId: null, teamId: null }, job());
    const after = await listedScores(analysed.keys());

    expect(before.get(callId)).toBe(95);
    expect(after.get(callId)).toBe(90);
    expect(result.scoreChanged).toBe(countChanged(before, after));
    expect(result.unchanged).toBe(analysed.size - countChanged(before, after));
  });

  it('counts verdict-only changes apart', async () => {
    const analysed = await analyse(test.database, checklist, path.join(REPO_ROOT, 'samples'));
    // At weight 0 the greeting no longer counts in the score, so a stop phrase that fails it changes verdicts only.
    const criteria = checklist.criteria.map((criterion) => (criterion.id === 'greeting' ? { ...criterion, weight: 0 } : criterion));
    const zeroWeight = await test.database.checklists.saveChecklist({ ...checklist, criteria });
    await service.run({ checklistId: zeroWeight.id, checklistVersion: zeroWeight.version, since: '2000-01-01', managerId: null, teamId: null }, job());
    const withPhrase = zeroWeight.criteria.map((criterion) => (criterion.id === 'greeting' ? { ...criterion, stopPhrases: [...criterion.stopPhrases, 'здравствуйте'] } : criterion));
    const changedChecklist = await test.database.checklists.saveChecklist({ ...zeroWeight, criteria: withPhrase });

    const result = await service.run({ checklistId: changedChecklist.id, checklistVersion: changedChecklist.version, since: '2000-01-01', managerId: null, teamId: null }, job());

    expect(result.scoreChanged).toBe(0);
    expect(result.verdictsChanged).toBeGreaterThan(0);
    expect(result.verdictsChanged + result.unchanged).toBe(analysed.size);
  });
});
