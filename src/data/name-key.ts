import { foldText } from '../core/text/normalize.ts';

/**
 * Builds the key that makes two spellings of a person's or team's name one record: folded case and «ё»,
 * and single spaces. It is computed here rather than with SQL `lower()`, which on SQLite ignores Cyrillic.
 */
export function nameKey(name: string): string {
  return foldText(name).trim().replace(/\s+/gu, ' ');
}

/** Trims the name and collapses its spaces; returns null when nothing is left. */
export function cleanName(name: string | null | undefined): string | null {
  const cleaned = name?.trim().replace(/\s+/gu, ' ') ?? '';
  return cleaned === '' ? null : cleaned;
}
