import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';

import { CALL_LOG_FORMATS, type CallLogFormat } from '../../importers/call-log/index.ts';
import type { RowRejection } from '../../importers/shared/table.ts';
import { countOf, formatCallDate } from '../../lib/russian-format.ts';
import { type CallLogFileOutcome, importCallLogFiles, type LinkSummary } from '../../services/followthrough/call-log-import.service.ts';
import { loadFollowThroughSettings } from '../../services/followthrough/follow-through-config.ts';
import { type FollowThroughRun, runFollowThrough } from '../../services/followthrough/follow-through.service.ts';
import { importOutcomeFiles, type OutcomeFileOutcome, type OutcomeKind } from '../../services/outcomes/outcome-import.service.ts';
import { type CliRuntime, createCliRuntime, describeDatabase, openConfiguredDatabase } from '../cli-runtime.ts';
import { EXIT } from '../exit-codes.ts';

interface ImportFlags {
  database?: string;
  timeZone?: string;
  format?: CallLogFormat;
  companyNumber?: string[];
  check: boolean;
}

/** Rejected rows listed per file; the rest are counted. */
const MAX_LISTED_ROWS = 20;
const RECORDS: [string, string, string] = ['запись', 'записи', 'записей'];

const KINDS: Record<'calls' | OutcomeKind, { title: string; noun: [string, string, string] }> = {
  calls: { title: 'журнал звонков АТС или CRM (CSV, XLSX)', noun: ['звонок', 'звонка', 'звонков'] },
  nps: { title: 'ответы опроса NPS (CSV, XLSX)', noun: ['ответ', 'ответа', 'ответов'] },
  deals: { title: 'сделки и покупки из CRM (CSV, XLSX)', noun: ['сделка', 'сделки', 'сделок'] },
  events: { title: 'события CRM: письма, сообщения, задачи, встречи (CSV, XLSX)', noun: ['событие', 'события', 'событий'] },
};

export function registerImportCommand(program: Command): void {
  const command = program.command('import').description('загрузить журнал звонков, ответы NPS, сделки или события CRM');
  for (const kind of Object.keys(KINDS) as (keyof typeof KINDS)[]) {
    const sub = command
      .command(kind)
      .description(`загрузить ${KINDS[kind].title}`)
      .argument('<файлы...>', 'файлы выгрузки')
      .option('--database <адрес>', 'база данных: sqlite:ПУТЬ или postgres://… (по умолчанию из настроек)')
      .option('--time-zone <зона>', 'часовой пояс времени без указания зоны, например Europe/Moscow');
    if (kind === 'calls') {
      sub
        .option('--format <формат>', `формат журнала вместо автоматического определения: ${CALL_LOG_FORMATS.filter((format) => format !== 'mango-webhook').join(', ')}`, parseFormat)
        .option('--company-number <номер>', 'номер телефона компании (можно несколько раз), чтобы отличить входящие от исходящих', collect, []);
    }
    if (kind === 'calls' || kind === 'events') {
      sub.option('--no-check', 'не проверять после загрузки обещания и пропущенные звонки');
    }
    sub.action(async (files: string[], flags: ImportFlags) => {
      process.exitCode = await runImport(kind, files, { ...flags, check: flags.check });
    });
  }
}

async function runImport(kind: keyof typeof KINDS, files: string[], flags: ImportFlags): Promise<number> {
  const runtime = createCliRuntime({ databaseUrl: flags.database, timeZone: flags.timeZone });
  const followThrough = loadFollowThroughSettings(runtime.config);
  const database = await openConfiguredDatabase(runtime);
  try {
    const resolved = files.map((file) => path.resolve(file));
    let failed: number;
    if (kind === 'calls') {
      const outcomes = await importCallLogFiles(database, resolved, {
        followThrough,
        timeZone: runtime.config.timeZone,
        ...(flags.format === undefined ? {} : { format: flags.format }),
        ...(flags.companyNumber === undefined || flags.companyNumber.length === 0 ? {} : { companyNumbers: flags.companyNumber }),
      }, runtime.logger);
      outcomes.forEach((outcome) => { printCallLogOutcome(outcome, KINDS.calls.noun); });
      failed = outcomes.filter((outcome) => !outcome.ok).length;
    } else {
      const outcomes = await importOutcomeFiles(database, kind, resolved, runtime.config.timeZone, runtime.logger);
      outcomes.forEach((outcome) => { printOutcome(outcome, KINDS[kind].noun); });
      failed = outcomes.filter((outcome) => !outcome.ok).length;
    }
    if ((kind === 'calls' || kind === 'events') && flags.check) {
      const run = await runFollowThrough(database, followThrough, new Date().toISOString(), runtime.logger);
      printFollowThrough(run, runtime);
    }
    console.log(`Готово. Файлов: ${files.length}, с ошибками: ${failed}. База: ${describeDatabase(runtime.config.databaseUrl)}.`);
    return failed > 0 ? EXIT.failures : EXIT.ok;
  } finally {
    await database.close();
  }
}

