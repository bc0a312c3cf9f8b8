import { describe, expect, it } from 'vitest';

import type { CriterionVerdict, Finding, Severity } from '../model/evaluation.ts';
import { scoreCall } from './score.ts';

const SETTINGS = { longHoldSec: 60, minWordsPerMinute: 30, criticalCap: 60 };

function verdict(weight: number, result: CriterionVerdict['result'], critical = false): CriterionVerdict {
  return { id: 'greeting', title: 'Приветствие', weight, critical, result, explanation: '', evidence: [] };
}

function finding(severity: Severity): Finding {
  return { kind: 'interruption', severity, turn: 0, startSec: null, quote: '', explanation: '', recommendation: '', evidence: [] };
}

describe('score', () => {
  it.each([
    ['all passed', [verdict(10, 'passed'), verdict(30, 'passed')], 100],
    ['weighted share', [verdict(10, 'passed'), verdict(30, 'failed')], 25],
    ['not applicable left out', [verdict(10, 'passed'), verdict(30, 'not_applicable')], 100],
    ['zero weight left out', [verdict(10, 'failed'), verdict(0, 'passed')], 0],
    ['rounded', [verdict(1, 'passed'), verdict(2, 'failed')], 33],
  ])('%s', (_case, criteria, expected) => {
    expect(scoreCall(criteria, [], SETTINGS)).toBe(expected);
  });

  it('is null when nothing applies', () => {
    expect(scoreCall([verdict(10, 'not_applicable')], [finding('critical')], SETTINGS)).toBeNull();
  });

  it.each([
    ['critical', 85],
    ['major', 92],
    ['minor', 97],
  ] as const)('takes points for a %s finding', (severity, expected) => {
    expect(scoreCall([verdict(10, 'passed')], [finding(severity)], SETTINGS)).toBe(expected);
  });

  it('never goes below zero', () => {
    const findings = Array.from({ length: 10 }, () => finding('critical'));
    expect(scoreCall([verdict(10, 'passed')], findings, SETTINGS)).toBe(0);
  });

  it('caps a call with a failed critical criterion', () => {
    expect(scoreCall([verdict(90, 'passed'), verdict(10, 'failed', true)], [], SETTINGS)).toBe(60);
  });

  it('leaves a lower score under the cap', () => {
    expect(scoreCall([verdict(10, 'passed'), verdict(40, 'failed', true)], [], SETTINGS)).toBe(20);
  });

  it('does not cap for a critical criterion that is not applicable', () => {
    expect(scoreCall([verdict(90, 'passed'), verdict(10, 'not_applicable', true)], [], SETTINGS)).toBe(100);
  });
});
