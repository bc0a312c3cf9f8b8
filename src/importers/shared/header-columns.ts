import type { TableRow } from './table.ts';

/**
 * Folds a column header for comparison: lower case, «ё» as «е», without a unit in brackets or after a
 * comma («Длительность (сек)», «Длительность, с» → «длительность»), punctuation as spaces.
 */
export function normalizeHeader(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/\(.*?\)/g, ' ')
    .replace(/,.*$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Column names a role is known by, in any language and spelling the exports use. A name ending in `*`
 * matches every header that starts with it, for survey columns headed by the whole question.
 */
export type ColumnAliases<Role extends string> = Readonly<Partial<Record<Role, readonly string[]>>>;

export interface HeaderMatch<Role extends string> {
  /** Index of the header row in the rows given. */
  index: number;
  /** Column index of each role found. */
  columns: Partial<Record<Role, number>>;
  /** Header cells that matched no role, as written in the file. */
  unknown: string[];
}

/** Rows above the header (a report title, a period, a blank line) that are searched before giving up. */
const HEADER_SEARCH_ROWS = 20;

/**
 * Finds the header row: the row among the first ones whose cells name the most known columns. Returns
 * null when no row names at least `minimumRoles` of them. When alias sets name the same header, the
 * later set wins, so a layout can give a common name its own meaning.
 */
export function findHeaderRow<Role extends string>(
  rows: readonly TableRow[],
  aliasSets: readonly ColumnAliases<Role>[],
  minimumRoles = 2,
): HeaderMatch<Role> | null {
  const lookup = aliasLookup(aliasSets);
  let best: HeaderMatch<Role> | null = null;
  let bestCount = 0;
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index += 1) {
    const match = matchHeader(rows[index]?.cells ?? [], lookup);
    const count = Object.keys(match.columns).length;
    if (count > bestCount) {
      best = { index, columns: match.columns, unknown: match.unknown };
      bestCount = count;
    }
  }
  return bestCount >= minimumRoles ? best : null;
}

interface AliasLookup<Role extends string> {
  exact: Map<string, Role>;
  prefixes: [string, Role][];
}

function aliasLookup<Role extends string>(aliasSets: readonly ColumnAliases<Role>[]): AliasLookup<Role> {
  const exact = new Map<string, Role>();
  const prefixes: [string, Role][] = [];
  for (const aliases of aliasSets) {
    for (const [role, names] of Object.entries(aliases) as [Role, readonly string[] | undefined][]) {
      for (const name of names ?? []) {
        if (name.endsWith('*')) prefixes.push([normalizeHeader(name.slice(0, -1)), role]);
        else exact.set(normalizeHeader(name), role);
      }
    }
  }
  return { exact, prefixes };
}

function roleOf<Role extends string>(cell: string, lookup: AliasLookup<Role>): Role | undefined {
  const header = normalizeHeader(cell);
  if (header === '') return undefined;
  return lookup.exact.get(header) ?? lookup.prefixes.find(([prefix]) => header.startsWith(prefix))?.[1];
}

function matchHeader<Role extends string>(cells: readonly string[], lookup: AliasLookup<Role>): { columns: Partial<Record<Role, number>>; unknown: string[] } {
  const columns: Partial<Record<Role, number>> = {};
  const unknown: string[] = [];
  cells.forEach((cell, column) => {
    const role = roleOf(cell, lookup);
    if (role === undefined) {
      if (cell.trim() !== '') unknown.push(cell.trim());
    } else {
      // The first column of a role wins: exports repeat a name only for a less useful copy.
      columns[role] ??= column;
    }
  });
  return { columns, unknown };
}
