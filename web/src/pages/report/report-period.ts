import { toIsoDate } from '../../format/russian-format.ts';

export type PeriodId = '7' | '30' | '90';

/** The report period as the API takes it: the last `days` days, today included, `to` exclusive. */
export function periodRange(period: PeriodId, today: Date = new Date()): { from: string; to: string } {
  const days = Number(period);
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - days + 1);
  const to = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  return { from: toIsoDate(from), to: toIsoDate(to) };
}
