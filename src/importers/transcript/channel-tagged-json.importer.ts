import type { SourceWarning } from '../../core/model/transcript.ts';
import {
  clientField,
  directionField,
  durationField,
  fieldValue,
  foldFieldName,
  managerField,
  startedAtField,
  stringField,
} from './call-fields.ts';
import { CHANNEL_ROLES, hasChannelTags, parseChannelTaggedDialog } from './channel-tagged.importer.ts';
import { importFailure, plural, warning } from './import-messages.ts';
import type { CallDraft, ImportContext, ImporterResult, JsonImporter } from './import-types.ts';
import { parseLabeledText } from './labeled-text.importer.ts';
import { truncationWarnings } from './truncation-signs.ts';

// Properties under which exports put their list of calls: `{ "calls": [...] }`.
const LIST_PROPERTIES = ['calls', 'items', 'data', 'records', 'rows', 'results', 'result', 'звонки', 'записи'];

type CallRecord = Record<string, unknown>;

/**
 * Reads a JSON export of calls: an array (or `{ calls: [...] }`, or one object) of records with the
 * dialog text and call data. The dialog is channel-tagged (`<in>`/`<out>`) or labelled plain text.
 * Field names are matched loosely, in English and Russian (`operatorFull`, `manager`, `оператор` …).
 * A broken record is skipped with a warning; the others are read.
 */
export const channelTaggedJsonImporter: JsonImporter = {
  format: 'channel-tagged-json',
  input: 'json',
  matches(value) {
    const records = callRecords(value);
    return records?.some((record) => isRecord(record) && typeof fieldValue(record, 'dialog') === 'string') ?? false;
  },
  read(value, context) {
    const records = callRecords(value) ?? [];
    return readRecords(records, context);
  },
};

function readRecords(records: readonly unknown[], context: ImportContext): ImporterResult {
  const calls: CallDraft[] = [];
  const warnings: SourceWarning[] = [];
  records.forEach((record, index) => {
    const read = readRecord(record, index, context);
    if ('skipped' in read) {
      warnings.push(warning('CALL_SKIPPED', `Файл «${context.fileName}», ${read.label}: ${read.skipped} Запись пропущена.`));
      return;
    }
    calls.push(read);
  });

  if (calls.length === 0) {
    const reasons = warnings.slice(0, 3).map((item) => item.message).join(' ');
    return {
      ok: false,
      error: importFailure(
        'NO_CALLS',
        context.fileName,
        `нет ни одного звонка с текстом диалога (${records.length} ${plural(records.length, 'запись', 'записи', 'записей')}).`,
        `Проверьте, что у звонков заполнено поле с текстом (dialog, transcript, text или «текст»). ${reasons}`.trim(),
      ),
    };
  }
  return { ok: true, calls, warnings };
}

function readRecord(record: unknown, index: number, context: ImportContext): CallDraft | { skipped: string; label: string } {
  const position = `запись №${index + 1}`;
  if (!isRecord(record)) {
    return { skipped: 'это не объект звонка.', label: position };
  }
  const externalId = stringField(record, 'id');
  const label = externalId === null ? position : `${position} (id ${externalId})`;
  const dialog = fieldValue(record, 'dialog');
  if (typeof dialog !== 'string') {
    return { skipped: dialog === undefined ? 'нет текста диалога.' : 'текст диалога не строка.', label };
  }

  const parsed = hasChannelTags(dialog) ? { turns: parseChannelTaggedDialog(dialog), roles: CHANNEL_ROLES } : parseLabeledText(dialog);
  if (parsed.turns.length === 0) {
    return { skipped: 'текст диалога пустой.', label };
  }
  const durationSec = durationField(record);
  return {
    externalId,
    turns: parsed.turns,
    roles: parsed.roles,
    call: {
      startedAt: startedAtField(record, context.timeZone),
      durationSec,
      direction: directionField(record),
      manager: managerField(record),
      client: clientField(record),
    },
    warnings: truncationWarnings(dialog, context.fileName, label),
  };
}

/** Finds the list of call records in a parsed export, or returns null when the value has none. */
function callRecords(value: unknown): readonly unknown[] | null {
  if (Array.isArray(value)) {
    return value as unknown[];
  }
  if (!isRecord(value)) {
    return null;
  }
  if (typeof fieldValue(value, 'dialog') === 'string') {
    return [value];
  }
  for (const [key, nested] of Object.entries(value)) {
    if (LIST_PROPERTIES.includes(foldFieldName(key)) && Array.isArray(nested)) {
      return nested as unknown[];
    }
  }
  return null;
}

function isRecord(value: unknown): value is CallRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
