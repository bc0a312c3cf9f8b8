import type { Turn } from '../../core/model/transcript.ts';
import type { MissedCall, PromiseCheck, PromiseToFollow } from '../../data/index.ts';
import { formatCallDate } from '../../lib/russian-format.ts';
import type { OutcomeFinding } from './outcome-findings.ts';

/** Russian infinitive phrase of each promised action, for explanations. */
export const PROMISE_ACTION_TEXT: Readonly<Record<string, string>> = {
  callback: 'перезвонить',
  send: 'отправить обещанное',
  visit: 'организовать визит',
  transfer: 'передать клиента коллеге, чтобы тот связался',
  other: 'выполнить обещанное',
};

const EVIDENCE_SOURCE_TEXT: Readonly<Record<string, string>> = {
  callback: 'звонка клиенту',
  transfer: 'звонка клиенту',
  send: 'письма, сообщения или задачи в CRM',
  visit: 'визита или встречи в CRM',
  other: 'действия в CRM или звонка клиенту',
};

/** Builds the `promise_not_kept` finding of a broken promise: the promise's own words, the due time and what was missing. */
export function promiseFinding(promise: PromiseToFollow, check: PromiseCheck, timeZone: string): OutcomeFinding {
  const due = formatCallDate(check.dueAt, timeZone);
  const said = check.dueSource === 'said' && check.dueText !== null ? `срок «${check.dueText}», до ${due}` : `срок не назван, по умолчанию до ${due}`;
  const missing = EVIDENCE_SOURCE_TEXT[check.action] ?? 'подтверждения';
  const late = check.lateFollowUpAt === null ? '' : ` Связались с клиентом только ${formatCallDate(check.lateFollowUpAt, timeZone)} — позже срока.`;
  return {
    callId: promise.callId,
    kind: 'promise_not_kept',
    turn: promise.turn,
    startSec: promise.startSec,
    quote: promise.quote,
    explanation: `Менеджер обещал ${PROMISE_ACTION_TEXT[check.action] ?? 'выполнить обещанное'} (${said}), но до срока ${missing} нет.${late}`,
    recommendation: 'Выполняйте обещание к названному сроку или заранее предупредите клиента о переносе; сразу после звонка ставьте задачу в CRM.',
  };
}

/**
 * Builds the `missed_call_no_callback` finding of an analysed call that was dropped and not called back in
 * time. It quotes the call's first turn that has words, since the problem is the call as a whole.
 */
export function missedCallFinding(callId: string, turns: readonly Turn[], missed: MissedCall, timeZone: string): OutcomeFinding {
  const turn = turns.find((candidate) => candidate.text.trim() !== '' && candidate.flags.length === 0) ?? turns[0];
  const callback = missed.callback === null ? 'Клиенту так и не перезвонили.' : `Перезвонили только ${formatCallDate(missed.callback.at, timeZone)}.`;
  return {
    callId,
    kind: 'missed_call_no_callback',
    turn: turn?.index ?? 0,
    startSec: turn?.startSec ?? null,
    quote: turn?.text ?? '',
    explanation: `Звонок клиента оборвался, перезвонить нужно было до ${formatCallDate(missed.dueAt, timeZone)}. ${callback}`,
    recommendation: 'Перезванивайте клиенту в течение установленного времени после пропущенного или оборвавшегося звонка.',
  };
}
