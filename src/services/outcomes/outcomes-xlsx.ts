import ExcelJS from 'exceljs';

import type { ManagerFigures } from './manager-figures.ts';
import { MISSED_OUTCOME_TITLES, PROMISE_ACTION_TITLES, PROMISE_OUTCOME_TITLES } from './outcome-texts.ts';
import type { DriverReport, OutcomesReport } from './outcomes.service.ts';

type Cell = string | number | Date | null;

interface SheetSpec {
  name: string;
  columns: { header: string; width: number; format?: string }[];
  rows: Cell[][];
}

const DATE_FORMAT = 'dd.mm.yyyy hh:mm';
const PERCENT_FORMAT = '0.0%';

/**
 * Builds the outcomes workbook with Russian headers: managers' figures, promises, missed calls, the
 * drivers of detractors and of lost repeat purchases, and trends when a start date was given. Times
 * are Excel dates in `timeZone`, rates are percentages, durations are minutes.
 */
export async function buildOutcomesWorkbook(report: OutcomesReport, timeZone: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'okk';
  workbook.created = new Date(report.generatedAt);
  const sheets: SheetSpec[] = [managersSheet(report), promisesSheet(report, timeZone), missedSheet(report, timeZone), driversSheet(report)];
  if (report.trends !== null) sheets.push(trendsSheet(report));
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((column) => ({ header: column.header, width: column.width, ...(column.format === undefined ? {} : { style: { numFmt: column.format } }) }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRows(spec.rows);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function managersSheet(report: OutcomesReport): SheetSpec {
  const row = (figures: ManagerFigures): Cell[] => [
    figures.name,
    figures.team,
    figures.promises.kept,
    figures.promises.broken,
    figures.promises.pending,
    figures.promises.unverified,
    figures.promises.keptRate?.estimate ?? null,
    figures.missedCalls.episodes,
    figures.missedCalls.calledBack,
    figures.missedCalls.late,
    figures.missedCalls.noCallback,
    minutes(figures.missedCalls.medianCallbackSec),
    minutes(figures.missedCalls.medianCallbackWorkingSec),
    figures.newLeads.count,
    minutes(figures.newLeads.medianResponseSec),
    figures.nps.answers,
    round(figures.nps.meanScore, 1),
    round(figures.nps.npsIndex, 0),
    figures.repeatPurchase.calls,
    figures.repeatPurchase.rate,
  ];
  return {
    name: 'Менеджеры',
    columns: [
      { header: 'Менеджер', width: 32 },
      { header: 'Команда', width: 20 },
      { header: 'Обещаний выполнено', width: 12 },
      { header: 'Обещаний не выполнено', width: 12 },
      { header: 'Срок не наступил', width: 12 },
      { header: 'Нельзя проверить', width: 12 },
      { header: 'Доля выполненных обещаний', width: 14, format: PERCENT_FORMAT },
      { header: 'Пропущенных звонков', width: 12 },
      { header: 'Перезвонили вовремя', width: 12 },
      { header: 'Перезвонили с опозданием', width: 14 },
      { header: 'Не перезвонили', width: 12 },
      { header: 'Медиана до перезвона, мин', width: 14 },
      { header: 'Медиана до перезвона, рабочих мин', width: 16 },
      { header: 'Новых обращений', width: 12 },
      { header: 'Медиана ответа новому клиенту, мин', width: 16 },
      { header: 'Ответов NPS', width: 10 },
      { header: 'Средняя оценка NPS', width: 12 },
      { header: 'Индекс NPS', width: 10 },
      { header: 'Звонков с закрытым окном покупки', width: 16 },
      { header: 'Доля повторных покупок', width: 14, format: PERCENT_FORMAT },
    ],
    rows: [row(report.totals), ...report.managers.map(row)],
  };
}

function promisesSheet(report: OutcomesReport, timeZone: string): SheetSpec {
  return {
    name: 'Обещания',
    columns: [
      { header: 'Звонок', width: 24 },
      { header: 'Менеджер', width: 28 },
      { header: 'Телефон клиента', width: 16 },
      { header: 'Что обещано', width: 16 },
      { header: 'Цитата', width: 60 },
      { header: 'Срок, как сказано', width: 22 },
      { header: 'Обещано', width: 17, format: DATE_FORMAT },
      { header: 'Срок', width: 17, format: DATE_FORMAT },
      { header: 'Срок назван', width: 10 },
      { header: 'Результат', width: 18 },
      { header: 'Выполнено', width: 17, format: DATE_FORMAT },
      { header: 'Связались позже срока', width: 17, format: DATE_FORMAT },
    ],
    rows: report.promises.map((promise) => [
      promise.callId,
      promise.manager,
      promise.clientPhone,
      PROMISE_ACTION_TITLES[promise.action] ?? promise.action,
      promise.quote,
      promise.dueText,
      excelDate(promise.promisedAt, timeZone),
      excelDate(promise.dueAt, timeZone),
      promise.dueSource === 'said' ? 'да' : 'нет',
      PROMISE_OUTCOME_TITLES[promise.outcome] ?? promise.outcome,
      promise.evidence === null ? null : excelDate(promise.evidence.at, timeZone),
      promise.lateFollowUpAt === null ? null : excelDate(promise.lateFollowUpAt, timeZone),
    ]),
  };
}

function missedSheet(report: OutcomesReport, timeZone: string): SheetSpec {
  return {
    name: 'Пропущенные звонки',
    columns: [
      { header: 'Время звонка', width: 17, format: DATE_FORMAT },
      { header: 'Телефон клиента', width: 16 },
      { header: 'Попыток', width: 9 },
      { header: 'Перезвонить до', width: 17, format: DATE_FORMAT },
      { header: 'Ответственный', width: 28 },
      { header: 'Результат', width: 24 },
      { header: 'Перезвонили', width: 17, format: DATE_FORMAT },
      { header: 'До перезвона, мин', width: 12 },
      { header: 'До перезвона, рабочих мин', width: 14 },
    ],
    rows: report.missedCalls.map((call) => [
      excelDate(call.missedAt, timeZone),
      call.clientPhone,
      call.attempts,
      excelDate(call.dueAt, timeZone),
      call.manager ?? call.team,
      MISSED_OUTCOME_TITLES[call.outcome] ?? call.outcome,
      call.callback === null ? null : excelDate(call.callback.at, timeZone),
      minutes(call.callbackSec),
      minutes(call.callbackWorkingSec),
    ]),
  };
}

function driversSheet(report: OutcomesReport): SheetSpec {
  const rows = (outcome: string, drivers: DriverReport): Cell[][] =>
    drivers.drivers.map((driver) => [
      outcome,
      driver.title,
      driver.verdictTitle,
      driver.withFeature.n,
      nanToNull(driver.withFeature.estimate),
      driver.withoutFeature.n,
      nanToNull(driver.withoutFeature.estimate),
      nanToNull(driver.rateDifference.estimate),
      nanToNull(driver.rateDifference.low),
      nanToNull(driver.rateDifference.high),
      round(driver.withFeature.meanValue, 2),
      round(driver.withoutFeature.meanValue, 2),
      driver.examples.join(', '),
    ]);
  return {
    name: 'Факторы',
    columns: [
      { header: 'Исход', width: 22 },
      { header: 'Фактор', width: 40 },
      { header: 'Вывод', width: 26 },
      { header: 'Случаев с фактором', width: 12 },
      { header: 'Доля плохого исхода с фактором', width: 16, format: PERCENT_FORMAT },
      { header: 'Случаев без фактора', width: 12 },
      { header: 'Доля плохого исхода без фактора', width: 16, format: PERCENT_FORMAT },
      { header: 'Разница', width: 10, format: PERCENT_FORMAT },
      { header: 'Разница, нижняя граница', width: 12, format: PERCENT_FORMAT },
      { header: 'Разница, верхняя граница', width: 12, format: PERCENT_FORMAT },
      { header: 'Средняя оценка NPS с фактором', width: 14 },
      { header: 'Средняя оценка NPS без фактора', width: 14 },
      { header: 'Примеры звонков', width: 60 },
    ],
    rows: [...rows('Критики NPS (0–6)', report.drivers.detractors), ...rows('Нет повторной покупки', report.drivers.noRepeatPurchase)],
  };
}

function trendsSheet(report: OutcomesReport): SheetSpec {
  const trends = report.trends;
  const nps: Cell[][] = (trends?.nps ?? []).map((row) => [
    'NPS',
    row.title,
    row.trend.before.n,
    round(row.trend.before.npsIndex, 1),
    row.trend.after.n,
    round(row.trend.after.npsIndex, 1),
    round(row.trend.npsIndexDifference.estimate, 1),
    round(row.trend.npsIndexDifference.low, 1),
    round(row.trend.npsIndexDifference.high, 1),
    row.verdictTitle,
  ]);
  const purchases: Cell[][] = (trends?.repeatPurchase ?? []).map((row) => [
    'Повторные покупки, %',
    row.title,
    row.trend.before.n,
    round(row.trend.before.estimate * 100, 1),
    row.trend.after.n,
    round(row.trend.after.estimate * 100, 1),
    round(row.trend.difference.estimate * 100, 1),
    round(row.trend.difference.low * 100, 1),
    round(row.trend.difference.high * 100, 1),
    row.verdictTitle,
  ]);
  return {
    name: 'Динамика',
    columns: [
      { header: 'Показатель', width: 22 },
      { header: 'Кто', width: 30 },
      { header: 'До: случаев', width: 10 },
      { header: 'До', width: 10 },
      { header: 'После: случаев', width: 12 },
      { header: 'После', width: 10 },
      { header: 'Изменение', width: 11 },
      { header: 'Изменение, нижняя граница', width: 13 },
      { header: 'Изменение, верхняя граница', width: 13 },
      { header: 'Вывод', width: 26 },
    ],
    rows: [...nps, ...purchases],
  };
}

/** Excel dates have no zone, so the wall-clock time in `timeZone` is written as if it were UTC. */
function excelDate(instant: string, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return new Date(Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second')));
}

function minutes(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds / 6) / 10;
}

function round(value: number | null, digits: number): number | null {
  if (value === null || Number.isNaN(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function nanToNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
