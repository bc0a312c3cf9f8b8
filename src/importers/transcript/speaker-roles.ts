import type { Role } from '../../core/model/transcript.ts';
import { foldText } from '../../core/text/normalize.ts';

// Labels that name a party in Russian transcripts and scripts, folded (lower case, «ё» → «е»).
const MANAGER_LABELS = [
  'менеджер', 'оператор', 'специалист', 'сотрудник', 'консультант', 'агент', 'продавец', 'администратор',
  'сотрудник банка', 'сотрудник компании', 'колл-центр', 'контакт-центр', 'ведущий специалист', 'старший специалист',
  'manager', 'operator', 'agent', 'employee', 'sales', 'support', 'rep', 'representative',
];
const CLIENT_LABELS = [
  'клиент', 'абонент', 'покупатель', 'заказчик', 'звонящий', 'собеседник', 'пациент', 'гость', 'пользователь',
  'customer', 'client', 'caller', 'user',
];

/** Labels a line or cue may start with, longest first so «Сотрудник банка» wins over «Сотрудник». */
export const ROLE_LABELS: readonly string[] = [...MANAGER_LABELS, ...CLIENT_LABELS].sort((a, b) => b.length - a.length);

const ESCAPED_LABELS = ROLE_LABELS.map((label) => label.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|');

/**
 * Regular-expression source of a speaker label: a role word with up to two name words or a number
 * («Оператор Анна», «Клиент 2»), or a diarization label that names no party («SPEAKER_00», «Спикер 1»).
 * Use it with the `iu` flags.
 */
export const SPEAKER_LABEL_PATTERN = String.raw`(?:${ESCAPED_LABELS})(?:[ \t]+(?!\d{1,2}:\d{2})[\p{Lu}\d][\p{L}\d.]*){0,2}|(?:speaker|спикер|диктор|говорящий|участник)[ _-]?[\p{L}\d]{1,3}`;

/** The role a speaker label names («Оператор» → manager, «Абонент» → client), or `unknown`. */
export function roleFromLabel(label: string | null): Role {
  if (label === null) {
    return 'unknown';
  }
  const folded = foldText(label).trim();
  const first = folded.split(/[\s(]/u)[0] ?? '';
  if (MANAGER_LABELS.includes(folded) || MANAGER_LABELS.includes(first)) {
    return 'manager';
  }
  if (CLIENT_LABELS.includes(folded) || CLIENT_LABELS.includes(first)) {
    return 'client';
  }
  return 'unknown';
}

/** Returns the role of a channel of two-channel audio: manager on the configured channel, client on any other. */
export function roleFromChannel(channel: number | null, managerChannel: number): Role {
  if (channel === null) {
    return 'unknown';
  }
  return channel === managerChannel ? 'manager' : 'client';
}
