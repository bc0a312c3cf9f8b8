import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';

import { createRecognizerFromConfig } from '../../asr/create-recognizer.ts';
import type { Evaluation } from '../../core/model/evaluation.ts';
import type { Database } from '../../data/index.ts';
import { isTranscriptFormatId, TRANSCRIPT_FORMATS } from '../../importers/transcript/index.ts';
import type { TranscriptFormatId } from '../../importers/transcript/index.ts';
import { CallAnalyzer } from '../../services/analysis/call-analyzer.ts';
import type { AnalyzeFileOptions, FileResult } from '../../services/analysis/call-analyzer.ts';
import { collectInputFiles } from '../../services/analysis/file-collector.ts';
import { loadAudioSettings } from '../../services/analysis/manager-channel.ts';
import { resolveActiveChecklist } from '../../services/checklists/active-checklist.ts';
import { loadMorphology } from '../../text/az-morphology.ts';
import { queueAlertPassForCalls } from '../alert-pass.ts';
import { renderCallTable, renderManagerTable } from '../analyze-output.ts';
import { createCliRuntime, describeDatabase, openConfiguredDatabase } from '../cli-runtime.ts';
import { EXIT } from '../exit-codes.ts';
import { ProgressLine } from '../progress-line.ts';

interface AnalyzeFlags {
  json?: boolean;
  format?: TranscriptFormatId;
  managerChannel?: 0 | 1;
  rawFormat?: string;
  checklist?: string;
  database?: string;
  timeZone?: string;
  save: boolean;
}


export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('проанализировать звонки: записи и расшифровки (файлы и папки, включая вложенные)')
    .argument('<пути...>', 'файлы или папки с записями звонков и расшифровками')
    .option('--json', 'печатать по одной оценке звонка в формате JSON на строку вместо таблиц')
    .option('--format <формат>', `формат расшифровок вместо автоматического определения: ${TRANSCRIPT_FORMATS.map((format) => format.id).join(', ')}`, parseFormat)
    .option('--manager-channel <канал>', 'канал менеджера в стереозаписях и расшифровках по каналам: 0 (первый, по умолчанию) или 1', parseChannel)
    .option('--raw-format <формат>', 'формат записей без заголовка: кодек:частота[:каналы], например alaw:8000:1')
    .option('--checklist <файл>', 'чек-лист в формате JSON вместо действующего')
    .option('--database <адрес>', 'база данных: sqlite:ПУТЬ или postgres://… (по умолчанию из настроек)')
    .option('--time-zone <зона>', 'часовой пояс звонков без указания зоны, например Europe/Moscow')
    .option('--no-save', 'не сохранять результаты в базу данных')
    .action(async (paths: string[], flags: AnalyzeFlags) => {
      process.exitCode = await runAnalyze(paths, flags);
    });
}

async function runAnalyze(paths: string[], flags: AnalyzeFlags): Promise<number> {
  const runtime = createCliRuntime({ databaseUrl: flags.database, timeZone: flags.timeZone });
  const { config, logger } = runtime;

  // Read first, so that a mistake in the rules stops the run before any file is analysed.
  const { managerChannelRules } = loadAudioSettings(config);
  const inputs = await collectInputFiles(paths);
  for (const missing of inputs.missing) {
    console.error(`✗ ${missing.path}: ${missing.message}`);
  }
  if (inputs.skipped.length > 0) {
    const names = inputs.skipped.slice(0, 5).map((file) => path.basename(file)).join(', ');
    const more = inputs.skipped.length > 5 ? ` и ещё ${inputs.skipped.length - 5}` : '';
    console.error(`Пропущены файлы, не похожие на записи или расшифровки (${inputs.skipped.length}): ${names}${more}.`);
  }
  if (inputs.files.length === 0) {
    const named = paths.map((given) => `«${given}»`).join(', ');
    console.error(
      `Нет файлов для анализа в ${named}: okk читает записи звонков (.wav, .mp3, .ogg и другие) и расшифровки (.txt, .json, .srt и другие), в папках — и во вложенных.`,
    );
    printSummary([], inputs.missing.length, flags, null, config.timeZone, config.databaseUrl);
    return EXIT.usage;
  }

  const database = flags.save ? await openConfiguredDatabase(runtime) : null;
  const analyzer = new CallAnalyzer({
    morphology: await loadMorphology(),
    checklist: await resolveActiveChecklist(database, flags.checklist === undefined ? null : path.resolve(flags.checklist)),
    timeZone: config.timeZone,
    database,
    recognizer: () => createRecognizerFromConfig(config, logger),
    logger,
    managerChannelRules,
  });

  const progress = new ProgressLine();
  const results: FileResult[] = [];
  let alertLine: string | null = null;
  try {
    for (const [index, file] of inputs.files.entries()) {
      progress.update(`Анализ: ${index + 1} из ${inputs.files.length} — ${path.basename(file.path)}`);
      const result = await analyzer.analyzeFile(file, analyzeOptions(flags));
      progress.clear();
      reportFile(result, flags.json === true);
      results.push(result);
    }
    if (database !== null) {
      const storedIds = results.flatMap((result) => (result.ok ? result.calls.map((call) => call.transcript.call.id) : []));
      alertLine = await queueAlertPassForCalls(database, config, logger, storedIds);
    }
  } finally {
    progress.clear();
    await analyzer.close();
    await database?.close();
  }

  printSummary(results, inputs.missing.length, flags, database, config.timeZone, config.databaseUrl);
  if (alertLine !== null) {
    console.error(alertLine);
  }
  const failed = results.filter((result) => !result.ok).length + inputs.missing.length;
  return failed > 0 ? EXIT.failures : EXIT.ok;
}

