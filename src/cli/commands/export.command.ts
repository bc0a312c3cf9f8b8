import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';

import { parseDateOption, periodEnd } from '../date-options.ts';
import { foldText } from '../../core/text/normalize.ts';
import type { Database } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { fileWriteError } from '../../lib/fs-errors.ts';
import { plural } from '../../lib/russian-format.ts';
import { readServerSettings } from '../../server/server-config.ts';
import { SYSTEM_VIEWER } from '../../services/accounts/access.ts';
import { CallQueryService } from '../../services/calls/call-query.service.ts';
import { CallExportService } from '../../services/exports/call-export.service.ts';
import type { CallExportFormat, CallExportRequest } from '../../services/exports/call-export.service.ts';
import { CSV_ENCODINGS } from '../../services/exports/csv-format.ts';
import type { CsvEncoding } from '../../services/exports/csv-format.ts';
import { loadMorphology } from '../../text/az-morphology.ts';
import { createCliRuntime, describeDatabase, openConfiguredDatabase } from '../cli-runtime.ts';
import { EXIT } from '../exit-codes.ts';

interface ExportCallsFlags {
  xlsx?: string;
  csv?: string;
  encoding?: CsvEncoding;
  from?: string;
  to?: string;
  manager?: string[];
  team?: string[];
  database?: string;
  timeZone?: string;
}

const CALL_FORMS = ['звонок', 'звонка', 'звонков'] as const;

export function registerExportCommand(program: Command): void {
  const exportCommand = program.command('export').description('выгрузить данные okk в файлы Excel и CSV');

  exportCommand
    .command('calls')
    .description('выгрузить список звонков с оценками и главными находками (как на странице «Звонки»)')
    .option('--xlsx <файл>', 'записать книгу Excel')
    .option('--csv <файл>', 'записать CSV для Excel: разделитель «;», UTF-8 с BOM')
    .option('--encoding <кодировка>', `кодировка CSV: ${CSV_ENCODINGS.join(' или ')} (по умолчанию utf-8)`, parseEncoding)
    .option('--from <дата>', 'звонки с этой даты (ГГГГ-ММ-ДД)', parseDateOption)
    .option('--to <дата>', 'звонки по эту дату включительно (ГГГГ-ММ-ДД)', parseDateOption)
    .option('--manager <имя>', 'только звонки этого менеджера: имя как в звонках или номер (можно повторить)', collect)
    .option('--team <команда>', 'только звонки этой команды: название или номер (можно повторить)', collect)
    .option('--database <адрес>', 'база данных: sqlite:ПУТЬ или postgres://… (по умолчанию из настроек)')
    .option('--time-zone <зона>', 'часовой пояс дат в файле и в --from/--to, например Europe/Moscow (по умолчанию из настроек)')
    .action(async (flags: ExportCallsFlags) => {
      process.exitCode = await runExportCalls(flags);
    });
}

async function runExportCalls(flags: ExportCallsFlags): Promise<number> {
  const target = outputOf(flags);
  const runtime = createCliRuntime({ databaseUrl: flags.database, timeZone: flags.timeZone });
  const { config } = runtime;
  const { publicUrl } = readServerSettings(config);
  const database = await openConfiguredDatabase(runtime);

  // The rows go to a side file first, so a failed export never leaves a cut-off file under the requested name.
  // Opening it before the query reports a missing folder or a read-only disk at once and in Russian.
  const partial = `${target.file}.part`;
  let output: FileHandle;
  try {
    output = await open(partial, 'w');
  } catch (error) {
    await database.close();
    throw fileWriteError(target.file, error);
  }

  const stream = output.createWriteStream();
  let streamError: unknown = null;
  stream.on('error', (error) => {
    streamError = error;
  });
  try {
    const request = await buildRequest(database, flags);
    const calls = new CallQueryService({ database, morphology: loadMorphology });
    const exporter = new CallExportService({ calls, timeZone: config.timeZone, publicUrl });
    const prepared = await exporter.prepare(SYSTEM_VIEWER, request);
    const rows = await prepared.write(target.format, stream);
    await rename(partial, target.file).catch((error: unknown) => {
      throw fileWriteError(target.file, error);
    });
    printDone(rows, target.file, describeDatabase(config.databaseUrl));
    return EXIT.ok;
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    // A full disk closes the stream mid-write; its own error gives the reason, not the exporter's.
    throw streamError === null ? error : fileWriteError(target.file, streamError);
  } finally {
    await database.close();
  }
}

function outputOf(flags: ExportCallsFlags): { file: string; format: CallExportFormat } {
  if (flags.xlsx !== undefined && flags.csv !== undefined) {
    throw new AppError('BAD_REQUEST', 'Укажите что-то одно: --xlsx ФАЙЛ или --csv ФАЙЛ.');
  }
  if (flags.xlsx !== undefined) {
    if (flags.encoding !== undefined) {
      throw new AppError('BAD_REQUEST', 'Параметр --encoding относится только к CSV: книга Excel всегда в UTF-8. Уберите --encoding или выгрузите в --csv.');
    }
    return { file: path.resolve(flags.xlsx), format: { kind: 'xlsx' } };
  }
  if (flags.csv !== undefined) {
    return { file: path.resolve(flags.csv), format: { kind: 'csv', encoding: flags.encoding ?? 'utf-8' } };
  }
  throw new AppError('BAD_REQUEST', 'Не указан файл выгрузки: добавьте --xlsx ФАЙЛ или --csv ФАЙЛ.');
}

async function buildRequest(database: Database, flags: ExportCallsFlags): Promise<CallExportRequest> {
  const request: CallExportRequest = { sort: 'startedAt', order: 'desc' };
  if (flags.from !== undefined) request.from = flags.from;
  if (flags.to !== undefined) request.to = periodEnd(flags.from, flags.to);
  if (flags.manager !== undefined) {
    const managers = await database.managers.listManagers();
    request.managerId = flags.manager.map((given) => findId(managers, given, `Менеджер «${given}» не найден в базе. Имя должно быть таким, как в загруженных звонках.`));
  }
  if (flags.team !== undefined) {
    const teams = await database.managers.listTeams();
    request.teamId = flags.team.map((given) => findId(teams, given, `Команда «${given}» не найдена в базе. Название должно быть таким, как в загруженных звонках.`));
  }
  return request;
}

/** Finds a manager or team by its number or by its name, ignoring case and ё/е. */
function findId(items: readonly { id: number; name: string }[], given: string, notFound: string): number {
  const byId = /^\d+$/u.test(given) ? items.find((item) => item.id === Number(given)) : undefined;
  const found = byId ?? items.find((item) => foldText(item.name) === foldText(given.trim()));
  if (found === undefined) {
    throw new AppError('NOT_FOUND', notFound);
  }
  return found.id;
}

function printDone(rows: number, file: string, database: string): void {
  if (rows === 0) {
    console.log(`Под фильтры не попал ни один звонок (база ${database}). Файл ${file} содержит только заголовки столбцов.`);
    return;
  }
  console.log(`Выгружено ${rows} ${plural(rows, CALL_FORMS)}: ${file}.`);
}

function parseEncoding(value: string): CsvEncoding {
  const found = CSV_ENCODINGS.find((encoding) => encoding === value.toLowerCase());
  if (found === undefined) {
    throw new InvalidArgumentError(`укажите ${CSV_ENCODINGS.join(' или ')}`);
  }
  return found;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
