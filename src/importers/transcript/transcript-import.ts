import { readFile } from 'node:fs/promises';

import type { SourceWarning, Transcript } from '../../core/model/transcript.ts';
import { digestBytes, stableCallId } from './call-identity.ts';
import { detectJsonImporter, detectTextImporter, importerFor } from './format-detection.ts';
import { importFailure, noSpeechWarning } from './import-messages.ts';
import type {
  CallDraft,
  ImportContext,
  ImporterResult,
  ImportFailure,
  ImportOptions,
  ImportOutcome,
  JsonImporter,
  TextImporter,
  TranscriptImporter,
} from './import-types.ts';
import { looksLikeJson, parseJsonDocument } from './json-source.ts';
import { parseLabeledText } from './labeled-text.importer.ts';
import { decodeTranscriptBytes } from './text-decoding.ts';
import { formatById, TRANSCRIPT_FORMATS } from './transcript-formats.ts';

const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/** Reads a transcript file. Bad input comes back as `{ ok: false }` with a Russian message, never as a throw. */
export async function importTranscriptFile(filePath: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'файл не найден.' : 'файл не удалось прочитать.';
    return { ok: false, error: importFailure('READ_FAILED', filePath, reason, 'Проверьте путь и права доступа.') };
  }
  return importTranscriptBytes(bytes, filePath, { ...options, source: options.source ?? filePath });
}

/**
 * Reads a transcript from bytes. `fileName` appears in messages only: the format is detected from the
 * content unless `options.format` sets it.
 */
export async function importTranscriptBytes(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  const decoded = decodeTranscriptBytes(bytes, fileName);
  if (!decoded.ok) {
    return decoded;
  }
  const context: ImportContext = {
    fileName,
    source: options.source ?? fileName,
    managerChannel: options.managerChannel ?? 0,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
  };

  const prepared = prepareInput(decoded.text, fileName, options);
  if (!prepared.ok) {
    return prepared;
  }
  const { importer } = prepared;
  const result: ImporterResult = prepared.kind === 'text' ? await prepared.importer.read(prepared.text, context) : await prepared.importer.read(prepared.value, context);
  if (!result.ok) {
    return result;
  }

  const family = formatById(importer.format).family;
  const digest = digestBytes(bytes);
  const transcripts = result.calls.map((draft, index) => finishTranscript(draft, index, importer, family, digest, context));
  return {
    ok: true,
    format: importer.format,
    transcripts,
    warnings: [...decoded.warnings, ...prepared.warnings, ...result.warnings],
  };
}

type PreparedInput =
  | { ok: true; kind: 'text'; importer: TextImporter; text: string; warnings: SourceWarning[] }
  | { ok: true; kind: 'json'; importer: JsonImporter; value: unknown; warnings: SourceWarning[] }
  | { ok: false; error: ImportFailure };

function prepareInput(text: string, fileName: string, options: ImportOptions): PreparedInput {
  const forced = options.format === undefined ? null : importerFor(options.format);
  const wantsJson = forced === null ? looksLikeJson(text) : forced.input === 'json';

  if (!wantsJson) {
    const importer = forced ?? detectTextImporter(text);
    if (importer === null) {
      return { ok: false, error: unknownFormat(fileName) };
    }
    if (importer.input !== 'text' || !importer.matches(text)) {
      return { ok: false, error: formatMismatch(fileName, importer) };
    }
    return { ok: true, kind: 'text', importer, text, warnings: [] };
  }

  if (forced !== null && !looksLikeJson(text)) {
    return { ok: false, error: formatMismatch(fileName, forced) };
  }
  const parsed = parseJsonDocument(text, fileName);
  if (!parsed.ok) {
    // Text that merely starts with a bracket, such as «[00:12] Менеджер: …», is not broken JSON.
    // Only role labels count: the loose one-turn-per-line reading would accept any broken JSON.
    if (forced === null && /^\s*\[/u.test(text) && parseLabeledText(text).labeled) {
      return { ok: true, kind: 'text', importer: importerFor('labeled-text') as TextImporter, text, warnings: [] };
    }
    return parsed;
  }
  const importer = forced ?? detectJsonImporter(parsed.value);
  if (importer === null) {
    return { ok: false, error: unknownJsonShape(fileName) };
  }
  if (importer.input !== 'json' || !importer.matches(parsed.value)) {
    return { ok: false, error: formatMismatch(fileName, importer) };
  }
  return { ok: true, kind: 'json', importer, value: parsed.value, warnings: parsed.warnings };
}

function finishTranscript(draft: CallDraft, index: number, importer: TranscriptImporter, family: string, digest: string, context: ImportContext): Transcript {
  const warnings = [...draft.warnings];
  if (draft.turns.length === 0 && !warnings.some((item) => item.code === 'NO_SPEECH')) {
    warnings.push(noSpeechWarning(context.fileName));
  }
  return {
    call: {
      id: stableCallId(family, draft.externalId, digest, index),
      externalId: draft.externalId,
      source: context.source,
      startedAt: draft.call?.startedAt ?? null,
      durationSec: draft.call?.durationSec ?? null,
      direction: draft.call?.direction ?? null,
      manager: draft.call?.manager ?? null,
      client: draft.call?.client ?? null,
    },
    turns: draft.turns,
    roles: draft.roles,
    format: importer.format,
    warnings,
  };
}

const FORMAT_LIST = TRANSCRIPT_FORMATS.map((format) => format.title).join('; ');

function unknownFormat(fileName: string): ImportFailure {
  return importFailure(
    'UNKNOWN_FORMAT',
    fileName,
    'формат не распознан: это не похоже на расшифровку звонка.',
    `Поддерживаются: ${FORMAT_LIST}. Если формат из этого списка, укажите его явно (--format).`,
  );
}

function unknownJsonShape(fileName: string): ImportFailure {
  return importFailure(
    'UNKNOWN_FORMAT',
    fileName,
    'JSON прочитан, но его структура не похожа ни на один известный формат расшифровки.',
    `Поддерживаются: ${FORMAT_LIST}. Если это выгрузка звонков, проверьте, что у записей есть поле с текстом диалога (dialog, transcript, text).`,
  );
}

function formatMismatch(fileName: string, importer: TranscriptImporter): ImportFailure {
  const title = formatById(importer.format).title;
  return importFailure(
    'FORMAT_MISMATCH',
    fileName,
    `содержимое не похоже на указанный формат «${title}».`,
    'Проверьте параметр --format или уберите его, чтобы формат определился автоматически.',
  );
}
