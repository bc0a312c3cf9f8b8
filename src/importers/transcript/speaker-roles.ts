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

/** The role of a channel of two-channel audio: the configured manager channel, and the client on the other one. */
export function roleFromChannel(channel: number | null, managerChannel: number): Role {
  if (channel === null) {
    return 'unknown';
  }
  return channel === managerChannel ? 'manager' : 'client';
}