function printCallLogOutcome(outcome: CallLogFileOutcome, noun: [string, string, string]): void {
  const name = path.basename(outcome.file);
  if (!outcome.ok) {
    console.error(`✗ ${outcome.message}`);
    return;
  }
  const merged = outcome.merged === 0 ? '' : `, строк-плеч одного звонка объединено: ${outcome.merged}`;
  console.log(`✓ ${name} (${outcome.format}, ${outcome.encoding}): прочитано ${countOf(outcome.read - outcome.merged, noun)}, новых ${outcome.inserted}, обновлено ${outcome.updated}${merged}`);
  printRows(outcome.rejected, outcome.warnings);
}

function printOutcome(outcome: OutcomeFileOutcome, noun: [string, string, string]): void {
  if (!outcome.ok) {
    console.error(`✗ ${outcome.message}`);
    return;
  }
  console.log(`✓ ${path.basename(outcome.file)} (${outcome.encoding}): прочитано ${countOf(outcome.read, noun)}, новых ${outcome.inserted}, обновлено ${outcome.updated}`);
  printRows(outcome.rejected, outcome.warnings);
}

function printRows(rejected: readonly RowRejection[], warnings: readonly string[]): void {
  if (rejected.length > 0) {
    console.error(`  Пропущено строк с ошибками: ${rejected.length}`);
    for (const row of rejected.slice(0, MAX_LISTED_ROWS)) {
      console.error(`    строка ${row.row}: ${row.message}`);
    }
    if (rejected.length > MAX_LISTED_ROWS) {
      console.error(`    … и ещё ${rejected.length - MAX_LISTED_ROWS}`);
    }
  }
  for (const warning of warnings) {
    console.error(`  ! ${warning}`);
  }
}

function printFollowThrough(run: FollowThroughRun, runtime: CliRuntime): void {
  printLinks(run.links, runtime.config.timeZone);
  const { promises, missedCalls } = run;
  console.log(
    `Обещания: выполнено ${promises.kept}, не выполнено ${promises.broken}, срок не наступил ${promises.pending}, ` +
      `нельзя проверить ${promises.unverified}, без времени звонка или телефона клиента ${promises.skipped}.`,
  );
  console.log(
    `Пропущенные звонки: ${missedCalls.episodes}; перезвонили вовремя ${missedCalls.calledBack}, с опозданием ${missedCalls.late}, ` +
      `не перезвонили ${missedCalls.noCallback}, срок не наступил ${missedCalls.pending}.`,
  );
  if (run.evaluationsUpdated > 0) {
    console.log(`Оценки звонков обновлены с учётом выполнения обещаний: ${run.evaluationsUpdated}.`);
  }
}

function printLinks(links: LinkSummary, timeZone: string): void {
  const total = links.linked.external_id + links.linked.recording + links.linked.time;
  console.log(`Связано с проанализированными звонками: ${total} (по id звонка ${links.linked.external_id}, по записи ${links.linked.recording}, по времени ${links.linked.time}).`);
  const unanalysed = links.unanalysedRecordings;
  if (unanalysed.length > 0) {
    const examples = unanalysed.slice(0, 3).map((record) => `${formatCallDate(record.startedAt, timeZone)} ${record.recordingFile ?? record.recordingUrl ?? ''}`.trim());
    console.log(
      `В журнале ${countOf(unanalysed.length, RECORDS)} разговоров, которые okk ещё не проанализировал, например: ${examples.join('; ')}. ` +
        'Скачайте записи и выполните okk analyze ПАПКА_С_ЗАПИСЯМИ.',
    );
  }
}

function parseFormat(value: string): CallLogFormat {
  if (!(CALL_LOG_FORMATS as readonly string[]).includes(value) || value === 'mango-webhook') {
    throw new InvalidArgumentError(`известные форматы: ${CALL_LOG_FORMATS.filter((format) => format !== 'mango-webhook').join(', ')}`);
  }
  return value as CallLogFormat;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
