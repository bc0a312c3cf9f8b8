import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';

import { parseDateOption, periodEnd } from '../date-options.ts';
import { foldText } from '../../core/text/normalize.ts';
import type { Database } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { fileWriteError } from '../../lib/fs-errors.ts';
import { countOf } from '../../lib/russian-format.ts';
import { SYSTEM_VIEWER } from '../../services/accounts/access.ts';
import { loadFollowThroughSettings } from '../../services/followthrough/follow-through-config.ts';
import { runFollowThrough } from '../../services/followthrough/follow-through.service.ts';
import type { ManagerFigures } from '../../services/outcomes/manager-figures.ts';
import { loadOutcomesSettings } from '../../services/outcomes/outcomes-config.ts';
import { type DriverReport, type OutcomesQuery, type OutcomesReport, OutcomesService } from '../../services/outcomes/outcomes.service.ts';
import { buildOutcomesWorkbook } from '../../services/outcomes/outcomes-xlsx.ts';
import { createCliRuntime, openConfiguredDatabase } from '../cli-runtime.ts';
import { EXIT } from '../exit-codes.ts';

interface OutcomesFlags {
  json?: boolean;
  xlsx?: string;
  from?: string;
  to?: string;
  since?: string;
  manager?: string;
  database?: string;
  timeZone?: string;
  check: boolean;
}

/** Genitive forms: «не меньше 10 случаев». */
const CASE_FORMS = ['случая', 'случаев', 'случаев'] as const;

export function registerOutcomesCommand(program: Command): void {
  program
    .command('outcomes')
    .description('выполнение обещаний, перезвоны, NPS и повторные покупки: по менеджерам, факторы и динамика')
    .option('--json', 'напечатать все показатели одним объектом JSON')
    .option('--xlsx <файл>', 'записать книгу Excel с листами обещаний, пропущенных звонков, факторов и менеджеров')
    .option('--from <дата>', 'с этой даты (ГГГГ-ММ-ДД)', parseDateOption)
    .option('--to <дата>', 'по эту дату включительно (ГГГГ-ММ-ДД)', parseDateOption)
    .option('--since <дата>', 'дата запуска ОКК: сравнить NPS и повторные покупки до и после неё (ГГГГ-ММ-ДД)', parseDateOption)
    .option('--manager <имя>', 'только этот менеджер (имя как в отчёте)')
    .option('--database <адрес>', 'база данных: sqlite:ПУТЬ или postgres://… (по умолчанию из настроек)')
    .option('--time-zone <зона>', 'часовой пояс дат, например Europe/Moscow')
    .option('--no-check', 'не проверять перед отчётом обещания и пропущенные звонки заново')
    .action(async (flags: OutcomesFlags) => {
      process.exitCode = await runOutcomes(flags);
    });
}

