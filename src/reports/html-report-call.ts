import type { CriterionVerdict, Evaluation, Evidence, Finding } from '../core/model/evaluation.ts';
import { FINDING_TITLES, SEVERITY_TITLES } from '../core/model/finding-titles.ts';
import type { Transcript, Turn } from '../core/model/transcript.ts';
import { formatClock } from '../core/text/clock.ts';
import { foldText } from '../core/text/normalize.ts';
import { formatCallDate } from '../lib/russian-format.ts';
import { escapeHtml } from './html.ts';
import { callLabel, managerNameOf, sortFindings } from './report-summary.ts';

export interface ReportCall {
  transcript: Transcript;
  evaluation: Evaluation;
  /** Address of the recording the report can play (relative to the report or absolute), or null. */
  audioUrl: string | null;
}

const ROLE_TITLES = { manager: 'Менеджер', client: 'Клиент', unknown: 'Не определено' } as const;
const RESULT_TITLES = { passed: '✓ выполнено', failed: '✗ не выполнено', not_applicable: '— не оценивается' } as const;
const DIRECTION_TITLES = { inbound: 'входящий', outbound: 'исходящий' } as const;

export function scoreClass(score: number | null): string {
  if (score === null) {
    return 'none';
  }
  if (score >= 80) {
    return 'good';
  }
  return score >= 60 ? 'warn' : 'bad';
}

