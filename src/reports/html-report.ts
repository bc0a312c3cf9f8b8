import { interruptedClientTurn } from '../core/transcript/interrupted-turn.ts';
import { formatCallDate, countOf } from '../lib/russian-format.ts';
import { escapeHtml } from './html.ts';
import { callAnchor, renderCall, scoreClass } from './html-report-call.ts';
import { type FollowThroughSummary, renderFollowThrough } from './html-report-follow-through.ts';
import type { ReportCall } from './html-report-call.ts';
import { REPORT_SCRIPT, REPORT_STYLE } from './html-report.style.ts';
import { isCriticalCall, rankCauses, summarizeManagers } from './report-summary.ts';
import type { CauseSummary, ManagerSummary } from './report-summary.ts';

export type { ReportCall } from './html-report-call.ts';
export type { FollowThroughSummary } from './html-report-follow-through.ts';

export interface HtmlReportInput {
  calls: readonly ReportCall[];
  /** ISO time the report was made. */
  generatedAt: string;
  timeZone: string;
  /** Period the calls were selected from, as given by the user (ISO dates), if any. */
  period: { from: string | null; to: string | null };
  /** Promises and missed calls checked against the call log; the section is left out without it. */
  followThrough?: FollowThroughSummary | null;
}

const CALLS: [string, string, string] = ['звонок', 'звонка', 'звонков'];

/**
 * Renders the self-contained Russian HTML report: totals, managers ranked, top causes with example
 * quotes, and every call with its transcript, highlighted evidence and verdicts. Worst calls come first.
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const evaluations = input.calls.map((call) => call.evaluation);
  const managers = summarizeManagers(evaluations);
  const causes = rankCauses(evaluations);
  const calls = [...input.calls].sort(
    (a, b) => (a.evaluation.score ?? 101) - (b.evaluation.score ?? 101) || a.evaluation.call.id.localeCompare(b.evaluation.call.id),
  );

  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>okk — отчёт о качестве звонков</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header class="page"><h1>Отчёт о качестве звонков</h1><p>${escapeHtml(describePeriod(input))}</p></header>
<main>
${renderTotals(input)}
${renderCauses(causes, input.calls)}
${renderManagers(managers)}
${renderFollowThrough(input.followThrough ?? null, input.timeZone)}
<section><h2>Звонки</h2>
<div class="filter"><input id="call-filter" type="search" placeholder="Поиск по тексту звонков" aria-label="Поиск по тексту звонков">
<select id="manager-filter" aria-label="Менеджер"><option value="">Все менеджеры</option>${managers.map((manager) => `<option>${escapeHtml(manager.manager)}</option>`).join('')}</select></div>
${calls.length === 0 ? '<p class="empty">Звонков за выбранный период нет.</p>' : calls.map((call) => renderCall(call, input.timeZone)).join('\n')}
</section>
</main>
<footer>Сформировано okk ${escapeHtml(formatCallDate(input.generatedAt, input.timeZone))}</footer>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function describePeriod(input: HtmlReportInput): string {
  const { from, to } = input.period;
  const count = countOf(input.calls.length, CALLS);
  if (from === null && to === null) {
    return `Все звонки в базе: ${count}`;
  }
  const start = from === null ? 'начала' : formatCallDate(from, input.timeZone);
  const end = to === null ? 'сегодня' : formatCallDate(to, input.timeZone);
  return `Звонки с ${start} по ${end}: ${count}`;
}

function renderTotals(input: HtmlReportInput): string {
  const evaluations = input.calls.map((call) => call.evaluation);
  const scores = evaluations.map((evaluation) => evaluation.score).filter((score): score is number => score !== null);
  const average = scores.length === 0 ? '—' : String(Math.round(scores.reduce((sum, score) => sum + score, 0) / scores.length));
  const problems = evaluations.filter((evaluation) => evaluation.score !== null && (evaluation.score < 60 || isCriticalCall(evaluation))).length;
  const promises = evaluations.reduce((sum, evaluation) => sum + evaluation.promises.length, 0);
  const totals: [string, string][] = [
    [String(input.calls.length), 'звонков проверено'],
    [average, 'средняя оценка из 100'],
    [String(problems), 'проблемных звонков'],
    [String(promises), 'обещаний клиентам'],
  ];
  return `<section><div class="totals">${totals.map(([value, label]) => `<div class="total"><b>${value}</b><span>${label}</span></div>`).join('')}</div></section>`;
}

/** Managers listed openly at the top of the ranking; the rest are folded under a <details>. */
const MANAGERS_SHOWN = 10;

