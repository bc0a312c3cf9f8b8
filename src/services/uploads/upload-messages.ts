import path from 'node:path';

import type { FileFailureCause } from '../analysis/call-analyzer.ts';

const KIB = 1024;
const MIB = 1024 * 1024;

/** Formats a byte count as Russian users read a size limit: «500 МБ», «1,5 МБ», «51 КБ». */
export function formatSize(bytes: number): string {
  if (bytes < MIB) {
    return `${Math.max(1, Math.round(bytes / KIB)).toLocaleString('ru-RU')} КБ`;
  }
  const megabytes = bytes / MIB;
  const rounded = megabytes >= 10 ? Math.round(megabytes) : Math.round(megabytes * 10) / 10;
  return `${rounded.toLocaleString('ru-RU')} МБ`;
}

/**
 * Replaces a server path in a message with the file name the user gave, whether the message writes the
 * path absolute or relative to the working folder.
 */
export function withFileName(message: string, serverPath: string, fileName: string): string {
  const absolute = path.resolve(serverPath);
  // Longest first: the relative form is the end of the absolute one.
  const forms = [...new Set([absolute, serverPath, path.relative(process.cwd(), absolute)])].filter((form) => form !== '').sort((left, right) => right.length - left.length);
  return forms.reduce((text, form) => text.replaceAll(form, fileName), message);
}

/** The kinds of files an upload accepts, named briefly for the people who upload them. */
export const ACCEPTED_UPLOADS =
  'записи разговоров (WAV, MP3, OGG, FLAC, M4A) и расшифровки звонков: текст с репликами, субтитры SRT и WebVTT, ' +
  'JSON сервисов распознавания речи (Whisper, Яндекс SpeechKit, SaluteSpeech, Т-Банк и др.) и выгрузки звонков';

/**
 * Rewrites an uploaded file's failure for the uploader where the command line's message is meant for
 * the server's administrator: a missing speech model (a server path, `okk models pull`) or an unknown
 * format (every format, `--format`). Returns null for other failures, whose message suits both.
 */
export function uploadFailureMessage(cause: FileFailureCause | undefined, fileName: string): string | null {
  if (cause?.kind === 'speech-unavailable') {
    const missing = cause.code === 'MODEL_MISSING'
      ? 'на этой установке okk нет модели распознавания речи. Записи можно будет загружать, когда администратор установит модель'
      : 'распознавание речи на этой установке okk не настроено. Записи можно будет загружать, когда администратор его настроит';
    return `Файл «${fileName}»: запись не расшифрована — ${missing} (состояние распознавания показано на странице «Интеграции»). Готовые расшифровки звонков загружаются уже сейчас.`;
  }
  if (cause?.kind === 'import' && cause.code === 'UNKNOWN_FORMAT') {
    return `Файл «${fileName}»: ${cause.problem} Принимаются ${ACCEPTED_UPLOADS}.`;
  }
  return null;
}