function analyzeOptions(flags: AnalyzeFlags): AnalyzeFileOptions {
  return {
    ...(flags.format === undefined ? {} : { format: flags.format }),
    ...(flags.managerChannel === undefined ? {} : { managerChannel: flags.managerChannel }),
    ...(flags.rawFormat === undefined ? {} : { rawFormat: flags.rawFormat }),
  };
}

/** Prints a file's problems as they happen; with `--json`, also its evaluations, one per line. */
function reportFile(result: FileResult, json: boolean): void {
  if (!result.ok) {
    console.error(`✗ ${result.message}`);
    return;
  }
  for (const warning of result.warnings) {
    console.error(`! ${warningLine(result.path, warning)}`);
  }
  if (json) {
    for (const call of result.calls) {
      process.stdout.write(`${JSON.stringify(call.evaluation)}\n`);
    }
  }
}

/**
 * Names the file once: transcript importers already name it in «…», other warnings get its name in
 * front. A warning that starts with a capitalised word continues the line in lower case after the colon.
 */
function warningLine(filePath: string, warning: string): string {
  if (warning.includes(`«${filePath}»`) || warning.includes(`«${path.basename(filePath)}»`)) {
    return warning;
  }
  const continued = /^\p{Lu}\p{Ll}/u.test(warning) ? `${warning.charAt(0).toLowerCase()}${warning.slice(1)}` : warning;
  return `${path.basename(filePath)}: ${continued}`;
}

function printSummary(results: readonly FileResult[], missing: number, flags: AnalyzeFlags, database: Database | null, timeZone: string, databaseUrl: string): void {
  const evaluations: Evaluation[] = results.flatMap((result) => (result.ok ? result.calls.map((call) => call.evaluation) : []));
  const analysedFiles = results.filter((result) => result.ok).length;
  const failedFiles = results.length - analysedFiles + missing;

  if (flags.json !== true && evaluations.length > 0) {
    console.log(renderCallTable(evaluations, timeZone));
    console.log('\nИтоги по менеджерам');
    console.log(renderManagerTable(evaluations));
    if (evaluations.some((evaluation) => !evaluation.transcript.complete && !evaluation.transcript.noSpeech)) {
      console.log('* расшифровка неполная: критерии, которые по ней нельзя проверить, не оценивались');
    }
  }

  const stored = database === null ? 'Результаты не сохранялись.' : `Результаты сохранены: ${describeDatabase(databaseUrl)}.`;
  const closing = `Готово. Проанализировано звонков: ${evaluations.length}, файлов: ${analysedFiles}. Файлов с ошибками: ${failedFiles}. ${stored}`;
  // With --json, stdout carries only JSON lines; the closing line goes to stderr.
  if (flags.json === true) {
    console.error(closing);
  } else {
    console.log(closing);
  }
}

function parseFormat(value: string): TranscriptFormatId {
  if (!isTranscriptFormatId(value)) {
    throw new InvalidArgumentError(`известные форматы: ${TRANSCRIPT_FORMATS.map((format) => format.id).join(', ')}`);
  }
  return value;
}

function parseChannel(value: string): 0 | 1 {
  if (value === '0') {
    return 0;
  }
  if (value === '1') {
    return 1;
  }
  throw new InvalidArgumentError('укажите 0 или 1');
}
