const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Returns the calendar date after `date` (YYYY-MM-DD), so an inclusive end becomes an exclusive one. */
export function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * Builds the message for a period whose end is not after its start. The end of a period is exclusive,
 * so a period of one day ends on the next day, and for the same date given twice the message names it.
 */
export function reversedPeriodMessage(from: string, to: string): string {
  if (from === to && BARE_DATE.test(from)) {
    return `Конец периода (${to}) в период не входит, поэтому он должен быть позже начала. Чтобы получить один день ${from}, укажите конец ${dayAfter(from)}.`;
  }
  return `Начало периода (${from}) должно быть раньше конца (${to}).`;
}
