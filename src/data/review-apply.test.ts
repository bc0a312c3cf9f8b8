import { describe, expect, it } from 'vitest';

import { FINDING_PENALTY } from '../core/evaluation/score.ts';
import type { CriterionVerdict, Evaluation, Finding, FindingKind } from '../core/model/evaluation.ts';
import { applyReview, findingKey } from './review-apply.ts';
import type { ReviewOverride, ReviewRules } from './review-apply.ts';

const RULES: ReviewRules = { criticalCap: 60, disabledFindingKinds: new Set(), findingSeverities: new Map() };

function criterion(id: CriterionVerdict['id'], result: CriterionVerdict['result'], weight = 10, critical = false): CriterionVerdict {
  return { id, title: id, weight, critical, result, explanation: 'проверено', evidence: [] };
}

function finding(kind: FindingKind, turn: number, severity: Finding['severity'] = 'major'): Finding {
  return { kind, severity, turn, startSec: null, quote: `реплика ${turn}`, explanation: 'пояснение', recommendation: 'совет', evidence: [] };
}

/** Passed greeting and next step (weight 10 each), failed critical needs (weight 20), one major finding. */
function machine(): Evaluation {
  return {
    call: { id: 'c1', externalId: null, source: 'test', startedAt: null, durationSec: null, direction: null, manager: null, client: null },
    checklist: { id: 'default', version: 1 },
    score: 39,
    criteria: [criterion('greeting', 'passed'), criterion('needs', 'failed', 20, true), criterion('next_step', 'passed')],
    findings: [finding('irritation', 3, 'major'), finding('interruption', 5, 'minor')],
    metrics: { turns: 6, managerWords: 30, clientWords: 30, managerTalkShare: 0.5, longestManagerMonologueSec: null, longestManagerMonologueWords: 10, managerQuestions: 1, clientQuestions: 1, interruptions: 1, silenceSec: null, speechRateWpm: null, scriptedTurns: 0 },
    promises: [],
    client: { sentimentStart: null, sentimentEnd: null },
    transcript: { complete: true, noSpeech: false, warnings: [] },
  };
}

let nextId = 1;
function override(fields: Partial<ReviewOverride> & Pick<ReviewOverride, 'target' | 'targetKey'>): ReviewOverride {
  return {
    id: nextId++,
    callId: 'c1',
    criterionResult: null,
    findingAction: null,
    findingSeverity: null,
    finding: null,
    added: false,
    comment: 'комментарий',
    source: 'review',
    disputeId: null,
    authorId: 1,
    authorName: 'Специалист',
    createdAt: '2026-12-04T10:00:00.000Z',
    updatedAt: '2026-12-04T10:00:00.000Z',
    ...fields,
  };
}

describe('applyReview', () => {
  it('keeps the engine score without decisions', () => {
    const reviewed = applyReview(machine(), [], RULES);

    expect(reviewed.evaluation).toEqual(machine());
    expect(reviewed.stale).toEqual([]);
  });

  it.each([
    // 40 of 40 weight passed, minus 8 and 3, no critical failure.
    ['needs passed', [override({ target: 'criterion', targetKey: 'needs', criterionResult: 'passed' })], 89],
    // needs not judged: 20 of 20 passed, minus 11.
    ['needs not applicable', [override({ target: 'criterion', targetKey: 'needs', criterionResult: 'not_applicable' })], 89],
    // greeting failed too: 10 of 40, minus 11 → 14, under the cap.
    ['greeting failed', [override({ target: 'criterion', targetKey: 'greeting', criterionResult: 'failed' })], 14],
    // 20 of 40 = 50, minus the minor 3 only.
    ['irritation removed', [override({ target: 'finding', targetKey: 'irritation@3', findingAction: 'remove' })], 47],
    // 50 minus 15 and 3.
    ['irritation made critical', [override({ target: 'finding', targetKey: 'irritation@3', findingAction: 'keep', findingSeverity: 'critical' })], 32],
    // 50 minus 8, 3 and a minor 3.
    ['finding added', [override({ target: 'finding', targetKey: 'long_hold@1', findingAction: 'keep', added: true, finding: finding('long_hold', 1, 'minor') })], 36],
    // Everything passed, nothing found, but the cap does not apply: 100.
    [
      'all cleared',
      [
        override({ target: 'criterion', targetKey: 'needs', criterionResult: 'passed' }),
        override({ target: 'finding', targetKey: 'irritation@3', findingAction: 'remove' }),
        override({ target: 'finding', targetKey: 'interruption@5', findingAction: 'remove' }),
      ],
      100,
    ],
  ])('recomputes the score when %s', (_name, overrides, score) => {
    expect(applyReview(machine(), overrides, RULES).evaluation.score).toBe(score);
  });

  it('caps the score when a critical criterion fails', () => {
    const withoutFindings = { ...machine(), findings: [] };
    const reviewed = applyReview(withoutFindings, [override({ target: 'criterion', targetKey: 'greeting', criterionResult: 'passed' })], { ...RULES, criticalCap: 40 });

    expect(reviewed.evaluation.score).toBe(40);
  });

  it('marks which decision changed which verdict', () => {
    const changed = override({ target: 'criterion', targetKey: 'needs', criterionResult: 'passed' });
    const removed = override({ target: 'finding', targetKey: 'irritation@3', findingAction: 'remove' });

    const reviewed = applyReview(machine(), [changed, removed], RULES);

    expect(reviewed.criterionOverrides.get('needs')).toBe(changed);
    expect(reviewed.removedFindings).toEqual([{ finding: machine().findings[0], override: removed }]);
    expect(reviewed.findings).toEqual([{ origin: 'engine', override: null }]);
    expect(reviewed.machine).toEqual(machine());
  });

  it('keeps a confirmed finding the engine no longer finds', () => {
    const kept = override({ target: 'finding', targetKey: 'irritation@3', findingAction: 'keep', finding: finding('irritation', 3) });
    const reevaluated = { ...machine(), findings: [] };

    const reviewed = applyReview(reevaluated, [kept], RULES);

    expect(reviewed.evaluation.findings.map(findingKey)).toEqual(['irritation@3']);
    expect(reviewed.findings).toEqual([{ origin: 'reviewer', override: kept }]);
  });

  it.each([
    ['a criterion the checklist dropped', override({ target: 'criterion', targetKey: 'summary', criterionResult: 'passed' })],
    ['a removed finding the engine no longer finds', override({ target: 'finding', targetKey: 'scripted_speech@2', findingAction: 'remove' })],
    ['an added finding of a switched-off kind', override({ target: 'finding', targetKey: 'long_hold@1', findingAction: 'keep', added: true, finding: finding('long_hold', 1) })],
  ])('sets aside %s as stale', (_name, stale) => {
    const reviewed = applyReview(machine(), [stale], { ...RULES, disabledFindingKinds: new Set(['long_hold']) });

    expect(reviewed.stale).toEqual([stale]);
    expect(reviewed.evaluation).toEqual(machine());
  });

  it('leaves its inputs unchanged', () => {
    const input = machine();
    const overrides = [override({ target: 'finding', targetKey: 'irritation@3', findingAction: 'keep', findingSeverity: 'minor' })];

    applyReview(input, overrides, RULES);

    expect(input).toEqual(machine());
    expect(input.findings[0]?.severity).toBe('major');
  });

  it('uses the engine penalties', () => {
    expect(FINDING_PENALTY).toEqual({ critical: 15, major: 8, minor: 3 });
  });
});
