import { describe, expect, it } from 'vitest';

import type { ContactEvent } from './contact-event.ts';
import { findMissedCalls } from './missed-calls.ts';
import { findNewLead } from './new-leads.ts';
import { addWorkingMinutes, DEFAULT_WORKING_HOURS, isWorkingTime, type WorkingHours, workingSecondsBetween } from './working-hours.ts';

const HOURS: WorkingHours = { ...DEFAULT_WORKING_HOURS, start: '09:00', end: '20:00', holidays: ['2026-03-09'] };

function call(at: string, direction: 'inbound' | 'outbound', answered: boolean, extra: Partial<ContactEvent> = {}): ContactEvent {
  return { at: new Date(at).toISOString(), source: 'call_log', ref: at, channel: 'call', direction, answered, talkSec: answered ? 60 : 0, managerId: 7, teamId: 1, ...extra };
}

describe('working hours', () => {
  it.each([
    ['within the day', '2026-03-05T10:00:00+03:00', 15, '2026-03-05T07:15:00.000Z'],
    ['across the evening', '2026-03-05T19:50:00+03:00', 15, '2026-03-06T06:05:00.000Z'],
    ['Friday evening to Monday', '2026-03-13T19:50:00+03:00', 15, '2026-03-16T06:05:00.000Z'],
    ['Saturday to Monday opening', '2026-03-07T12:00:00+03:00', 15, '2026-03-10T06:15:00.000Z'],
    ['before opening', '2026-03-05T07:30:00+03:00', 30, '2026-03-05T06:30:00.000Z'],
    ['a whole working day', '2026-03-05T15:00:00+03:00', 11 * 60, '2026-03-06T12:00:00.000Z'],
  ])('adds minutes %s', (_, from, minutes, expected) => {
    expect(addWorkingMinutes(from, minutes, HOURS)).toBe(expected);
  });

  it('skips a holiday on a weekday', () => {
    // Monday 9 March is a holiday here, so Saturday's call is due on Tuesday.
    expect(addWorkingMinutes('2026-03-07T12:00:00+03:00', 15, HOURS)).toBe('2026-03-10T06:15:00.000Z');
  });

  it('counts working seconds over a weekend', () => {
    expect(workingSecondsBetween('2026-03-13T19:50:00+03:00', '2026-03-16T09:05:00+03:00', HOURS)).toBe(15 * 60);
    expect(workingSecondsBetween('2026-03-16T09:05:00+03:00', '2026-03-13T19:50:00+03:00', HOURS)).toBe(0);
  });

  it('tells working time', () => {
    expect(isWorkingTime('2026-03-13T19:59:00+03:00', HOURS)).toBe(true);
    expect(isWorkingTime('2026-03-13T20:00:00+03:00', HOURS)).toBe(false);
    expect(isWorkingTime('2026-03-14T12:00:00+03:00', HOURS)).toBe(false);
  });
});

describe('missed calls', () => {
  const options = { now: '2026-03-20T12:00:00.000Z', workingHours: HOURS, callbackMinutes: 15, droppedCallMaxSec: 5 };

  it('makes a Friday 19:50 miss due on Monday morning', () => {
    const [episode] = findMissedCalls([call('2026-03-13T19:50:00+03:00', 'inbound', false)], options);
    expect(episode?.dueAt).toBe('2026-03-16T06:05:00.000Z');
    expect(episode?.outcome).toBe('no_callback');
  });

  it('counts a Monday callback as in time after a weekend', () => {
    const [episode] = findMissedCalls([call('2026-03-13T19:50:00+03:00', 'inbound', false), call('2026-03-16T09:03:00+03:00', 'outbound', false)], options);
    expect(episode?.outcome).toBe('called_back');
    expect(episode?.callbackWorkingSec).toBe(13 * 60);
    expect(episode?.callbackSec).toBe((2 * 24 * 60 + 13 * 60 + 13) * 60);
  });

  it('counts a late callback as late', () => {
    const [episode] = findMissedCalls([call('2026-03-12T11:00:00+03:00', 'inbound', false), call('2026-03-12T13:00:00+03:00', 'outbound', true)], options);
    expect(episode?.outcome).toBe('late');
  });

  it('merges repeated attempts into one run', () => {
    const episodes = findMissedCalls(
      [
        call('2026-03-12T11:00:00+03:00', 'inbound', false),
        call('2026-03-12T11:02:00+03:00', 'inbound', true, { talkSec: 2 }),
        call('2026-03-12T11:05:00+03:00', 'inbound', true, { talkSec: 240 }),
      ],
      options,
    );
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({ attempts: 2, outcome: 'called_back' });
  });

  it('keeps a miss pending before its deadline', () => {
    const [episode] = findMissedCalls([call('2026-03-20T14:55:00+03:00', 'inbound', false)], options);
    expect(episode?.outcome).toBe('pending');
  });

  it('ignores outbound calls the client did not pick up', () => {
    expect(findMissedCalls([call('2026-03-12T11:00:00+03:00', 'outbound', false)], options)).toEqual([]);
  });
});

describe('new leads', () => {
  const options = { historyFrom: '2026-03-01T00:00:00.000Z', minHistoryDays: 7, droppedCallMaxSec: 5 };

  it('times the first answer of a new number', () => {
    const lead = findNewLead([call('2026-03-12T11:00:00+03:00', 'inbound', true)], () => 12, options);
    expect(lead).toMatchObject({ responseSec: 12, managerId: 7 });
  });

  it('times the callback of a missed first call', () => {
    const lead = findNewLead(
      [call('2026-03-12T11:00:00+03:00', 'inbound', false), call('2026-03-12T11:20:00+03:00', 'outbound', true, { managerId: 9 })],
      () => null,
      options,
    );
    expect(lead).toMatchObject({ responseSec: 1200, managerId: 9 });
  });

  it('skips numbers from the history start', () => {
    expect(findNewLead([call('2026-03-02T11:00:00+03:00', 'inbound', true)], () => 0, options)).toBeNull();
  });

  it('skips clients the company called first', () => {
    expect(findNewLead([call('2026-03-12T11:00:00+03:00', 'outbound', true)], () => 0, options)).toBeNull();
  });
});
