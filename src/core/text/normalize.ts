/**
 * Folds a Russian word or phrase for matching: lower case and «ё» as «е». ASR output and people
 * write «ё» inconsistently, so «всё»/«все» and «звонёк»/«звонек» must compare equal.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ё') ? lower.replaceAll('ё', 'е') : lower;
}
