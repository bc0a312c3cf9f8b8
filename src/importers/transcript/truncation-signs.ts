import type { SourceWarning } from '../../core/model/transcript.ts';
import { warning } from './import-messages.ts';

// Storage limits that cut a transcript without saying so. A text whose length is exactly one of them
// was almost certainly cut there.
const CHARACTER_LIMITS: readonly { length: number; where: string }[] = [
  { length: 32_767, where: 'предел ячейки Excel (32 767 символов)' },
  { length: 65_535, where: 'предел поля TEXT в базах данных (65 535)' },
  { length: 4_000, where: 'предел строкового поля в базах данных (4 000 символов)' },
  { length: 8_000, where: 'предел строкового поля в базах данных (8 000 символов)' },
];

const BYTE_LIMITS: readonly { length: number; where: string }[] = [
  { length: 65_535, where: 'предел поля TEXT MySQL (65 535 байт)' },
  { length: 4_000, where: 'предел поля VARCHAR2 Oracle (4 000 байт)' },
];

/**
 * Warns when a call's text has exactly the length of a known storage limit, a sign that an export cut
 * it off. Completeness against the call's duration is judged later, by the evaluation.
 */
export function truncationWarnings(text: string, fileName: string, callLabel?: string): SourceWarning[] {
  const byCharacters = CHARACTER_LIMITS.find((limit) => limit.length === text.length);
  const bytes = new TextEncoder().encode(text).length;
  const byBytes = byCharacters === undefined ? BYTE_LIMITS.find((limit) => limit.length === bytes) : undefined;
  const limit = byCharacters ?? byBytes;
  if (limit === undefined) {
    return [];
  }
  const subject = callLabel === undefined ? `Файл «${fileName}»` : `Файл «${fileName}», ${callLabel}`;
  return [
    warning(
      'POSSIBLY_TRUNCATED',
      `${subject}: длина текста ровно ${limit.where}. Похоже, текст обрезан при выгрузке; проверьте конец звонка в исходной системе.`,
    ),
  ];
}