function renderManagers(managers: readonly ManagerSummary[]): string {
  if (managers.length === 0) {
    return '';
  }
  const rows = managers.map((manager, index) => {
    const score = manager.averageScore;
    const bar = score === null ? '' : `<span class="bar" style="width:${Math.round(score)}px"></span>`;
    const frequent = manager.findings.slice(0, 3).map((finding) => `${escapeHtml(finding.title)} (${finding.count})`).join(', ') || '—';
    return `<tr><td class="num">${index + 1}</td><td><b>${escapeHtml(manager.manager)}</b>${manager.team === null ? '' : `<br><span class="call-meta">${escapeHtml(manager.team)}</span>`}</td>
<td class="num">${manager.calls}</td><td class="num">${bar}<span class="score ${scoreClass(score)}">${score === null ? '—' : Math.round(score)}</span></td><td class="num">${manager.criticalCalls}</td><td>${frequent}</td></tr>`;
  });
  const head = '<thead><tr><th class="num">№</th><th>Менеджер</th><th class="num">Звонков</th><th class="num">Средняя оценка</th><th class="num">Критичных</th><th>Частые нарушения</th></tr></thead>';
  const top = `<table>${head}<tbody>${rows.slice(0, MANAGERS_SHOWN).join('\n')}</tbody></table>`;
  const rest = rows.slice(MANAGERS_SHOWN);
  const more =
    rest.length === 0
      ? ''
      : `<details class="more-managers"><summary>Остальные менеджеры: ${rest.length}</summary><table>${head}<tbody>${rest.join('\n')}</tbody></table></details>`;
  return `<section><h2>Рейтинг менеджеров</h2>${top}${more}</section>`;
}

function renderCauses(causes: readonly CauseSummary[], calls: readonly ReportCall[]): string {
  if (causes.length === 0) {
    return '<section><h2>Почему клиенты уходят</h2><p class="empty">Нарушений не найдено.</p></section>';
  }
  const transcripts = new Map(calls.map((call) => [call.evaluation.call.id, call.transcript]));
  const items = causes.map((cause) => {
    const drop = describeScoreDrop(cause);
    const examples = cause.examples.map((example) => {
      const anchor = callAnchor(example.callId);
      const transcript = transcripts.get(example.callId);
      const cut = cause.kind === 'interruption' && transcript !== undefined ? interruptedClientTurn(transcript.turns, example.turn) : null;
      const before =
        cut === null
          ? ''
          : `<a href="#${anchor}" data-call="${anchor}" data-turn="${cut.index}"><span class="call-meta">Клиент:</span> <span class="quote">${escapeHtml(cut.text)}</span></a><br><span class="call-meta">Менеджер перебил:</span> `;
      return `<li>${before}<a href="#${anchor}" data-call="${anchor}" data-turn="${example.turn}"><span class="quote">${escapeHtml(example.quote)}</span></a> <span class="call-meta">— ${escapeHtml(example.manager)}</span></li>`;
    });
    return `<div class="cause"><h3>${escapeHtml(cause.title)}</h3>
<div class="meta">${countOf(cause.calls, CALLS)} (${Math.round(cause.share * 100)} %)${drop}</div><ul>${examples.join('')}</ul></div>`;
  });
  return `<section><h2>Почему клиенты уходят</h2>${items.join('\n')}</section>`;
}

/**
 * Describes how a cause lowers the score. Calls with a minor habit can score above the calls without it,
 * because those include calls with worse problems. Such a cause shows the points its own findings take.
 */
function describeScoreDrop(cause: CauseSummary): string {
  if (cause.scoreDrop !== null && cause.scoreDrop > 0) {
    return ` · оценка таких звонков ниже в среднем на ${formatPoints(cause.scoreDrop)}`;
  }
  if (cause.pointsLost !== null && cause.pointsLost > 0) {
    return ` · это нарушение снижает оценку таких звонков в среднем на ${formatPoints(cause.pointsLost)}`;
  }
  return '';
}

/** «12 баллов», «12,5 балла»: a fractional number takes the genitive singular in Russian. */
function formatPoints(points: number): string {
  const text = points.toLocaleString('ru-RU', { maximumFractionDigits: 1 });
  return Number.isInteger(points) ? countOf(points, ['балл', 'балла', 'баллов']).replace(String(points), text) : `${text} балла`;
}
