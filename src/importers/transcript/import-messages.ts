import type { SourceWarning } from '../../core/model/transcript.ts';
import type { ImportErrorCode, ImportFailure } from './import-types.ts';

/** Builds an import failure; `problem` and `advice` are Russian sentences, the file name goes first. */
export function importFailure(code: ImportErrorCode, fileName: string, problem: string, advice: string): ImportFailure {
  return { code, message: `Файл «${fileName}»: ${problem} ${advice}`, problem };
}

export function warning(code: string, message: string): SourceWarning {
  return { code, message };
}

/** The «нет речи» warning for a recognition result without any speech; such a call is never scored. */
export function noSpeechWarning(fileName: string): SourceWarning {
  return warning(
    'NO_SPEECH',
    `Файл «${fileName}»: в результате распознавания нет речи (нет ни одной реплики). Проверьте запись: возможно, она пустая или в ней только тишина или музыка.`,
  );
}

/** Russian plural form for a count: `plural(5, 'звонок', 'звонка', 'звонков')`. */
export function plural(count: number, one: string, few: string, many: string): string {
  const lastTwo = Math.abs(count) % 100;
  const last = lastTwo % 10;
  if (lastTwo >= 11 && lastTwo <= 14) {
    return many;
  }
  if (last === 1) {
    return one;
  }
  if (last >= 2 && last <= 4) {
    return few;
  }
  return many;
}
