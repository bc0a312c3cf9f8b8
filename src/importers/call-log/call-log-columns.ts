import type { ColumnAliases } from '../shared/header-columns.ts';

/** Meaning of a call log column, whatever the export calls it. */
export type CallLogColumn =
  | 'id'
  | 'startedAt'
  | 'date'
  | 'time'
  | 'answerTime'
  | 'endTime'
  | 'direction'
  | 'status'
  | 'answered'
  | 'lost'
  | 'failedCode'
  | 'statusNote'
  | 'from'
  | 'to'
  | 'callerId'
  | 'fromExtension'
  | 'toExtension'
  | 'clientPhone'
  | 'lineNumber'
  | 'manager'
  | 'extension'
  | 'waitSec'
  | 'durationSec'
  | 'talkSec'
  | 'recording'
  | 'context'
  | 'lastApp'
  | 'channel'
  | 'dstChannel';

/**
 * Column names shared by many exports, Russian and English. A layout adds its own names, or gives a
 * common name another meaning, in its profile.
 */
export const COMMON_CALL_LOG_ALIASES: ColumnAliases<CallLogColumn> = {
  id: ['id', 'id звонка', 'id вызова', 'идентификатор', 'идентификатор звонка', 'call id', 'call_id', 'uniqueid', 'uuid', 'entry_id', 'id сессии'],
  startedAt: [
    'дата звонка', 'дата и время', 'дата и время звонка', 'время звонка', 'начало', 'начало звонка', 'дата начала',
    'время начала', 'start', 'start time', 'start_time', 'calldate', 'call date', 'datetime', 'date time',
  ],
  date: ['дата', 'date'],
  time: ['время', 'time'],
  answerTime: ['время ответа', 'answer', 'answer time', 'answer_time'],
  endTime: ['время окончания', 'окончание', 'окончание звонка', 'конец', 'end', 'end time', 'end_time', 'finish', 'finish_time'],
  direction: ['тип звонка', 'тип вызова', 'направление', 'направление звонка', 'тип', 'direction', 'call type', 'call_type', 'call_direction'],
  status: ['статус', 'статус звонка', 'состояние', 'результат', 'результат звонка', 'status', 'call status', 'disposition'],
  answered: ['отвечен', 'принят', 'отвеченный', 'answered', 'is_answered'],
  lost: ['потерянный', 'потерян', 'пропущен', 'is_lost', 'lost', 'missed'],
  statusNote: [],
  failedCode: ['код ошибки', 'код завершения', 'причина завершения', 'disconnect_reason', 'hangup_cause', 'finish_reason'],
  from: ['откуда', 'кто звонил', 'звонящий', 'номер звонящего', 'с номера', 'caller', 'from', 'from_number', 'src', 'source number'],
  to: ['куда', 'кому звонили', 'кому', 'вызываемый', 'вызываемый номер', 'на номер', 'набранный номер', 'called', 'to', 'to_number', 'dst', 'destination'],
  callerId: ['clid', 'caller id', 'callerid'],
  fromExtension: ['from_extension'],
  toExtension: ['to_extension'],
  clientPhone: [
    'номер клиента', 'телефон клиента', 'телефон', 'номер телефона', 'номер абонента', 'номер', 'phone', 'phone number',
    'phone_number', 'client phone', 'customer phone', 'contact_phone_number',
  ],
  lineNumber: ['линия', 'номер линии', 'виртуальный номер', 'номер компании', 'line', 'line_number', 'virtual_phone_number', 'did'],
  manager: ['сотрудник', 'ответственный', 'менеджер', 'оператор', 'пользователь', 'employee', 'manager', 'responsible', 'agent', 'operator', 'user'],
  extension: ['внутренний номер', 'внутренний', 'добавочный', 'добавочный номер', 'extension', 'ext', 'sip'],
  waitSec: ['ожидание', 'время ожидания', 'длительность ожидания', 'время до ответа', 'wait', 'wait time', 'wait_duration', 'ring time'],
  durationSec: ['длительность', 'общая длительность', 'продолжительность', 'длительность звонка', 'duration', 'total_duration', 'call duration'],
  talkSec: ['длительность разговора', 'время разговора', 'разговор', 'billsec', 'billseconds', 'talk time', 'talk_duration', 'talk duration'],
  recording: [
    'запись', 'запись разговора', 'запись звонка', 'ссылка на запись', 'файл записи', 'recording', 'record', 'record_url',
    'recording_url', 'recordingfile', 'link',
  ],
  context: ['dcontext', 'context'],
  lastApp: ['lastapp', 'last_app'],
  channel: ['channel', 'channel_name'],
  dstChannel: ['dstchannel', 'bridge_channel'],
};
