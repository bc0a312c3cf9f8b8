import { formatCallDate, plural } from '../lib/russian-format.ts';
import { escapeHtml } from './html.ts';
import { callAnchor } from './html-report-call.ts';

/** Promises kept and broken and missed calls called back, for the report's follow-through section. */
export interface FollowThroughSummary {
  promises: { kept: number; broken: number; pending: number; unverified: number };
  missedCalls: { episodes: number; calledBack: number; late: number; noCallback: number };
  managers: {
    name: string;
    kept: number;
    broken: number;
    /** Kept among kept and broken, 0..1, or null when none was judged. */
    keptRate: number | null;
    missedCalls: number;
    noCallback: number;
    /** Median minutes from a missed call to the callback, or null. */
    medianCallbackMinutes: number | null;
  }[];
  /** Broken promises with their quote and due time, the latest due first. */
  broken: { callId: string; manager: string | null; quote: string; dueText: string | null; dueAt: string; inReport: boolean }[];
}

/** Broken promises listed in the section; the rest are counted. */
const MAX_BROKEN_LISTED = 10;

/**
 * Renders «Обещания и перезвоны»: totals, a table per manager and the latest broken promises with their
 * quotes. Returns an empty string when the call log gave nothing to check.
 */
export function renderFollowThrough(summary: FollowThroughSummary | null, timeZone: string): string {
  if (summary === null) return '';
  const { promises, missedCalls } = summary;
  if (promises.kept + promises.broken + promises.pending + promises.unverified + missedCalls.episodes === 0) return '';

  const judged = promises.kept + promises.broken;
  const totals: [string, string][] = [
    [judged === 0 ? '—' : `${Math.round((100 * promises.kept) / judged)} %`, `обещаний выполнено (${promises.kept} из ${judged})`],
    [String(promises.broken), `${plural(promises.broken, ['обещание', 'обещания', 'обещаний'])} не выполнено к сроку`],
    [String(missedCalls.episodes), `${plural(missedCalls.episodes, ['пропущенный звонок', 'пропущенных звонка', 'пропущенных звонков'])} клиентов`],
    [String(missedCalls.noCallback + missedCalls.late), 'без перезвона вовремя'],
  ];
  const rows = summary.managers.map(
    (manager) => `<tr><td><b>${escapeHtml(manager.name)}</b></td><td class="num">${manager.keptRate === null ? '—' : `${Math.round(manager.keptRate * 100)} %`}</td>
<td class="num">${manager.kept}</td><td class="num">${manager.broken}</td><td class="num">${manager.missedCalls}</td><td class="num">${manager.noCallback}</td>
<td class="num">${manager.medianCallbackMinutes === null ? '—' : Math.round(manager.medianCallbackMinutes)}</td></tr>`,
  );
  const broken = summary.broken.slice(0, MAX_BROKEN_LISTED).map((item) => {
    const due = item.dueText === null ? `срок по умолчанию — ${formatCallDate(item.dueAt, timeZone)}` : `«${escapeHtml(item.dueText)}», до ${formatCallDate(item.dueAt, timeZone)}`;
    const quote = `<span class="quote">${escapeHtml(item.quote)}</span>`;
    const link = item.inReport ? `<a href="#${callAnchor(item.callId)}">${quote}</a>` : quote;
    return `<li>${link} <span class="call-meta">— ${escapeHtml(item.manager ?? 'менеджер не указан')}, ${due}</span></li>`;
  });
  const more = summary.broken.length > MAX_BROKEN_LISTED ? `<p class="call-meta">И ещё ${summary.broken.length - MAX_BROKEN_LISTED}.</p>` : '';

  return `<section><h2>Обещания и перезвоны</h2>
<div class="totals">${totals.map(([value, label]) => `<div class="total"><b>${value}</b><span>${label}</span></div>`).join('')}</div>
${rows.length === 0 ? '' : `<table>
<thead><tr><th>Менеджер</th><th class="num">Выполнено обещаний</th><th class="num">Выполнено</th><th class="num">Не выполнено</th><th class="num">Пропущенных</th><th class="num">Не перезвонил</th><th class="num">Медиана до перезвона, мин</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`}
${broken.length === 0 ? '' : `<h3>Обещал — не сделал</h3><ul>${broken.join('')}</ul>${more}`}
</section>`;
}
