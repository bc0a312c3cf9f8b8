import { Busboy } from '@fastify/busboy';
import type { BusboyInstance } from '@fastify/busboy';
import type { Readable } from 'node:stream';

import { AppError } from '../../lib/app-error.ts';
import type { UploadLimits } from './uploads-config.ts';

/** One file part of a multipart body. Its stream must be read to the end before the next part arrives. */
export interface MultipartFile {
  fieldName: string;
  /** The name the client sent, without any folder; may be empty. */
  fileName: string;
  stream: Readable;
}

/**
 * Streams the file parts of a `multipart/form-data` body to `onFile`, one at a time and in order,
 * without holding a whole file in memory. Text fields are ignored. Fails with BAD_REQUEST for a body
 * that is not multipart or is cut off, and with PAYLOAD_TOO_LARGE for too many files. A file stream
 * over the size limit delivers one byte more than the limit, so that `onFile` can raise
 * PAYLOAD_TOO_LARGE itself.
 */
export function readMultipartFiles(contentType: string | undefined, body: Readable, limits: UploadLimits, onFile: (file: MultipartFile) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (contentType === undefined || !/^multipart\/form-data\s*;/iu.test(contentType)) {
      reject(new AppError('BAD_REQUEST', 'Файлы загружаются запросом multipart/form-data: заголовок Content-Type другой или не указан.'));
      return;
    }
    let parser: BusboyInstance;
    try {
      parser = Busboy({
        headers: { 'content-type': contentType },
        // One byte over the limit lets `onFile` tell a file of exactly the limit from a longer one.
        limits: { fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: 100, fieldSize: 64 * 1024 },
      });
    } catch (error) {
      reject(new AppError('BAD_REQUEST', 'Заголовок Content-Type запроса multipart/form-data некорректен: нет границы частей (boundary).', { cause: error }));
      return;
    }

    let failed = false;
    let files = Promise.resolve();
    const fail = (error: unknown) => {
      if (failed) {
        return;
      }
      failed = true;
      body.unpipe(parser);
      body.resume();
      reject(error instanceof AppError ? error : new AppError('BAD_REQUEST', 'Тело запроса multipart/form-data повреждено или оборвано.', { cause: error }));
    };

    parser.on('file', (fieldName, stream, fileName) => {
      // A cut-off body makes busboy emit the error on the parser and then again on the file stream,
      // possibly after the file's reader has stopped. The parser's error is the one reported.
      stream.on('error', ignoreRepeatedError);
      if (failed) {
        stream.resume();
        return;
      }
      files = files
        .then(async () => {
          if (failed) {
            stream.resume();
            return;
          }
          await onFile({ fieldName, fileName, stream });
        })
        .catch(fail);
    });
    parser.on('filesLimit', () => {
      fail(new AppError('PAYLOAD_TOO_LARGE', `За один раз можно загрузить не больше ${limits.maxFiles} файлов: разделите загрузку на части.`));
    });
    parser.on('error', fail);
    parser.on('finish', () => {
      void files.then(() => {
        if (!failed) {
          resolve();
        }
      });
    });
    body.on('error', fail);
    body.pipe(parser);
  });
}

function ignoreRepeatedError(): void {
  // Reported through the parser's 'error' event or the reader's pipeline.
}
