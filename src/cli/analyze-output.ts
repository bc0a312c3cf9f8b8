import Table from 'cli-table3';

import type { Evaluation, Finding } from '../core/model/evaluation.ts';
import { FINDING_TITLES } from '../core/model/finding-titles.ts';
import { formatClock } from '../core/text/clock.ts';
import { formatCallDate } from '../lib/russian-format.ts';
import { callLabel, managerNameOf, sortFindings, summarizeManagers } from '../reports/report-summary.ts';

const PLAIN_STYLE = { head: [], border: [] };

/** Width of the terminal, or a width that reads well in a log file when output is not a terminal. */
function terminalWidth(): number {
  return Math.max(process.stdout.columns || 140, 100);
}

function describeFinding(finding: Finding): string {
  const place = finding.startSec === null ? '' : `${formatClock(finding.startSec)} `;
  const quote = finding.quote.length > 60 ? `${finding.quote.slice(0, 57)}…` : finding.quote;
  return `${FINDING_TITLES[finding.kind]} (${place}«${quote}»)`;
}

/** Table with one row per call: score and the worst findings with their time and quote. */
export function renderCallTable(evaluations: readonly Evaluation[], timeZone: string): string {
  const width = terminalWidth();
  const findingsWidth = Math.max(30, width - 96);
  const table = new Table({
    head: ['Звонок', 'Менеджер', 'Дата', 'Длит.', 'Оценка', 'Главные нарушения'],
    colWidths: [28, 22, 18, 8, 8, findingsWidth],
    colAligns: ['left', 'left', 'left', 'right', 'right', 'left'],
    wordWrap: true,
    style: PLAIN_STYLE,
  });
  for (const evaluation of evaluations) {
    table.push([
      callLabel(evaluation),
      managerNameOf(evaluation),
      formatCallDate(evaluation.call.startedAt, timeZone),
      evaluation.call.durationSec === null ? '—' : formatClock(evaluation.call.durationSec),
      scoreText(evaluation),
      violationsText(evaluation),
    ]);
  }
  return table.toString();
}

/**
 * Lists the worst two findings or, for a call with none, its failed critical criteria. Such a call can
 * still be capped by a failed critical criterion, and «—» would hide why it scored low.
 */
function violationsText(evaluation: Evaluation): string {
  const worst = sortFindings(evaluation.findings).slice(0, 2).map(describeFinding);
  if (worst.length > 0) {
    const more = evaluation.findings.length - worst.length;
    return worst.join('; ') + (more > 0 ? `; ещё ${more}` : '');
  }
  const failedCritical = evaluation.criteria.filter((criterion) => criterion.critical && criterion.result === 'failed');
  return failedCritical.length === 0 ? '—' : `Не выполнено: ${failedCritical.map((criterion) => criterion.title).join(', ')}`;
}

function scoreText(evaluation: Evaluation): string {
  if (evaluation.transcript.noSpeech) {
    return 'нет речи';
  }
  const score = evaluation.score === null ? '—' : String(Math.round(evaluation.score));
  return evaluation.transcript.complete ? score : `${score}*`;
}

/** Summary per manager: calls, average score, calls with critical problems, most frequent findings. */
export function renderManagerTable(evaluations: readonly Evaluation[]): string {
  const table = new Table({
    head: ['Менеджер', 'Отдел', 'Звонков', 'Ср. оценка', 'Критичных', 'Частые нарушения'],
    colWidths: [28, 24, 9, 12, 11, Math.max(30, terminalWidth() - 92)],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'left'],
    wordWrap: true,
    style: PLAIN_STYLE,
  });
  for (const summary of summarizeManagers(evaluations)) {
    const frequent = summary.findings.slice(0, 3).map((finding) => `${finding.title} — ${finding.count}`).join(', ');
    table.push([
      summary.manager,
      summary.team ?? '—',
      String(summary.calls),
      summary.averageScore === null ? '—' : summary.averageScore.toLocaleString('ru-RU'),
      String(summary.criticalCalls),
      frequent || '—',
    ]);
  }
  return table.toString();
}
