import { foldValue } from '../shared/cell-text.ts';
import type { CallLogDirection, CallLogStatus } from './call-log-record.ts';

/**
 * Status reduced to what okk needs: a conversation, a kind of failure, or `not_answered`. The last one
 * becomes `missed` or `no_answer` once the direction is known.
 */
export type StatusMeaning = CallLogStatus | 'not_answered';


const DIRECTION_WORDS: Readonly<Record<string, CallLogDirection>> = {
  in: 'inbound', inbound: 'inbound', incoming: 'inbound', input: 'inbound',
  out: 'outbound', outbound: 'outbound', outgoing: 'outbound', output: 'outbound',
  internal: 'internal', local: 'internal',
};

/**
 * Reads a direction cell. A layout's own codes come first. Russian exports add words («Входящий
 * звонок», «Исходящий (обратный звонок)»), so Russian stems are matched at the start of the value.
 */
export function directionOf(text: string, layoutValues: Readonly<Record<string, CallLogDirection>> = {}): CallLogDirection | null {
  const value = foldValue(text);
  const own = layoutValues[value] ?? DIRECTION_WORDS[value];
  if (own !== undefined) return own;
  if (/^(?:вх|входящ)/.test(value)) return 'inbound';
  if (/^(?:исх|исходящ|обратн)/.test(value)) return 'outbound';
  if (value.startsWith('внутр')) return 'internal';
  return null;
}

const STATUS_WORDS: Readonly<Record<string, StatusMeaning>> = {
  answered: 'answered', answer: 'answered', success: 'answered', successful: 'answered', ok: 'answered', connected: 'answered', completed: 'answered',
  отвечен: 'answered', отвеченный: 'answered', принят: 'answered', принятый: 'answered', успешный: 'answered', успешно: 'answered',
  'успешный звонок': 'answered', 'разговор состоялся': 'answered', состоялся: 'answered', 'был разговор': 'answered',
  missed: 'missed', lost: 'missed', abandoned: 'missed', пропущен: 'missed', пропущенный: 'missed', 'пропущенный звонок': 'missed',
  потерян: 'missed', потерянный: 'missed', 'не принят': 'missed',
  'no answer': 'not_answered', noanswer: 'not_answered', 'not answered': 'not_answered', unanswered: 'not_answered', cancel: 'not_answered',
  cancelled: 'not_answered', canceled: 'not_answered', 'нет ответа': 'not_answered', 'без ответа': 'not_answered', 'не отвечен': 'not_answered',
  неотвеченный: 'not_answered', 'не ответил': 'not_answered', 'не дозвонился': 'not_answered', недозвон: 'not_answered', 'нет на месте': 'not_answered',
  отменен: 'not_answered', 'отменен вызывающим': 'not_answered',
  busy: 'busy', занято: 'busy', занят: 'busy', 'номер занят': 'busy', 'абонент занят': 'busy',
  failed: 'failed', failure: 'failed', error: 'failed', congestion: 'failed', rejected: 'failed', declined: 'failed', unavailable: 'failed',
  ошибка: 'failed', неудачный: 'failed', 'не удался': 'failed', отклонен: 'failed', 'неверный номер': 'failed', недоступен: 'failed',
  'абонент недоступен': 'failed', 'нет денег': 'failed', 'no money': 'failed', 'unallocated number': 'failed',
  voicemail: 'voicemail', 'voice mail': 'voicemail', 'голосовая почта': 'voicemail', автоответчик: 'voicemail', 'оставил сообщение': 'voicemail',
};

/** Reads a status cell, trying a layout's own codes first. Returns null for an unlisted value. */
export function statusOf(text: string, layoutValues: Readonly<Record<string, StatusMeaning>> = {}): StatusMeaning | null {
  const value = foldValue(text);
  return layoutValues[value] ?? STATUS_WORDS[value] ?? null;
}

const YES = new Set(['да', 'yes', 'true', '1', 'y', 'д', '+', 'истина']);
const NO = new Set(['нет', 'no', 'false', '0', 'n', 'н', '-', 'ложь', '']);

/** Reads a yes/no cell («Да», `true`, `1`); null when it is neither. */
export function flagOf(text: string): boolean | null {
  const value = foldValue(text);
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return null;
}

/** Turns «not answered» into the status of that direction: a missed inbound call, an unanswered outbound one. */
export function statusForDirection(meaning: StatusMeaning, direction: CallLogDirection): CallLogStatus {
  if (meaning !== 'not_answered') {
    return meaning;
  }
  return direction === 'inbound' ? 'missed' : 'no_answer';
}
