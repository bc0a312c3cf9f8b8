import type { ColumnAliases } from '../shared/header-columns.ts';
import type { CallLogColumn } from './call-log-columns.ts';
import type { CallLogDirection, CallLogFormat } from './call-log-record.ts';
import type { StatusMeaning } from './call-log-values.ts';

/** A file layout without a header row, recognised by the shape of its rows. */
export interface HeaderlessLayout {
  /** Field names in file order, as the source documents them; they name columns in messages. */
  fields: readonly string[];
  /** Column of each field, or null for a field okk does not use. */
  columns: readonly (CallLogColumn | null)[];
  /** The row counts lay out this way. */
  matches(cells: readonly string[]): boolean;
}

/** Layout of one source system's call log export: column names, signature headers, value codes. */
export interface CallLogProfile {
  format: CallLogFormat;
  /** Russian name of the system, for messages and docs. */
  title: string;
  /** Column names of this layout; they take precedence over the common names. */
  aliases: ColumnAliases<CallLogColumn>;
  /** Headers (as written, any case) that only this layout has; each one found counts toward detection. */
  signature: readonly string[];
  headerless?: readonly HeaderlessLayout[];
  directionValues?: Readonly<Record<string, CallLogDirection>>;
  statusValues?: Readonly<Record<string, StatusMeaning>>;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DATE_TIME_OR_EMPTY = /^(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})?$/;
const UNIX_SECONDS = /^\d{9,10}$/;
const ASTERISK_DISPOSITIONS = new Set(['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION']);

/**
 * Asterisk `cdr_csv` writes Master.csv with no header in this order (Asterisk source `cdr/cdr_csv.c`);
 * `uniqueid` and `userfield` are added when `loguniqueid` and `loguserfield` are on.
 */
const ASTERISK_FIELDS = [
  'accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata',
  'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield',
] as const;
const ASTERISK_COLUMNS: (CallLogColumn | null)[] = [
  null, 'from', 'to', 'context', 'callerId', 'channel', 'dstChannel', 'lastApp', null,
  'startedAt', 'answerTime', 'endTime', 'durationSec', 'talkSec', 'status', null, 'id', 'recording',
];

const ASTERISK: CallLogProfile = {
  format: 'asterisk',
  title: 'Asterisk / FreePBX',
  aliases: { startedAt: ['calldate', 'start'], status: ['disposition'], talkSec: ['billsec'], recording: ['recordingfile'] },
  signature: ['dcontext', 'dstchannel', 'lastapp', 'billsec', 'disposition', 'amaflags'],
  headerless: [16, 17, 18].map((count) => ({
    fields: ASTERISK_FIELDS.slice(0, count),
    columns: ASTERISK_COLUMNS.slice(0, count),
    matches: (cells: readonly string[]) =>
      cells.length === count && DATE_TIME.test(cells[9] ?? '') && ASTERISK_DISPOSITIONS.has(cells[14] ?? '') && /^\d+$/.test(cells[13] ?? ''),
  })),
};

/**
 * FreeSWITCH `mod_cdr_csv` ships the `example` template (15 fields) as the default and a 13-field
 * built-in default; both start with the same fields (FreeSWITCH `conf/vanilla/autoload_configs/cdr_csv.conf.xml`).
 */
const FREESWITCH_FIELDS = [
  'caller_id_name', 'caller_id_number', 'destination_number', 'context', 'start_stamp', 'answer_stamp', 'end_stamp',
  'duration', 'billsec', 'hangup_cause', 'uuid', 'bleg_uuid', 'accountcode', 'read_codec', 'write_codec',
] as const;
const FREESWITCH_COLUMNS: (CallLogColumn | null)[] = [
  'callerId', 'from', 'to', 'context', 'startedAt', 'answerTime', 'endTime',
  'durationSec', 'talkSec', 'failedCode', 'id', null, null, null, null,
];

