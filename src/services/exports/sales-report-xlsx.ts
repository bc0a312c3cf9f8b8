import ExcelJS from 'exceljs';

import { FINDING_KINDS } from '../../core/model/evaluation.ts';
import type { FindingKind } from '../../core/model/evaluation.ts';
import { FINDING_TITLES } from '../../core/model/finding-titles.ts';
import type { CausesView, ComparisonView, TrendsView } from '../reports/sales-report.service.ts';
import { DateTime } from 'luxon';

import { EXCEL_DATE_FORMAT, excelDate, russianDateTime } from './excel-time.ts';

/** The three parts of the head-of-sales report page that the workbook holds. */
export interface SalesReportData {
  causes: CausesView;
  comparison: ComparisonView;
  trends: TrendsView;
}

export interface SalesReportWorkbookOptions {
  /** The zone the report period was counted in, for the period shown in the sheets' headers. */
  timeZone: string;
  /** The address users open okk at, for links to the example calls; null writes the call ids only. */
  publicUrl: string | null;
  created: Date;
}

type Cell = ExcelJS.CellValue;

interface SheetSpec {
  name: string;
  /** Printed at the top of every page of the sheet. */
  title: string;
  columns: { header: string; width: number; numFmt?: string }[];
  rows: Cell[][];
}

const SHARE_FORMAT = '0.0%';
const EXAMPLE_COLUMNS = 3;

/** Builds the head-of-sales report workbook: sheets «Причины», «Менеджеры» and «По неделям». */
export async function buildSalesReportWorkbook(report: SalesReportData, options: SalesReportWorkbookOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'okk';
  workbook.created = options.created;
  const period = periodTitle(report.causes.period, options.timeZone);
  workbook.title = `Отчёт руководителя отдела продаж, ${period}`;

  for (const spec of [causesSheet(report.causes, period, options.publicUrl), managersSheet(report.comparison, period), weeksSheet(report.trends)]) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.headerFooter.oddHeader = `&L${spec.title.replaceAll('&', '&&')}`;
    sheet.columns = spec.columns.map((column) => ({ header: column.header, width: column.width, ...(column.numFmt === undefined ? {} : { style: { numFmt: column.numFmt } }) }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).alignment = { wrapText: true, vertical: 'top' };
    sheet.addRows(spec.rows);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function causesSheet(causes: CausesView, period: string, publicUrl: string | null): SheetSpec {
  const examples = Array.from({ length: EXAMPLE_COLUMNS }, (_, index) => ({ header: `Пример звонка ${index + 1}`, width: 50 }));
  return {
    name: 'Причины',
    title: `Причины потери клиентов, ${period}: оценено звонков ${causes.evaluatedCalls}, средняя оценка ${causes.averageScore ?? '—'}`,
    columns: [
      { header: 'Причина', width: 28 },
      { header: 'Звонков с причиной', width: 12 },
      { header: 'Доля оценённых звонков', width: 12, numFmt: SHARE_FORMAT },
      { header: 'Средняя оценка с причиной', width: 12 },
      { header: 'Средняя оценка без причины', width: 12 },
      { header: 'Насколько ниже оценка, баллов', width: 14 },
      { header: 'Место по частоте', width: 10 },
      { header: 'Место по влиянию на оценку', width: 12 },
      ...examples,
    ],
    rows: causes.causes.map((cause) => [
      cause.title,
      cause.callsWith,
      cause.frequency,
      cause.averageScoreWith,
      cause.averageScoreWithout,
      cause.scoreGap,
      cause.rankByFrequency,
      cause.rankByImpact,
      ...cause.examples.slice(0, EXAMPLE_COLUMNS).map((example) => exampleCell(example, publicUrl)),
    ]),
  };
}

/** Writes an example as one cell: the manager, the score, the quote and the call id, linked to the call when the address is known. */
function exampleCell(example: CausesView['causes'][number]['examples'][number], publicUrl: string | null): Cell {
  const manager = example.manager?.name ?? 'менеджер не указан';
  const text = `${manager}, оценка ${example.score ?? '—'}: «${example.quote}» (звонок ${example.callId})`;
  if (publicUrl === null) {
    return text;
  }
  return { text, hyperlink: `${publicUrl.replace(/\/+$/u, '')}/calls/${encodeURIComponent(example.callId)}` };
}

function managersSheet(comparison: ComparisonView, period: string): SheetSpec {
  const kinds = kindsOf([...comparison.teams, ...comparison.managers].map((row) => row.findings));
  const figures = (row: ComparisonView['teams'][number]): Cell[] => [
    row.calls,
    row.evaluatedCalls,
    row.averageScore,
    row.topFinding === null ? null : FINDING_TITLES[row.topFinding],
    ...kinds.map((kind) => row.findings[kind] ?? 0),
  ];
  return {
    name: 'Менеджеры',
    title: `Сравнение менеджеров и команд, ${period}`,
    columns: [
      { header: 'Менеджер', width: 28 },
      { header: 'Команда', width: 22 },
      { header: 'Звонков', width: 9 },
      { header: 'Оценено', width: 9 },
      { header: 'Средняя оценка', width: 10 },
      { header: 'Частая находка', width: 26 },
      ...kinds.map((kind) => ({ header: `${FINDING_TITLES[kind]}, звонков`, width: 14 })),
    ],
    rows: [
      ...comparison.managers.map((row) => [row.manager?.name ?? 'Без менеджера', row.team?.name ?? 'Без команды', ...figures(row)]),
      ...comparison.teams.map((row) => ['Вся команда', row.team?.name ?? 'Без команды', ...figures(row)]),
    ],
  };
}

function weeksSheet(trends: TrendsView): SheetSpec {
  const kinds = kindsOf(trends.weeks.map((week) => week.findings));
  return {
    name: 'По неделям',
    title: `Оценка и находки по неделям (с понедельника, часовой пояс ${trends.timeZone})`,
    columns: [
      { header: 'Неделя с', width: 12, numFmt: EXCEL_DATE_FORMAT },
      { header: 'Звонков', width: 9 },
      { header: 'Оценено', width: 9 },
      { header: 'Средняя оценка', width: 10 },
      ...kinds.map((kind) => ({ header: `${FINDING_TITLES[kind]}, звонков`, width: 14 })),
    ],
    rows: trends.weeks.map((week) => [excelDate(week.weekStart), week.calls, week.evaluatedCalls, week.averageScore, ...kinds.map((kind) => week.findings[kind] ?? 0)]),
  };
}

/** Names the period as the report page does: whole days with the last day included, else the exact times. */
function periodTitle(period: { from: string; to: string }, timeZone: string): string {
  const start = DateTime.fromISO(period.from, { zone: 'utc' }).setZone(timeZone);
  const end = DateTime.fromISO(period.to, { zone: 'utc' }).setZone(timeZone);
  if (start.isValid && end.isValid && start.equals(start.startOf('day')) && end.equals(end.startOf('day'))) {
    return `${start.toFormat('dd.MM.yyyy')} — ${end.minus({ days: 1 }).toFormat('dd.MM.yyyy')}`;
  }
  return `${russianDateTime(period.from, timeZone)} — ${russianDateTime(period.to, timeZone)}`;
}

/** Lists the finding kinds present in any row, in the order of the finding table, so that empty columns are left out. */
function kindsOf(rows: readonly Partial<Record<FindingKind, number>>[]): FindingKind[] {
  return FINDING_KINDS.filter((kind) => rows.some((row) => (row[kind] ?? 0) > 0));
}
