/** Picks the Russian plural form for a count: `plural(5, ['раз', 'раза', 'раз'])` gives «раз». */
export function plural(count: number, forms: readonly [one: string, few: string, many: string]): string {
  const lastTwo = Math.abs(count) % 100;
  const last = lastTwo % 10;
  if (lastTwo >= 11 && lastTwo <= 14) {
    return forms[2];
  }
  if (last === 1) {
    return forms[0];
  }
  if (last >= 2 && last <= 4) {
    return forms[1];
  }
  return forms[2];
}

/** A checklist phrase as a user reads it: without the matching marks (`@`, `=`, `*`) and with the first choice of each `а|б`. */
export function displayPhrase(source: string): string {
  return source
    .split(/\s+/u)
    .filter((part) => part !== '*')
    .map((part) => (part.split('|')[0] ?? part).replace(/^[@=]+/u, '').replace(/\*$/u, '').replace(/^=/u, ''))
    .join(' ');
}