const FREESWITCH: CallLogProfile = {
  format: 'freeswitch',
  title: 'FreeSWITCH',
  aliases: {
    callerId: ['caller_id_name'], from: ['caller_id_number'], to: ['destination_number'], startedAt: ['start_stamp'],
    answerTime: ['answer_stamp'], endTime: ['end_stamp'], failedCode: ['hangup_cause'], id: ['uuid'],
  },
  signature: ['caller_id_number', 'destination_number', 'start_stamp', 'answer_stamp', 'hangup_cause', 'bleg_uuid'],
  // Q.850 hangup causes. NORMAL_CLEARING with no answer time is a call the caller gave up on.
  statusValues: {
    'normal clearing': 'not_answered', 'user busy': 'busy', 'no answer': 'not_answered', 'no user response': 'not_answered',
    'originator cancel': 'not_answered', 'allotted timeout': 'not_answered', 'call rejected': 'not_answered',
    'unallocated number': 'failed', 'normal temporary failure': 'failed', 'recovery on timer expire': 'failed',
    'destination out of order': 'failed', 'no route destination': 'failed', 'incompatible destination': 'failed',
  },
  headerless: [13, 15].map((count) => ({
    fields: FREESWITCH_FIELDS.slice(0, count),
    columns: FREESWITCH_COLUMNS.slice(0, count),
    matches: (cells: readonly string[]) =>
      cells.length === count && DATE_TIME.test(cells[4] ?? '') && DATE_TIME_OR_EMPTY.test(cells[5] ?? '') && /^[A-Z_]+$/.test(cells[9] ?? ''),
  })),
};

/**
 * Mango Office statistics from the API (`vpbx/stats/request`, then `stats/result`): no header, `;`
 * between fields, times as Unix seconds, `answer` 0 for a call that was not answered. The default field list has
 * 11 fields; `create` and `entry_id` are added when requested.
 */
const MANGO_STATS_FIELDS = [
  'records', 'start', 'finish', 'answer', 'from_extension', 'from_number', 'to_extension', 'to_number',
  'disconnect_reason', 'line_number', 'location', 'create', 'entry_id',
] as const;
const MANGO_STATS_COLUMNS: (CallLogColumn | null)[] = [
  'recording', 'startedAt', 'endTime', 'answerTime', 'fromExtension', 'from', 'toExtension', 'to',
  'statusNote', 'lineNumber', null, null, 'id',
];

const MANGO_STATS: CallLogProfile = {
  format: 'mango-stats',
  title: 'Mango Office (статистика из API)',
  aliases: {
    recording: ['records'], startedAt: ['start'], endTime: ['finish'], answerTime: ['answer'],
    from: ['from_number'], to: ['to_number'], id: ['entry_id'], statusNote: ['disconnect_reason'],
  },
  signature: ['from_extension', 'to_extension', 'disconnect_reason', 'records'],
  headerless: [11, 13].map((count) => ({
    fields: MANGO_STATS_FIELDS.slice(0, count),
    columns: MANGO_STATS_COLUMNS.slice(0, count),
    matches: (cells: readonly string[]) =>
      cells.length === count && UNIX_SECONDS.test(cells[1] ?? '') && UNIX_SECONDS.test(cells[2] ?? '') && /^\d+$/.test(cells[3] ?? ''),
  })),
};

/** Mango Office «Статистика вызовов» saved to a file from the web account. NOTE: layout inferred, not documented. */
const MANGO: CallLogProfile = {
  format: 'mango',
  title: 'Mango Office',
  aliases: { manager: ['сотрудник', 'абонент'], waitSec: ['время ожидания', 'ожидание'], id: ['id вызова', 'идентификатор вызова'] },
  signature: ['тип вызова', 'id вызова', 'идентификатор вызова', 'кто звонил', 'кому звонили'],
};

/** UIS and CoMagic: the Data API `get.calls_report` fields as columns, or the web report in Russian. */
const UIS: CallLogProfile = {
  format: 'uis',
  title: 'UIS / CoMagic',
  aliases: {
    id: ['id', 'id сессии', 'id сессии звонка'], lost: ['is_lost', 'потерянный'], clientPhone: ['contact_phone_number', 'номер абонента'],
    lineNumber: ['virtual_phone_number', 'виртуальный номер'], manager: ['employees', 'employee_full_name', 'сотрудники'],
    recording: ['call_records', 'записи разговоров'], talkSec: ['talk_duration', 'длительность разговора'],
    waitSec: ['wait_duration', 'время ожидания'], durationSec: ['total_duration', 'общая длительность'],
  },
  signature: ['is_lost', 'contact_phone_number', 'virtual_phone_number', 'talk_duration', 'wait_duration', 'finish_reason', 'id сессии', 'потерянный', 'виртуальный номер'],
  // finish_reason values that settle the outcome on their own. The other values name who hung up.
  statusValues: { 'subscriber busy': 'busy', 'subscriber not responsible': 'not_answered', 'subscriber number problems': 'failed' },
};

