import path from 'node:path';

import { AppError } from './app-error.ts';

type FileAccess = 'read' | 'write';

/**
 * Explains a failed file read or write in Russian for the user: what is wrong with the path, not Node's
 * English `ENOENT: no such file or directory, open …`. Errors without a known code keep their message.
 */
export function describeFileError(error: unknown, filePath: string, access: FileAccess): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const folder = path.dirname(filePath);
  switch (code) {
    case 'ENOENT':
      return access === 'write' ? `папки «${folder}» нет` : 'такого файла нет';
    case 'EACCES':
    case 'EPERM':
      return access === 'write' ? 'нет прав на запись в эту папку или в этот файл' : 'нет прав на чтение этого файла';
    case 'EISDIR':
      return 'это папка, а не файл';
    case 'ENOTDIR':
      return 'в пути к файлу есть файл на месте папки';
    case 'ENOSPC':
      return 'на диске нет места';
    case 'EROFS':
      return 'диск доступен только для чтения';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Builds the error for an output file that cannot be written: exit code 1 and one Russian line in the CLI. */
export function fileWriteError(filePath: string, error: unknown): AppError {
  return new AppError('INTERNAL', `Не удалось записать файл «${filePath}»: ${describeFileError(error, filePath, 'write')}.`, { cause: error });
}

/**
 * Builds the error for an input file that cannot be read. The message names the file as `shownName`
 * (importers show the base name), and the reason is worked out from the full path.
 */
export function fileReadError(filePath: string, error: unknown, shownName: string = filePath): AppError {
  const code = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' ? 'NOT_FOUND' : 'INTERNAL';
  return new AppError(code, `Не удалось прочитать файл «${shownName}»: ${describeFileError(error, filePath, 'read')}.`, { cause: error });
}
