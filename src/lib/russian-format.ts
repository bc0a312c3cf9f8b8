/** Formats an ISO time or a bare date as Russian users read it: `03.12.2026 10:14`. */
export function formatCallDate(startedAt: string | null, timeZone: string): string {
  if (startedAt === null) {
    return '—';
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(startedAt)) {
    const [year, month, day] = startedAt.split('-');
    return `${day ?? ''}.${month ?? ''}.${year ?? ''}`;
  }
  const date = new Date(startedAt);
  if (Number.isNaN(date.getTime())) {
    return startedAt;
  }
  return new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    .format(date)
    .replace(',', '');
}

/** Picks the Russian plural form for a count: `plural(5, ['звонок', 'звонка', 'звонков'])` → «звонков». */
export function plural(count: number, forms: readonly [string, string, string]): string {
  const mod100 = Math.abs(count) % 100;
  const mod10 = mod100 % 10;
  if (mod100 >= 11 && mod100 <= 14) {
    return forms[2];
  }
  if (mod10 === 1) {
    return forms[0];
  }
  if (mod10 >= 2 && mod10 <= 4) {
    return forms[1];
  }
  return forms[2];
}

/** Counts with the noun in the right form: `countOf(3, ['звонок', 'звонка', 'звонков'])` → «3 звонка». */
export function countOf(count: number, forms: readonly [string, string, string]): string {
  return `${count} ${plural(count, forms)}`;
}