/** Zadarma statistics (`/v1/statistics/pbx/` fields) or the web account's export. */
const ZADARMA: CallLogProfile = {
  format: 'zadarma',
  title: 'Zadarma',
  aliases: {
    id: ['call_id', 'pbx_call_id'], startedAt: ['callstart'], from: ['clid', 'откуда'], to: ['destination', 'куда'],
    extension: ['sip', 'внутренний номер'], durationSec: ['seconds'], recording: ['call_id_with_rec'],
  },
  signature: ['callstart', 'clid', 'is_recorded', 'pbx_call_id', 'seconds', 'откуда', 'куда'],
  statusValues: {
    'no money': 'failed', 'unallocated number': 'failed', 'no limit': 'failed', 'no day limit': 'failed',
    'line limit': 'failed', 'no money, no limit': 'failed',
  },
};

/** Beeline «Облачная АТС»: the record fields of its API, or the Russian web export. NOTE: the web layout is inferred. */
const BEELINE: CallLogProfile = {
  format: 'beeline',
  title: 'Билайн Бизнес (Облачная АТС)',
  aliases: {
    id: ['callid', 'id'], startedAt: ['date'], clientPhone: ['phone'], extension: ['abonent.extension', 'extension'],
    manager: ['abonent', 'абонент'],
    // The API lists recorded calls, and `duration` is the length of the recording.
    talkSec: ['duration'],
  },
  signature: ['callid', 'externalid', 'abonent', 'abonent.extension', 'filesize', 'абонент'],
  directionValues: { inbound: 'inbound', outbound: 'outbound', incoming: 'inbound', outgoing: 'outbound' },
};

/** Bitrix24 telephony: `voximplant.statistic.get` fields, or «Детализация звонков» saved to a file. */
const BITRIX24: CallLogProfile = {
  format: 'bitrix24',
  title: 'Битрикс24',
  aliases: {
    id: ['call_id'], startedAt: ['call_start_date', 'дата звонка'], direction: ['call_type', 'тип звонка'],
    clientPhone: ['phone_number', 'номер'], lineNumber: ['portal_number', 'номер портала'],
    manager: ['portal_user_id', 'portal_user', 'сотрудник'], talkSec: ['call_duration', 'длительность'], failedCode: ['call_failed_code', 'код статуса'],
    status: ['call_failed_reason', 'статус'], recording: ['call_record_url', 'запись'],
  },
  signature: ['call_type', 'call_start_date', 'call_failed_code', 'portal_user_id', 'portal_number', 'call_record_url', 'стоимость', 'оценка'],
  // CALL_TYPE: 1 outgoing, 2 incoming, 3 incoming redirected, 4 callback (the portal dials the client).
  directionValues: { '1': 'outbound', '2': 'inbound', '3': 'inbound', '4': 'outbound' },
  // CALL_FAILED_CODE follows SIP response codes.
  statusValues: {
    '200': 'answered', '304': 'not_answered', '603': 'not_answered', '486': 'busy', '480': 'not_answered',
    '403': 'failed', '404': 'failed', '484': 'failed', '503': 'failed', '402': 'failed', '423': 'failed',
  },
};

/** amoCRM (Kommo) calls: the `/api/v4/calls` fields, or a Russian list of call events. */
const AMOCRM: CallLogProfile = {
  format: 'amocrm',
  title: 'amoCRM',
  aliases: {
    id: ['uniq'], startedAt: ['created_at', 'дата создания'], status: ['call_status', 'статус звонка'],
    clientPhone: ['phone', 'номер клиента'], manager: ['responsible_user_id', 'responsible_user', 'ответственный'],
    recording: ['link', 'ссылка на запись'], talkSec: ['duration', 'длительность'],
  },
  signature: ['uniq', 'call_status', 'call_result', 'responsible_user_id', 'created_by', 'результат звонка'],
  // call_status: 1 left a message, 2 call back later, 3 not there, 4 talked, 5 wrong number, 6 no answer, 7 busy.
  statusValues: {
    '1': 'voicemail', '2': 'answered', '3': 'not_answered', '4': 'answered', '5': 'failed', '6': 'not_answered', '7': 'busy',
  },
  directionValues: { 'входящий звонок': 'inbound', 'исходящий звонок': 'outbound' },
};

/** Any table with recognisable Russian or English columns; used when no system's layout is recognised. */
export const GENERIC_PROFILE: CallLogProfile = {
  format: 'generic',
  title: 'таблица звонков',
  aliases: {},
  signature: [],
};

export const CALL_LOG_PROFILES: readonly CallLogProfile[] = [ASTERISK, FREESWITCH, MANGO_STATS, MANGO, UIS, ZADARMA, BEELINE, BITRIX24, AMOCRM, GENERIC_PROFILE];

export function profileOf(format: CallLogFormat): CallLogProfile | undefined {
  return CALL_LOG_PROFILES.find((profile) => profile.format === format);
}
