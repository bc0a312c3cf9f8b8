import { describe, expect, it } from 'vitest';

import { evaluationOf, sampleTranscript } from '../data/testing/test-calls.ts';
import { renderHtmlReport, type ReportCall } from './html-report.ts';

/**
 * Twelve calls of twelve managers. The first comes from a file of many calls and has an interruption; odd
 * calls are rude and score 30, the other even ones are clean and score 95.
 */
function reportCalls(): ReportCall[] {
  return Array.from({ length: 12 }, (_, index) => {
    const manager = { name: `Менеджер ${String(index + 1).padStart(2, '0')}`, team: 'Продажи', supervisor: null, position: null };
    const transcript =
      index === 0
        ? sampleTranscript('call-0', { source: '/выгрузки/декабрь/calls.json#900000274', externalId: '900000274', manager })
        : sampleTranscript(`call-${index}`, { source: `/выгрузки/call-${index}.txt`, externalId: null, manager });
    // The interruption is the third finding, so it sits at the manager's turn 2, right after the client's turn 1.
    if (index === 0) {
      return { transcript, evaluation: evaluationOf(transcript, { score: 90, findings: ['irritation', 'question_ignored', 'interruption'] }), audioUrl: null };
    }
    const rude = index % 2 === 1;
    return { transcript, evaluation: evaluationOf(transcript, { score: rude ? 30 : 95, findings: rude ? ['irritation'] : [] }), audioUrl: null };
  });
}

function render(): string {
  return renderHtmlReport({ calls: reportCalls(), generatedAt: '2026-12-05T09:00:00Z', timeZone: 'Europe/Moscow', period: { from: null, to: null } });
}

function causeBlock(html: string, title: string): string {
  const start = html.indexOf(`<div class="cause"><h3>${title}</h3>`);
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</ul></div>', start));
}

describe('HTML report layout', () => {
  it('titles a call of a multi-call file by file name and call id', () => {
    const html = render();
    expect(html).toContain('<span class="call-title" title="/выгрузки/декабрь/calls.json#900000274">calls.json № 900000274</span>');
    expect(html).toContain('>call-3.txt</span>');
    expect(html).not.toContain('>/выгрузки/декабрь/calls.json');
  });

  it('puts the causes before the manager ranking', () => {
    const html = render();
    expect(html.indexOf('<h2>Почему клиенты уходят</h2>')).toBeGreaterThan(0);
    expect(html.indexOf('<h2>Почему клиенты уходят</h2>')).toBeLessThan(html.indexOf('<h2>Рейтинг менеджеров</h2>'));
  });

  it('shows ten managers and folds the rest', () => {
    const html = render();
    const ranking = html.slice(html.indexOf('<h2>Рейтинг менеджеров</h2>'), html.indexOf('<h2>Звонки</h2>'));
    const [open, folded] = ranking.split('<details class="more-managers">');
    expect(open?.match(/<tr><td class="num">/gu)).toHaveLength(10);
    expect(folded).toContain('<summary>Остальные менеджеры: 2</summary>');
    expect(folded?.match(/<tr><td class="num">/gu)).toHaveLength(2);
  });

  it('quotes the client words an interruption cut', () => {
    const block = causeBlock(render(), 'Перебивает');
    expect(block).toContain('<span class="call-meta">Клиент:</span> <span class="quote">Здравствуйте. Мне нужен тариф подешевле.</span>');
    expect(block).toContain('Менеджер перебил:</span> <a href="#');
    expect(block).toContain('<span class="quote">Я перезвоню вам завтра до обеда с расчётом.</span>');
  });

  it('gives an interruption in good calls its score line', () => {
    const block = causeBlock(render(), 'Перебивает');
    // The call with the interruption scores 90, above the rest, so only the points it takes can be shown.
    expect(block).toContain('это нарушение снижает оценку таких звонков в среднем на 8 баллов');
    expect(block).not.toContain('ниже в среднем');
  });

  it('keeps the group comparison for a cause of worse calls', () => {
    const block = causeBlock(render(), 'Раздражение / грубость');
    expect(block).toContain('оценка таких звонков ниже в среднем на');
  });
});
