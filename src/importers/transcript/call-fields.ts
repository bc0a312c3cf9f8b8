import { DateTime } from 'luxon';

import type { ClientInfo, Direction, ManagerInfo } from '../../core/model/transcript.ts';
import { foldText } from '../../core/text/normalize.ts';

// Field names of call exports from different systems, folded: lower case, without `_`, `-`, spaces
// and dots. Earlier names win, so a full name beats a short one.
export const CALL_FIELD_NAMES = {
  id: ['id', 'callid', 'uuid', 'externalid', 'recordid', 'conversationid', 'sessionid', 'идентификатор', 'idзвонка', 'номерзвонка', 'кодзвонка'],
  dialog: ['dialog', 'dialogue', 'transcript', 'transcription', 'text', 'диалог', 'текст', 'расшифровка', 'транскрипция', 'транскрипт', 'стенограмма', 'текстзвонка', 'текстдиалога'],
  startedAt: ['startedat', 'starttime', 'datetime', 'calldate', 'calldatetime', 'date', 'start', 'createdat', 'timestamp', 'датаивремя', 'датавремя', 'датазвонка', 'времязвонка', 'дата', 'началозвонка'],
  duration: ['durationsec', 'durationseconds', 'duration', 'billsec', 'talktime', 'length', 'длительность', 'длительностьсек', 'продолжительность', 'длительностьзвонка'],
  durationMs: ['durationms', 'durationmilliseconds'],
  direction: ['direction', 'calldirection', 'calltype', 'направление', 'типзвонка', 'тип'],
  manager: ['operatorfull', 'operatorfullname', 'managerfull', 'managerfullname', 'employeefullname', 'agentfullname', 'фиооператора', 'фиоменеджера', 'фиосотрудника', 'operator', 'manager', 'managername', 'operatorname', 'employee', 'employeename', 'agent', 'agentname', 'user', 'username', 'responsible', 'оператор', 'менеджер', 'сотрудник', 'ответственный', 'специалист', 'фио'],
  team: ['line', 'team', 'department', 'group', 'division', 'queue', 'линия', 'отдел', 'группа', 'команда', 'подразделение', 'очередь'],
  supervisor: ['head', 'supervisor', 'teamlead', 'lead', 'manageroftheteam', 'руководитель', 'начальник', 'супервайзер', 'супервизор', 'тимлид'],
  position: ['position', 'jobtitle', 'title', 'должность'],
  clientName: ['clientname', 'customername', 'contactname', 'client', 'customer', 'contact', 'фиоклиента', 'клиент', 'абонент', 'контакт'],
  clientPhone: ['clientphone', 'customerphone', 'phone', 'phonenumber', 'callerid', 'caller', 'number', 'телефон', 'телефонклиента', 'номертелефона', 'номерклиента'],
} as const;

export type CallField = keyof typeof CALL_FIELD_NAMES;

export function foldFieldName(name: string): string {
  return foldText(name).replace(/[\s_.-]/gu, '');
}

/** Returns the first present, non-empty value among a field's known names in a record. */
export function fieldValue(record: Record<string, unknown>, field: CallField): unknown {
  const byFolded = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    const folded = foldFieldName(key);
    if (!byFolded.has(folded)) {
      byFolded.set(folded, value);
    }
  }
  for (const name of CALL_FIELD_NAMES[field]) {
    const value = byFolded.get(name);
    if (value !== undefined && value !== null && value !== '') {
      return value;
    }
  }
  return undefined;
}

export function stringField(record: Record<string, unknown>, field: CallField): string | null {
  const value = fieldValue(record, field);
  if (typeof value === 'string') {
    return value.trim() === '' ? null : value.trim();
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return null;
}

/** Call length in seconds from `duration` (seconds, or `mm:ss`/`hh:mm:ss`) or `durationMs`. */
export function durationField(record: Record<string, unknown>): number | null {
  const seconds = fieldValue(record, 'duration');
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) {
    return seconds;
  }
  if (typeof seconds === 'string') {
    const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/u.exec(seconds.trim());
    if (clock !== null) {
      return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
    }
    const number = Number(seconds.replace(',', '.'));
    if (seconds.trim() !== '' && Number.isFinite(number) && number >= 0) {
      return number;
    }
  }
  const ms = fieldValue(record, 'durationMs');
  const msNumber = typeof ms === 'string' ? Number(ms) : ms;
  return typeof msNumber === 'number' && Number.isFinite(msNumber) && msNumber >= 0 ? msNumber / 1000 : null;
}

