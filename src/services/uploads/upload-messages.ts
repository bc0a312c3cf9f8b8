import path from 'node:path';

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
