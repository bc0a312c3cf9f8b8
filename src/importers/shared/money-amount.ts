export type Currency = 'RUB' | 'USD' | 'EUR' | 'KZT' | 'BYN';

export type ParsedAmount = { ok: true; amount: number; currency: Currency | null } | { ok: false; message: string };

// JavaScript `\b` never matches next to a Cyrillic letter, so word edges are spelled as lookarounds.
const CURRENCY_MARKS: readonly [RegExp, Currency][] = [
  [/₽|(?<!\p{L})(?:руб|р\.|rub(?!\p{L})|rur(?!\p{L}))/iu, 'RUB'],
  [/\$|(?<!\p{L})(?:usd(?!\p{L})|долл)/iu, 'USD'],
  [/€|(?<!\p{L})(?:eur(?!\p{L})|евро)/iu, 'EUR'],
  [/₸|(?<!\p{L})(?:kzt(?!\p{L})|тенге)/iu, 'KZT'],
  [/(?<!\p{L})(?:byn(?!\p{L})|бел\.?\s*руб)/iu, 'BYN'],
];

/**
 * Parses a money amount as CRM exports and people write it: «12 345,50 ₽», «12345.50 руб.», «1 234 567»,
 * «1,234,567.89», «$1,200». When both «,» and «.» appear, the last one is the decimal separator. A
 * single comma is decimal unless exactly three digits follow it, so «1,234» is a thousand and «1234,5» is not.
 */
export function parseMoneyAmount(text: string): ParsedAmount {
  const raw = text.trim();
  if (raw === '') {
    return { ok: false, message: 'сумма не указана' };
  }
  let currency: Currency | null = null;
  for (const [mark, code] of CURRENCY_MARKS) {
    if (mark.test(raw)) {
      // «бел. руб» is Belarusian; the rouble mark alone is Russian.
      currency = code === 'BYN' || currency === null ? code : currency;
    }
  }

  const negative = /^[-−(]/.test(raw.replace(/^[^\d\-−(]*/, ''));
  // The dot of «руб.» or «р.» is not a decimal point.
  const number = raw.replace(/[^\d.,]/g, '').replace(/^[.,]+|[.,]+$/g, '');
  if (!/\d/.test(number)) {
    return { ok: false, message: `«${raw}» не похоже на сумму` };
  }
  const value = parseNumberText(number);
  if (value === null) {
    return { ok: false, message: `не удалось прочитать сумму «${raw}»` };
  }
  return { ok: true, amount: negative ? -value : value, currency };
}

function parseNumberText(number: string): number | null {
  const lastComma = number.lastIndexOf(',');
  const lastDot = number.lastIndexOf('.');
  let normalized: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    normalized = number.replaceAll(thousands, '').replace(decimal, '.');
  } else if (lastComma >= 0) {
    const commas = number.split(',').length - 1;
    const thousandsOnly = commas > 1 || /,\d{3}$/.test(number);
    normalized = thousandsOnly ? number.replaceAll(',', '') : number.replace(',', '.');
  } else {
    const dots = number.split('.').length - 1;
    normalized = dots > 1 ? number.replaceAll('.', '') : number;
  }
  if (!/^\d+(?:\.\d+)?$/.test(normalized)) {
    return null;
  }
  return Math.round(Number(normalized) * 100) / 100;
}
