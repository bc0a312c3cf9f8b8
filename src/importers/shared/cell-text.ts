/** Folds a cell value for lookup: lower case, «ё» as «е», single spaces, no trailing dot. */
export function foldValue(text: string): string {
  return text.trim().toLowerCase().replaceAll('ё', 'е').replace(/[_\s]+/g, ' ').replace(/\.$/, '');
}
