import { toIsoDate } from '../../format/russian-format.ts';

export type PeriodId = '7' | '30' | '90';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** The report period: a preset of the last days, or calendar days picked by hand (both inclusive). */
export type ReportPeriod = { kind: 'preset'; days: PeriodId } | { kind: 'custom'; from: string; to: string };

/** Reads the period from the page URL: `from` and `to` win over `period`; the default is 30 days. */
export function readPeriod(params: URLSearchParams): ReportPeriod {
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null && to !== null && ISO_DATE.test(from) && ISO_DATE.test(to) && from <= to) {
    return { kind: 'custom', from, to };
  }
  const days = params.get('period');
  return { kind: 'preset', days: days === '7' || days === '90' ? days : '30' };
}

function shiftDays(isoDate: string, days: number): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  return toIsoDate(new Date(year, month - 1, day + days));
}

/** Converts the period to the API's range: `from` inclusive, `to` exclusive. */
export function periodRange(period: ReportPeriod, today: Date = new Date()): { from: string; to: string } {
  if (period.kind === 'custom') {
    return { from: period.from, to: shiftDays(period.to, 1) };
  }
  const todayIso = toIsoDate(today);
  return { from: shiftDays(todayIso, 1 - Number(period.days)), to: shiftDays(todayIso, 1) };
}
