import path from 'node:path';

import type { CrmEvent, CrmEventType } from '../../data/index.ts';
import { foldValue } from '../../importers/shared/cell-text.ts';
import type { OutcomeImportResult } from '../../importers/outcomes/index.ts';
import {
  CLIENT_ALIASES,
  type ClientColumn,
  importOutcomeTable,
  type OutcomeContext,
  type OutcomeImportOptions,
  type OutcomeReader,
  type OutcomeRow,
  type OutcomeRowResult,
  readClient,
  readOutcomeDate,
} from '../../importers/outcomes/outcome-table.ts';
import { readTableFile } from '../../importers/shared/table-file.ts';

type CrmEventColumn = 'occurredAt' | 'type' | 'manager' | 'description' | ClientColumn;

/** Words of the «type» column, folded, by event type: CRM activity exports name types in either language. */
const TYPE_WORDS: Readonly<Record<CrmEventType, readonly string[]>> = {
  email: ['email', 'e-mail', 'e mail', 'письмо', 'почта', 'эл. почта', 'электронное письмо', 'mail', 'letter'],
  message: ['сообщение', 'sms', 'смс', 'whatsapp', 'telegram', 'мессенджер', 'чат', 'message', 'chat'],
  task: ['задача', 'задание', 'task', 'todo', 'дело'],
  meeting: ['встреча', 'meeting'],
  visit: ['визит', 'выезд', 'выезд мастера', 'доставка', 'visit', 'delivery'],
  call: ['звонок', 'call', 'phone call', 'телефонный звонок', 'исходящий звонок'],
  other: ['другое', 'прочее', 'other', 'комментарий', 'note', 'примечание'],
};

const READER: OutcomeReader<CrmEventColumn, CrmEvent> = {
  title: 'журнал событий CRM',
  aliases: {
    ...CLIENT_ALIASES,
    occurredAt: ['время', 'дата', 'дата и время', 'время события', 'дата события', 'дата выполнения', 'date', 'time', 'timestamp', 'created_at', 'completed_at', 'occurred_at'],
    type: ['тип', 'тип события', 'вид', 'тип дела', 'type', 'event type', 'activity type'],
    manager: ['менеджер', 'ответственный', 'сотрудник', 'автор', 'manager', 'responsible', 'owner', 'user'],
    description: ['описание', 'комментарий', 'тема', 'текст', 'description', 'subject', 'comment', 'text'],
  },
  required: [['occurredAt'], ['type'], ['clientPhone', 'clientId']],
  readRow: readEventRow,
};

function readEventRow(row: OutcomeRow<CrmEventColumn>, context: OutcomeContext): OutcomeRowResult<CrmEvent> {
  const occurredAt = readOutcomeDate(row, 'occurredAt', context);
  if (!occurredAt.ok) return occurredAt;
  if (/^\d{4}-\d{2}-\d{2}$/.test(occurredAt.value)) {
    return row.reject('occurredAt', `у события указана только дата «${row.get('occurredAt')}», а нужно и время: без него нельзя проверить срок обещания`);
  }
  const typeText = row.get('type');
  if (typeText === '') return row.reject('type', 'тип события не указан');
  const type = eventTypeOf(typeText);
  if (type === null) {
    const known = Object.values(TYPE_WORDS).map((words) => `«${words[1] ?? words[0] ?? ''}»`).join(', ');
    return row.reject('type', `тип «${typeText}» не распознан; известны ${known}`);
  }
  const client = readClient(row, context);
  if (!client.ok) return client;
  return {
    ok: true,
    record: {
      occurredAt: occurredAt.value,
      type,
      clientPhone: client.clientPhone,
      clientId: client.clientId,
      manager: row.get('manager') || null,
      description: row.get('description') || null,
      row: row.row.number,
    },
    notes: client.notes,
  };
}

export function eventTypeOf(text: string): CrmEventType | null {
  const value = foldValue(text);
  for (const [type, words] of Object.entries(TYPE_WORDS) as [CrmEventType, readonly string[]][]) {
    if (words.includes(value)) return type;
  }
  return null;
}

/**
 * Imports CRM events (e-mails, messages, tasks, meetings, visits, calls) from a CSV or XLSX export:
 * time, type, client phone or id, manager, description. They show whether a promised letter or visit
 * happened.
 */
export async function importCrmEventsFile(filePath: string, options: OutcomeImportOptions = {}): Promise<OutcomeImportResult<CrmEvent>> {
  const table = await readTableFile(filePath, {
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
  });
  return importOutcomeTable(table, path.basename(filePath), READER, options);
}
