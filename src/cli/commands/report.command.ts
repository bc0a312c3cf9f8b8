import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';

import { parseDateOption, periodEnd } from '../date-options.ts';
import type { CallFilter, Database } from '../../data/index.ts';
import { foldText } from '../../core/text/normalize.ts';
import { AppError } from '../../lib/app-error.ts';
import { fileWriteError } from '../../lib/fs-errors.ts';
import { renderHtmlReport } from '../../reports/html-report.ts';
import { SYSTEM_VIEWER } from '../../services/accounts/access.ts';
import { loadFollowThroughSettings } from '../../services/followthrough/follow-through-config.ts';
import { followThroughSummaryOf } from '../../services/outcomes/follow-through-summary.ts';
import { loadOutcomesSettings } from '../../services/outcomes/outcomes-config.ts';
import { OutcomesService } from '../../services/outcomes/outcomes.service.ts';
import type { ReportCall } from '../../reports/html-report.ts';
import { type CliRuntime, createCliRuntime, describeDatabase, openConfiguredDatabase } from '../cli-runtime.ts';
import { EXIT } from '../exit-codes.ts';

interface ReportFlags {
  html?: string;
  from?: string;
  to?: string;
  manager?: string;
  limit: number;
  database?: string;
}

const DEFAULT_LIMIT = 1000;

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('построить отчёт по проверенным звонкам из базы')
    .requiredOption('--html <файл>', 'записать самодостаточный HTML-отчёт в этот файл')
    .option('--from <дата>', 'звонки начиная с этой даты (ГГГГ-ММ-ДД)', parseDateOption)
    .option('--to <дата>', 'звонки по эту дату включительно (ГГГГ-ММ-ДД)', parseDateOption)
    .option('--manager <имя>', 'только звонки этого менеджера (имя как в отчёте)')
    .option('--limit <число>', 'не больше стольких последних звонков', parseLimit, DEFAULT_LIMIT)
    .option('--database <адрес>', 'база данных: sqlite:ПУТЬ или postgres://… (по умолчанию из настроек)')
    .action(async (flags: ReportFlags) => {
      process.exitCode = await runReport(flags);
    });
}

async function runReport(flags: ReportFlags): Promise<number> {
  const runtime = createCliRuntime({ databaseUrl: flags.database });
  const output = path.resolve(flags.html ?? 'okk-report.html');
  const database = await openConfiguredDatabase(runtime);
  try {
    const filter = await buildFilter(database, flags);
    const calls = await loadReportCalls(database, filter, flags.limit, path.dirname(output));
    if (calls.length === 0) {
      console.error(`В базе ${describeDatabase(runtime.config.databaseUrl)} нет проверенных звонков за выбранный период. Сначала выполните okk analyze.`);
    }
    const html = renderHtmlReport({
      calls,
      generatedAt: new Date().toISOString(),
      timeZone: runtime.config.timeZone,
      period: { from: flags.from ?? null, to: flags.to ?? null },
      followThrough: await followThroughOf(database, runtime, filter, new Set(calls.map((call) => call.evaluation.call.id))),
    });
    await writeFile(output, html, 'utf8').catch((error: unknown) => {
      throw fileWriteError(output, error);
    });
    console.log(`Отчёт записан: ${output} (звонков в отчёте: ${calls.length}).`);
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

async function buildFilter(database: Database, flags: ReportFlags): Promise<CallFilter> {
  const filter: CallFilter = {};
  if (flags.from !== undefined) {
    filter.startedFrom = flags.from;
  }
  if (flags.to !== undefined) {
    filter.startedTo = periodEnd(flags.from, flags.to);
  }
  if (flags.manager !== undefined) {
    const wanted = foldText(flags.manager.trim());
    const managers = (await database.managers.listManagers()).filter((manager) => foldText(manager.name) === wanted);
    if (managers.length === 0) {
      throw new AppError('NOT_FOUND', `Менеджер «${flags.manager}» не найден в базе. Проверьте написание имени.`);
    }
    filter.managerIds = managers.map((manager) => manager.id);
  }
  return filter;
}

/** Summarizes the promises and missed calls of the same period and managers, as the follow-through check left them. */
async function followThroughOf(database: Database, runtime: CliRuntime, filter: CallFilter, callIds: ReadonlySet<string>) {
  const { config } = runtime;
  const service = new OutcomesService({
    database,
    followThrough: loadFollowThroughSettings(config),
    outcomes: loadOutcomesSettings(config),
    timeZone: config.timeZone,
    now: () => new Date(),
  });
  const managerId = filter.managerIds?.length === 1 ? filter.managerIds[0] : undefined;
  const report = await service.report(SYSTEM_VIEWER, { from: filter.startedFrom, to: filter.startedTo, managerId });
  return followThroughSummaryOf(report, callIds);
}

/** Loads the latest evaluated calls with their turns, newest first, up to `limit`. */
async function loadReportCalls(database: Database, filter: CallFilter, limit: number, reportFolder: string): Promise<ReportCall[]> {
  const calls: ReportCall[] = [];
  let cursor: string | null = null;
  do {
    const page = await database.calls.listCalls(filter, { field: 'startedAt', direction: 'desc' }, {
      limit: Math.min(200, limit - calls.length),
      withTotal: false,
      ...(cursor === null ? {} : { cursor }),
    });
    for (const summary of page.items) {
      const stored = await database.calls.getCall(summary.id);
      if (stored?.evaluation == null) {
        continue;
      }
      calls.push({ transcript: stored.transcript, evaluation: stored.evaluation, audioUrl: stored.audio === null ? null : audioUrlOf(stored.audio.path, reportFolder) });
    }
    cursor = page.nextCursor;
  } while (cursor !== null && calls.length < limit);
  return calls;
}

/** A relative link when the recording sits near the report, so the folder can be moved as a whole. */
function audioUrlOf(audioPath: string, reportFolder: string): string {
  const relative = path.relative(reportFolder, audioPath);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
    return relative.split(path.sep).map(encodeURIComponent).join('/');
  }
  return pathToFileURL(audioPath).href;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InvalidArgumentError('укажите целое число больше нуля');
  }
  return limit;
}

