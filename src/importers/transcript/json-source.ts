import { visit } from 'jsonc-parser';

import type { SourceWarning } from '../../core/model/transcript.ts';
import { importFailure, warning } from './import-messages.ts';
import type { ImportFailure } from './import-types.ts';

export type JsonParseResult =
  | { ok: true; value: unknown; lines: 'single' | 'ndjson'; warnings: SourceWarning[] }
  | { ok: false; error: ImportFailure };

/** Checks whether text looks like JSON or NDJSON rather than prose: it opens with `{` or `[`. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/u.test(text);
}

/**
 * Parses a JSON document or an NDJSON stream (one JSON object per line, as Yandex SpeechKit v3 and
 * Deepgram streaming write). An NDJSON stream arrives as an array of its lines' values. Broken JSON is
 * reported with its line and column. An array cut off at the end (an interrupted export) keeps its
 * complete elements, with a warning.
 */
export function parseJsonDocument(text: string, fileName: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown, lines: 'single', warnings: [] };
  } catch {
    // Not one JSON document: an NDJSON stream, or broken.
  }

  const stream = parseNdjson(text, fileName);
  if (stream !== null) {
    return stream;
  }
  return locateJsonError(text, fileName);
}

function parseNdjson(text: string, fileName: string): JsonParseResult | null {
  const lines = text.split(/\r?\n/u).map((line, index) => ({ line: line.trim(), number: index + 1 })).filter(({ line }) => line !== '');
  if (lines.length < 2 || !lines.every(({ line }) => line.startsWith('{'))) {
    return null;
  }
  const values: unknown[] = [];
  for (const [position, { line, number }] of lines.entries()) {
    try {
      values.push(JSON.parse(line));
    } catch {
      const isLast = position === lines.length - 1;
      if (!isLast || values.length === 0) {
        return {
          ok: false,
          error: importFailure('INVALID_JSON', fileName, `строка ${number} не является правильным JSON.`, 'Исправьте или удалите эту строку и загрузите файл снова.'),
        };
      }
      const message = `Файл «${fileName}»: последняя строка (${number}) оборвана и пропущена; прочитаны первые ${values.length} строк. Проверьте, что выгрузка завершилась.`;
      return { ok: true, value: values, lines: 'ndjson', warnings: [warning('TRUNCATED_FILE', message)] };
    }
  }
  return { ok: true, value: values, lines: 'ndjson', warnings: [] };
}

function locateJsonError(text: string, fileName: string): JsonParseResult {
  const scan = scanJson(text);
  const offset = scan.errors[0]?.offset ?? 0;
  const { line, column } = lineAndColumn(text, offset);
  const truncated = isCutOff(scan.errors, text.trimEnd().length);

  if (!truncated) {
    return {
      ok: false,
      error: importFailure('INVALID_JSON', fileName, `JSON повреждён: ошибка в строке ${line}, столбце ${column}.`, 'Исправьте файл (например, выгрузите его заново) и загрузите снова.'),
    };
  }

  const endLine = lineAndColumn(text, text.trimEnd().length).line;
  const recovered = recoverArrayPrefix(text, scan.completeElementEnds);
  if (recovered !== null && recovered.length > 0) {
    const message = `Файл «${fileName}» обрывается на строке ${endLine}: JSON не закончен. Прочитаны ${recovered.length} полных записей до обрыва, оборванная запись пропущена. Выгрузите файл заново, чтобы получить все звонки.`;
    return { ok: true, value: recovered, lines: 'single', warnings: [warning('TRUNCATED_FILE', message)] };
  }
  return {
    ok: false,
    error: importFailure('TRUNCATED_JSON', fileName, `файл обрывается на строке ${endLine}: JSON не закончен, полных записей в нём нет.`, 'Выгрузите файл заново целиком.'),
  };
}

// jsonc-parser's code for a string that the end of the text (or of its line) cut off.
const UNEXPECTED_END_OF_STRING = 12;

/**
 * Checks that every parse error sits at the end of the text, as in a cut-off file. A string cut off
 * mid-way is reported where it starts, so the first error may be earlier if it is that one.
 */
function isCutOff(errors: readonly { code: number; offset: number }[], textEnd: number): boolean {
  return errors.length > 0 && errors.every((error, i) => error.offset >= textEnd || (i === 0 && error.code === UNEXPECTED_END_OF_STRING));
}

interface JsonScan {
  errors: { code: number; offset: number }[];
  /** End offsets of the complete elements of a top-level array, before the first error. */
  completeElementEnds: number[];
}

function scanJson(text: string): JsonScan {
  let depth = 0;
  let topIsArray = false;
  const errors: JsonScan['errors'] = [];
  const completeElementEnds: number[] = [];
  const closeElement = (offset: number, length: number): void => {
    depth--;
    // A zero-length close is the parser giving up at the end of the text, not a real bracket.
    if (depth === 1 && topIsArray && length > 0 && errors.length === 0) {
      completeElementEnds.push(offset + length);
    }
  };
  visit(text, {
    onArrayBegin: () => {
      if (depth === 0) {
        topIsArray = true;
      }
      depth++;
    },
    onObjectBegin: () => {
      depth++;
    },
    onObjectEnd: closeElement,
    onArrayEnd: closeElement,
    onError: (code, offset) => {
      errors.push({ code, offset });
    },
  }, { disallowComments: true });
  return { errors, completeElementEnds };
}

function recoverArrayPrefix(text: string, ends: readonly number[]): unknown[] | null {
  const end = ends.at(-1);
  if (end === undefined) {
    return null;
  }
  try {
    const value: unknown = JSON.parse(`${text.slice(0, end)}]`);
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}
