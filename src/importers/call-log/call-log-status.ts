import type { RowRejection } from '../shared/table.ts';
import type { RowCells, RowNote } from './call-log-row.ts';
import type { CallLogDirection, CallLogStatus } from './call-log-record.ts';
import { flagOf, type StatusMeaning, statusForDirection, statusOf } from './call-log-values.ts';

export interface ResolvedStatus {
  status: CallLogStatus;
  sourceStatus: string | null;
}

/**
 * Decides the call's outcome from the most specific evidence the row has: the status column, then an
 * «answered» or «lost» flag, then a failure code, then the talk time. A talk time above zero overrides
 * a «not answered» code, because FreeSWITCH writes NORMAL_CLEARING for both outcomes.
 */
export function resolveStatus(
  cells: RowCells,
  direction: CallLogDirection,
  times: { talkSec: number | null; answeredAt: string | null },
  notes: RowNote[],
): { ok: true; value: ResolvedStatus } | { ok: false; rejection: RowRejection } {
  const layout = cells.context.profile.statusValues;
  const statusText = cells.get('status');
  const codeText = cells.get('failedCode');
  const sourceStatus = [statusText, codeText, cells.get('statusNote')].filter((text) => text !== '').join(' / ') || null;

  const codeMeaning = codeText === '' ? null : statusOf(codeText, layout);
  let meaning: StatusMeaning | null = statusText === '' ? null : statusOf(statusText, layout);
  meaning ??= flagMeaning(cells);
  // A flag gives only «not answered», and a code can add the reason (busy, failed), which is kept.
  if (meaning === 'not_answered' && codeMeaning !== null && codeMeaning !== 'answered') meaning = codeMeaning;
  meaning ??= codeMeaning;

  const talked = (times.talkSec ?? 0) > 0 || (times.answeredAt !== null && times.talkSec === null);
  if (meaning === 'not_answered' && talked) meaning = 'answered';

  if (meaning === null) {
    if (times.talkSec === null && times.answeredAt === null) {
      let column: 'status' | 'failedCode' | null = null;
      if (codeText !== '') column = 'failedCode';
      if (statusText !== '') column = 'status';
      const value = statusText || codeText;
      return cells.reject(column, value === '' ? 'не указано, состоялся ли разговор: нет ни статуса, ни времени разговора' : `неизвестный статус звонка «${value}»`);
    }
    if (statusText !== '' || codeText !== '') {
      notes.push({ kind: 'status-unknown', message: `статус «${statusText || codeText}» не известен, исход определён по времени разговора` });
    }
    meaning = talked ? 'answered' : 'not_answered';
  }
  return { ok: true, value: { status: statusForDirection(meaning, direction), sourceStatus } };
}

function flagMeaning(cells: RowCells): StatusMeaning | null {
  const answered = cells.get('answered');
  if (answered !== '') {
    const flag = flagOf(answered);
    if (flag !== null) return flag ? 'answered' : 'not_answered';
  }
  const lost = cells.get('lost');
  if (lost !== '') {
    const flag = flagOf(lost);
    if (flag !== null) return flag ? 'not_answered' : 'answered';
  }
  return null;
}
