import { describe, expect, it } from 'vitest';

import type { FollowThroughSummary } from './html-report-follow-through.ts';
import { renderFollowThrough } from './html-report-follow-through.ts';

const SUMMARY: FollowThroughSummary = {
  promises: { kept: 7, broken: 3, pending: 1, unverified: 0 },
  missedCalls: { episodes: 4, calledBack: 2, late: 1, noCallback: 1 },
  managers: [{ name: 'Смирнова Алёна', kept: 7, broken: 3, keptRate: 0.7, missedCalls: 4, noCallback: 2, medianCallbackMinutes: 42.4 }],
  broken: [
    { callId: 'call-1', manager: 'Смирнова Алёна', quote: 'перезвоню вам завтра до обеда', dueText: 'завтра до обеда', dueAt: '2026-03-07T10:00:00.000Z', inReport: true },
    { callId: 'call-2', manager: null, quote: 'пришлю <КП> сегодня', dueText: null, dueAt: '2026-03-09T11:30:00.000Z', inReport: false },
  ],
};

describe('follow-through section of the HTML report', () => {
  const html = renderFollowThrough(SUMMARY, 'Europe/Moscow');

  it('shows the kept share and counts', () => {
    expect(html).toContain('<h2>Обещания и перезвоны</h2>');
    expect(html).toContain('<b>70 %</b><span>обещаний выполнено (7 из 10)</span>');
    expect(html).toContain('<b>2</b><span>без перезвона вовремя</span>');
  });

  it('lists broken promises with quote, due time and a link to the call', () => {
    expect(html).toContain('<a href="#call-call-1"><span class="quote">перезвоню вам завтра до обеда</span></a>');
    expect(html).toContain('«завтра до обеда», до 07.03.2026 13:00');
    expect(html).toContain('срок по умолчанию — 09.03.2026 14:30');
    expect(html).toContain('пришлю &lt;КП&gt; сегодня');
    expect(html).not.toContain('href="#call-call-2"');
  });

  it('is left out when there is nothing checked', () => {
    expect(renderFollowThrough(null, 'Europe/Moscow')).toBe('');
    expect(renderFollowThrough({ ...SUMMARY, promises: { kept: 0, broken: 0, pending: 0, unverified: 0 }, missedCalls: { episodes: 0, calledBack: 0, late: 0, noCallback: 0 } }, 'Europe/Moscow')).toBe('');
  });
});
