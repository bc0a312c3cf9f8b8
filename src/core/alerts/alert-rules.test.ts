import { describe, expect, it } from 'vitest';

import type { Evaluation, FindingKind, Severity } from '../model/evaluation.ts';
import { FINDING_TITLES } from '../model/finding-titles.ts';
import { alertFindings, findAlertTriggers } from './alert-rules.ts';
import type { AlertRules } from './alert-rules.ts';
import { alertSendTime } from './alert-schedule.ts';

const RULES: AlertRules = { scoreBelow: 60, criticalFindings: true, findingKinds: ['irritation', 'client_dissatisfied', 'promise_not_kept', 'missed_call_no_callback'] };
const CALL_START = '2026-12-04T10:15:00+03:00';
const SAME_DAY = { now: '2026-12-04T12:00:00.000Z', maxAgeHours: 24, findingTitles: FINDING_TITLES };

function evaluation(score: number | null, findings: [FindingKind, Severity][] = [], startedAt: string | null = CALL_START): Evaluation {
  return {
    call: { id: 'call-1', externalId: null, source: 'test', startedAt, durationSec: 120, direction: 'inbound', manager: { name: 'Анна', team: 'Москва', supervisor: null, position: null }, client: null },
    checklist: { id: 'default', version: 1 },
    score,
    criteria: [],
    findings: findings.map(([kind, severity], turn) => ({ kind, severity, turn, startSec: turn * 10, quote: `реплика ${turn}`, explanation: 'Найдено.', recommendation: 'Исправьте.', evidence: [] })),
    metrics: { turns: 4, managerWords: 10, clientWords: 8, managerTalkShare: 0.5, longestManagerMonologueSec: null, longestManagerMonologueWords: 5, managerQuestions: 1, clientQuestions: 1, interruptions: 0, silenceSec: null, speechRateWpm: null, scriptedTurns: 0 },
    promises: [],
    client: { sentimentStart: null, sentimentEnd: null },
    transcript: { complete: true, noSpeech: false, warnings: [] },
  };
}

function rulesOf(outcome: ReturnType<typeof findAlertTriggers>): string[] {
  return outcome.alert ? outcome.triggers.map((trigger) => trigger.rule) : [];
}

describe('findAlertTriggers', () => {
  it.each([
    ['score below the threshold', evaluation(42), ['score_below']],
    ['a listed kind', evaluation(85, [['client_dissatisfied', 'major']]), ['finding:client_dissatisfied']],
    ['a critical finding of an unlisted kind', evaluation(85, [['no_solution', 'critical']]), ['critical:no_solution']],
    ['a listed critical kind counts once', evaluation(85, [['irritation', 'critical']]), ['finding:irritation']],
    ['several reasons at once', evaluation(30, [['irritation', 'critical'], ['no_solution', 'critical']]), ['score_below', 'finding:irritation', 'critical:no_solution']],
  ])('alerts: %s', (_name, input, expected) => {
    expect(rulesOf(findAlertTriggers(input, RULES, SAME_DAY))).toEqual(expected);
  });

  it.each([
    ['score at the threshold', evaluation(60)],
    ['a good call', evaluation(90)],
    ['a minor unlisted finding', evaluation(75, [['template_answer', 'minor']])],
    ['a major unlisted finding', evaluation(75, [['question_ignored', 'major']])],
  ])('does not alert: %s', (_name, input) => {
    expect(findAlertTriggers(input, RULES, SAME_DAY)).toEqual({ alert: false, reason: 'no_rule' });
  });

  it('follows switched-off rules', () => {
    const off: AlertRules = { scoreBelow: null, criticalFindings: false, findingKinds: [] };
    expect(findAlertTriggers(evaluation(10, [['irritation', 'critical']]), off, SAME_DAY)).toEqual({ alert: false, reason: 'no_rule' });
  });

  it('skips calls older than the window and calls without a start time', () => {
    expect(findAlertTriggers(evaluation(10), RULES, { ...SAME_DAY, now: '2026-12-05T08:00:00.000Z' })).toEqual({ alert: false, reason: 'too_old' });
    expect(findAlertTriggers(evaluation(10, [], '2026-12-04'), RULES, SAME_DAY)).toEqual({ alert: false, reason: 'no_start_time' });
    expect(findAlertTriggers(evaluation(10, [], null), RULES, SAME_DAY)).toEqual({ alert: false, reason: 'no_start_time' });
  });

  it('counts a broken promise from its due time, not from the call', () => {
    const base = evaluation(80, [['promise_not_kept', 'critical']]);
    const withPromise: Evaluation = {
      ...base,
      promises: [{ turn: 0, startSec: 10, quote: 'перезвоню завтра', action: 'callback', dueText: 'завтра', due: '2026-12-05T13:00:00+03:00' }],
    };
    const nextDay = { ...SAME_DAY, now: '2026-12-05T14:00:00.000Z' };
    expect(rulesOf(findAlertTriggers(withPromise, RULES, nextDay))).toEqual(['finding:promise_not_kept']);
    expect(findAlertTriggers({ ...base, score: 30 }, RULES, nextDay)).toEqual({ alert: false, reason: 'too_old' });
  });

  it('names the reason in Russian', () => {
    const outcome = findAlertTriggers(evaluation(42, [['irritation', 'critical']]), RULES, SAME_DAY);
    expect(outcome.alert && outcome.triggers.map((trigger) => trigger.reason)).toEqual(['оценка 42 ниже порога 60', 'находка «Раздражение / грубость»']);
  });
});

describe('alertFindings', () => {
  it('lists the worst first and keeps the limit', () => {
    const input = evaluation(40, [['template_answer', 'minor'], ['question_ignored', 'major'], ['irritation', 'critical'], ['client_dissatisfied', 'major']]);
    expect(alertFindings(input, RULES, 3).map((finding) => finding.kind)).toEqual(['irritation', 'client_dissatisfied', 'question_ignored']);
  });
});

describe('alertSendTime', () => {
  const hours = { timeZone: 'Europe/Moscow', start: '09:00', end: '19:00', days: [1, 2, 3, 4, 5], holidays: [] };

  it('sends at once without a schedule', () => {
    expect(alertSendTime('2026-12-04T12:00:00.000Z', { timeZone: 'Europe/Moscow', workingHours: null, digestTime: null })).toBe('2026-12-04T12:00:00.000Z');
  });

  it('holds alerts found after hours until the next opening', () => {
    // Friday 21:00 in Moscow waits for Monday 09:00.
    expect(alertSendTime('2026-12-04T18:00:00.000Z', { timeZone: 'Europe/Moscow', workingHours: hours, digestTime: null })).toBe('2026-12-07T06:00:00.000Z');
    expect(alertSendTime('2026-12-04T10:00:00.000Z', { timeZone: 'Europe/Moscow', workingHours: hours, digestTime: null })).toBe('2026-12-04T10:00:00.000Z');
  });

  it('collects alerts for the next digest time, on a working day when hours are set', () => {
    expect(alertSendTime('2026-12-04T10:00:00.000Z', { timeZone: 'Europe/Moscow', workingHours: null, digestTime: '18:00' })).toBe('2026-12-04T15:00:00.000Z');
    expect(alertSendTime('2026-12-04T16:00:00.000Z', { timeZone: 'Europe/Moscow', workingHours: null, digestTime: '18:00' })).toBe('2026-12-05T15:00:00.000Z');
    expect(alertSendTime('2026-12-04T16:00:00.000Z', { timeZone: 'Europe/Moscow', workingHours: hours, digestTime: '18:00' })).toBe('2026-12-07T15:00:00.000Z');
  });
});
