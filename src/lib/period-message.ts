const BARE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Builds the message for a period whose end is not after its start. The end of a period is exclusive,
 * so a period of one day ends on the next day, and for the same date given twice the message names it.
 */
export function reversedPeriodMessage(from: string, to: string): string {
  const day = BARE_DATE.exec(from);
  if (from === to && day !== null) {
    const next = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1)).toISOString().slice(0, 10);
    return `Конец периода (${to}) в период не входит, поэтому он должен быть позже начала. Чтобы получить один день ${from}, укажите конец ${next}.`;
  }
  return `Начало периода (${from}) должно быть раньше конца (${to}).`;
}