async function runOutcomes(flags: OutcomesFlags): Promise<number> {
  const runtime = createCliRuntime({ databaseUrl: flags.database, timeZone: flags.timeZone });
  const { config, logger } = runtime;
  const followThrough = loadFollowThroughSettings(config);
  const database = await openConfiguredDatabase(runtime);
  try {
    if (flags.check) {
      await runFollowThrough(database, followThrough, new Date().toISOString(), logger);
    }
    const outcomes = loadOutcomesSettings(config);
    const service = new OutcomesService({ database, followThrough, outcomes, timeZone: config.timeZone, now: () => new Date() });
    const report = await service.report(SYSTEM_VIEWER, await buildQuery(database, flags));
    if (flags.xlsx !== undefined) {
      const file = path.resolve(flags.xlsx);
      const workbook = await buildOutcomesWorkbook(report, config.timeZone);
      await writeFile(file, workbook).catch((error: unknown) => {
        throw fileWriteError(file, error);
      });
      (flags.json === true ? console.error : console.log)(`Книга Excel записана: ${file}.`);
    }
    if (flags.json === true) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      printReport(report, outcomes.minGroupSize);
    }
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

async function buildQuery(database: Database, flags: OutcomesFlags): Promise<OutcomesQuery> {
  const query: OutcomesQuery = {};
  if (flags.from !== undefined) query.from = flags.from;
  if (flags.to !== undefined) query.to = periodEnd(flags.from, flags.to);
  if (flags.since !== undefined) query.since = flags.since;
  if (flags.manager !== undefined) {
    const wanted = foldText(flags.manager.trim());
    const manager = (await database.managers.listManagers()).find((candidate) => foldText(candidate.name) === wanted);
    if (manager === undefined) {
      throw new AppError('NOT_FOUND', `Менеджер «${flags.manager}» не найден в базе. Проверьте написание имени.`);
    }
    query.managerId = manager.id;
  }
  return query;
}

function printReport(report: OutcomesReport, minGroupSize: number): void {
  console.log('Выполнение обещаний и перезвоны по менеджерам');
  for (const figures of [report.totals, ...report.managers]) {
    console.log(`  ${describeManager(figures)}`);
  }
  printDrivers('Что связано с оценками NPS 0–6 (критики)', report.drivers.detractors, minGroupSize);
  printDrivers('Что связано с отсутствием повторной покупки', report.drivers.noRepeatPurchase, minGroupSize);
  if (report.trends !== null) {
    console.log('\nДо и после запуска ОКК');
    for (const row of report.trends.nps) {
      const { before, after } = row.trend;
      console.log(`  NPS, ${row.title}: ${formatNumber(before.npsIndex)} (${before.n}) → ${formatNumber(after.npsIndex)} (${after.n}) — ${row.verdictTitle}`);
    }
    for (const row of report.trends.repeatPurchase) {
      const { before, after } = row.trend;
      console.log(`  Повторные покупки, ${row.title}: ${formatPercent(before.estimate)} (${before.n}) → ${formatPercent(after.estimate)} (${after.n}) — ${row.verdictTitle}`);
    }
  }
  if (report.unanalysedRecordings > 0) {
    console.log(`\nРазговоров с записью, которые okk ещё не проанализировал: ${report.unanalysedRecordings}.`);
  }
}

function describeManager(figures: ManagerFigures): string {
  const { promises, missedCalls, nps } = figures;
  const kept = promises.keptRate === null ? '—' : `${formatPercent(promises.keptRate.estimate)} (${promises.kept} из ${promises.kept + promises.broken})`;
  const callback = missedCalls.callbackRate === null ? '—' : `${formatPercent(missedCalls.callbackRate.estimate)} из ${missedCalls.episodes}`;
  const npsText = nps.answers === 0 ? '—' : `${formatNumber(nps.npsIndex)} (${nps.answers} отв.)`;
  return `${figures.name}: обещания выполнены ${kept}; перезвонили вовремя ${callback}; NPS ${npsText}`;
}

function printDrivers(title: string, drivers: DriverReport, minGroupSize: number): void {
  console.log(`\n${title}: случаев ${drivers.units}, из них с плохим исходом ${drivers.badUnits}`);
  const shown = drivers.drivers.filter((driver) => driver.verdict === 'worse' || driver.verdict === 'better');
  if (shown.length === 0) {
    const enough = drivers.drivers.some((driver) => driver.verdict !== 'insufficient_data');
    const needed = countOf(minGroupSize, CASE_FORMS);
    console.log(
      enough
        ? '  Связь ни с одним фактором не подтверждена.'
        : `  Недостаточно данных: для проверки фактора нужно не меньше ${needed} с ним и ${needed} без него (outcomes.minGroupSize).`,
    );
  }
  for (const driver of shown) {
    const difference = driver.rateDifference;
    console.log(
      `  ${driver.title}: ${formatPercent(driver.withFeature.estimate)} при нём (${driver.withFeature.n}) против ${formatPercent(driver.withoutFeature.estimate)} без него (${driver.withoutFeature.n}), ` +
        `разница ${formatPoints(difference.estimate)} [${formatPoints(difference.low)}; ${formatPoints(difference.high)}] — ${driver.verdictTitle}; примеры: ${driver.examples.slice(0, 3).join(', ')}`,
    );
  }
}

function formatPercent(value: number): string {
  return Number.isNaN(value) ? '—' : `${(value * 100).toLocaleString('ru-RU', { maximumFractionDigits: 0 })} %`;
}

function formatPoints(value: number): string {
  return Number.isNaN(value) ? '—' : `${(value * 100).toLocaleString('ru-RU', { maximumFractionDigits: 1, signDisplay: 'exceptZero' })} п. п.`;
}

function formatNumber(value: number | null): string {
  return value === null || Number.isNaN(value) ? '—' : value.toLocaleString('ru-RU', { maximumFractionDigits: 1 });
}