const INBOUND = ['входящий', 'входящая', 'вх', 'входящие', 'inbound', 'incoming', 'in', 'input'];
const OUTBOUND = ['исходящий', 'исходящая', 'исх', 'исходящие', 'outbound', 'outgoing', 'out', 'output'];

export function directionField(record: Record<string, unknown>): Direction | null {
  const value = stringField(record, 'direction');
  if (value === null) {
    return null;
  }
  const folded = foldText(value).replace(/[.\s]+$/u, '');
  if (INBOUND.includes(folded)) {
    return 'inbound';
  }
  return OUTBOUND.includes(folded) ? 'outbound' : null;
}

export function managerField(record: Record<string, unknown>): ManagerInfo | null {
  const name = personName(fieldValue(record, 'manager'));
  if (name === null) {
    return null;
  }
  return {
    name,
    team: stringField(record, 'team'),
    supervisor: stringField(record, 'supervisor'),
    position: stringField(record, 'position'),
  };
}

export function clientField(record: Record<string, unknown>): ClientInfo | null {
  const name = personName(fieldValue(record, 'clientName'));
  const phone = stringField(record, 'clientPhone');
  return name === null && phone === null ? null : { name, phone };
}

/** Reads a name from a string or from a nested `{ name | fullName | fio }` object. */
function personName(value: unknown): string | null {
  if (typeof value === 'string') {
    return value.trim() === '' ? null : value.trim();
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of ['fullName', 'full_name', 'name', 'fio', 'фио', 'имя']) {
      const nested = record[key];
      if (typeof nested === 'string' && nested.trim() !== '') {
        return nested.trim();
      }
    }
  }
  return null;
}

const DATE_FORMATS_WITHOUT_ZONE = ['dd.MM.yyyy HH:mm:ss', 'dd.MM.yyyy HH:mm', 'dd.MM.yyyy H:mm', 'yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd HH:mm:ss'];

/**
 * Reads the call's start as ISO 8601 with offset, or as a bare `YYYY-MM-DD` when the source has only a
 * date. A time without an offset is read in `timeZone`, and epoch numbers are seconds or milliseconds.
 */
export function startedAtField(record: Record<string, unknown>, timeZone: string): string | null {
  const value = fieldValue(record, 'startedAt');
  if (typeof value === 'number' && Number.isFinite(value)) {
    const millis = value > 1e12 ? value : value * 1000;
    return DateTime.fromMillis(millis, { zone: timeZone }).toISO({ suppressMilliseconds: true });
  }
  if (typeof value !== 'string') {
    return null;
  }
  return parseCallDate(value.trim(), timeZone);
}

export function parseCallDate(value: string, timeZone: string): string | null {
  const bareDate = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value) ?? /^(\d{2})\.(\d{2})\.(\d{4})$/u.exec(value);
  if (bareDate !== null) {
    const iso = value.includes('-') ? value : `${bareDate[3]}-${bareDate[2]}-${bareDate[1]}`;
    return DateTime.fromISO(iso).isValid ? iso : null;
  }
  const iso = DateTime.fromISO(value.replace(' ', 'T'), { zone: timeZone, setZone: true });
  if (iso.isValid) {
    return iso.toISO({ suppressMilliseconds: true });
  }
  for (const format of DATE_FORMATS_WITHOUT_ZONE) {
    const parsed = DateTime.fromFormat(value, format, { zone: timeZone });
    if (parsed.isValid) {
      return parsed.toISO({ suppressMilliseconds: true });
    }
  }
  return null;
}