export function callAnchor(callId: string): string {
  return `call-${callId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** Renders one call: summary line, transcript with highlighted evidence, verdicts and findings. */
export function renderCall(call: ReportCall, timeZone: string): string {
  const { transcript, evaluation } = call;
  const anchor = callAnchor(evaluation.call.id);
  const findings = sortFindings(evaluation.findings);
  const tags = findings
    .slice(0, 4)
    .map((finding) => `<span class="tag ${finding.severity}">${escapeHtml(FINDING_TITLES[finding.kind])}</span>`)
    .join('');
  const score = evaluation.score === null ? '—' : String(Math.round(evaluation.score));
  const meta = [
    escapeHtml(managerNameOf(evaluation)),
    formatCallDate(evaluation.call.startedAt, timeZone),
    evaluation.call.durationSec === null ? null : formatClock(evaluation.call.durationSec),
    evaluation.call.direction === null ? null : DIRECTION_TITLES[evaluation.call.direction],
  ].filter((part): part is string => part !== null);

  return `<details class="call" id="${anchor}" data-manager="${escapeHtml(managerNameOf(evaluation))}">
<summary><span class="score ${scoreClass(evaluation.score)}">${score}</span>
<span><span class="call-title" title="${escapeHtml(evaluation.call.source)}">${escapeHtml(callLabel(evaluation))}</span><br><span class="call-meta">${meta.join(' · ')}</span></span>
<span class="tags">${tags}</span></summary>
<div class="call-body">
<div>${renderWarnings(evaluation)}${call.audioUrl === null ? '' : `<audio controls preload="none" src="${escapeHtml(call.audioUrl)}"></audio>`}
<div class="dialog">${renderTurns(transcript.turns, evaluation, anchor, call.audioUrl !== null)}</div></div>
<div class="verdicts">${renderFindings(findings, anchor)}${renderCriteria(evaluation.criteria, anchor)}${renderPromises(evaluation, anchor)}${renderMetrics(evaluation)}</div>
</div>
</details>`;
}

function renderWarnings(evaluation: Evaluation): string {
  const notes: string[] = [];
  if (evaluation.transcript.noSpeech) {
    notes.push('В записи нет речи — звонок не оценивался.');
  } else if (!evaluation.transcript.complete) {
    notes.push('Расшифровка неполная: критерии, которые по ней нельзя проверить, не оценивались.');
  }
  notes.push(...evaluation.transcript.warnings.map((warning) => warning.message));
  return notes.map((note) => `<div class="warning">${escapeHtml(note)}</div>`).join('');
}

function renderTurns(turns: readonly Turn[], evaluation: Evaluation, anchor: string, playable: boolean): string {
  const marks = collectMarks(evaluation);
  return turns
    .map((turn) => {
      const classes = ['turn', turn.role];
      if (turn.flags.some((flag) => flag !== 'unattributed')) {
        classes.push('garbage');
      }
      if (turn.overlapsTurn !== null) {
        classes.push('overlap');
      }
      const time = turn.startSec === null ? '' : timeLink(turn.startSec, anchor, turn.index, playable);
      const overlap = turn.overlapsTurn === null ? '' : ' · говорит одновременно с собеседником';
      return `<div class="${classes.join(' ')}" data-index="${turn.index}"><div class="who">${ROLE_TITLES[turn.role]} ${time}${overlap}</div>${highlight(turn.text, marks.get(turn.index) ?? [])}</div>`;
    })
    .join('\n');
}

interface QuoteMark {
  quote: string;
  finding: boolean;
}

function collectMarks(evaluation: Evaluation): Map<number, QuoteMark[]> {
  const marks = new Map<number, QuoteMark[]>();
  const add = (evidence: Evidence, finding: boolean): void => {
    const list = marks.get(evidence.turn) ?? [];
    list.push({ quote: evidence.quote, finding });
    marks.set(evidence.turn, list);
  };
  for (const finding of evaluation.findings) {
    add(finding, true);
    finding.evidence.forEach((evidence) => { add(evidence, true); });
  }
  for (const criterion of evaluation.criteria) {
    criterion.evidence.forEach((evidence) => { add(evidence, false); });
  }
  return marks;
}

/** Wraps each quote found in the turn text in `<mark>`; quotes are the transcript's own words. */
function highlight(text: string, marks: readonly QuoteMark[]): string {
  // Folding keeps the length for Cyrillic and Latin text; where it would not, search the text as is.
  const foldable = foldText(text).length === text.length;
  const folded = foldable ? foldText(text) : text;
  const ranges: { start: number; end: number; finding: boolean }[] = [];
  for (const mark of marks) {
    const start = folded.indexOf(foldable ? foldText(mark.quote) : mark.quote);
    if (mark.quote.length > 0 && start >= 0) {
      ranges.push({ start, end: start + mark.quote.length, finding: mark.finding });
    }
  }
  ranges.sort((a, b) => a.start - b.start);

  let html = '';
  let position = 0;
  for (const range of ranges) {
    if (range.start < position) {
      continue;
    }
    html += escapeHtml(text.slice(position, range.start));
    html += `<mark${range.finding ? ' class="finding"' : ''}>${escapeHtml(text.slice(range.start, range.end))}</mark>`;
    position = range.end;
  }
  return html + escapeHtml(text.slice(position));
}

function timeLink(startSec: number, anchor: string, turn: number, playable: boolean): string {
  const seek = playable ? ` data-seek="${startSec.toFixed(2)}"` : '';
  return `<button type="button" data-call="${anchor}" data-turn="${turn}"${seek} title="${playable ? 'Прослушать с этого места' : 'Перейти к реплике'}">${formatClock(startSec)}</button>`;
}

function evidenceLink(evidence: Evidence, anchor: string): string {
  const place = evidence.startSec === null ? `реплика ${evidence.turn + 1}` : formatClock(evidence.startSec);
  const seek = evidence.startSec === null ? '' : ` data-seek="${evidence.startSec.toFixed(2)}"`;
  return `<span class="evidence"><button type="button" data-call="${anchor}" data-turn="${evidence.turn}"${seek}>${place}</button> <span class="quote">${escapeHtml(evidence.quote)}</span></span>`;
}

function renderFindings(findings: readonly Finding[], anchor: string): string {
  if (findings.length === 0) {
    return '<h3>Нарушения</h3><p class="empty">Нарушений не найдено.</p>';
  }
  const items = findings.map((finding) => `<li class="finding"><b>${escapeHtml(FINDING_TITLES[finding.kind])}</b> <span class="call-meta">(${SEVERITY_TITLES[finding.severity]})</span><br>
${evidenceLink(finding, anchor)}<br>${escapeHtml(finding.explanation)}
<div class="recommendation">${escapeHtml(finding.recommendation)}</div></li>`);
  return `<h3>Нарушения</h3><ul>${items.join('\n')}</ul>`;
}

function renderCriteria(criteria: readonly CriterionVerdict[], anchor: string): string {
  const items = criteria.map((criterion) => {
    const evidence = criterion.evidence.slice(0, 2).map((item) => `<br>${evidenceLink(item, anchor)}`).join('');
    const weight = criterion.critical ? ' · критичный' : '';
    return `<li><span class="result ${criterion.result}">${RESULT_TITLES[criterion.result]}</span><b>${escapeHtml(criterion.title)}</b> <span class="call-meta">вес ${criterion.weight}${weight}</span><br><span class="call-meta">${escapeHtml(criterion.explanation)}</span>${evidence}</li>`;
  });
  return `<h3>Чек-лист</h3><ul>${items.join('\n')}</ul>`;
}

function renderPromises(evaluation: Evaluation, anchor: string): string {
  if (evaluation.promises.length === 0) {
    return '';
  }
  const items = evaluation.promises.map((promise) => {
    const due = promise.dueText === null ? 'срок не назван' : `срок: ${escapeHtml(promise.dueText)}`;
    return `<li>${evidenceLink(promise, anchor)}<br><span class="call-meta">${due}</span></li>`;
  });
  return `<h3>Обещания клиенту</h3><ul>${items.join('\n')}</ul>`;
}

function renderMetrics(evaluation: Evaluation): string {
  const metrics = evaluation.metrics;
  const rows: [string, string][] = [
    ['Доля речи менеджера', metrics.managerTalkShare === null ? '—' : `${Math.round(metrics.managerTalkShare * 100)} %`],
    ['Самый длинный монолог', metrics.longestManagerMonologueSec === null ? `${metrics.longestManagerMonologueWords} слов` : formatClock(metrics.longestManagerMonologueSec)],
    ['Вопросов менеджера', String(metrics.managerQuestions)],
    ['Перебиваний', String(metrics.interruptions)],
    ['Тишина', metrics.silenceSec === null ? '—' : formatClock(metrics.silenceSec)],
    ['Настроение клиента', `${sentimentTitle(evaluation.client.sentimentStart)} → ${sentimentTitle(evaluation.client.sentimentEnd)}`],
  ];
  return `<h3>Показатели</h3><div class="metrics">${rows.map(([name, value]) => `<span>${name}</span><b>${escapeHtml(value)}</b>`).join('')}</div>`;
}

function sentimentTitle(sentiment: Evaluation['client']['sentimentEnd']): string {
  switch (sentiment) {
    case 'positive':
      return 'позитивное';
    case 'neutral':
      return 'нейтральное';
    case 'negative':
      return 'негативное';
    case null:
      return '—';
  }
}
