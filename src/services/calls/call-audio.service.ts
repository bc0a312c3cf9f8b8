import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

import type { Database } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Viewer } from '../accounts/access.ts';
import { loadVisibleCall } from '../reviews/review-state.ts';

export interface ServedAudio {
  status: 200 | 206;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array>;
}

/** Content types of the recording formats okk reads, by extension. */
const AUDIO_TYPES: Readonly<Record<string, string>> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
  '.m4a': 'audio/mp4',
  '.mp4': 'audio/mp4',
  '.aac': 'audio/aac',
  '.webm': 'audio/webm',
  '.amr': 'audio/amr',
  '.wma': 'audio/x-ms-wma',
};

export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Parses a `Range` header for a file of `size` bytes (RFC 9110, section 14.1.2). Returns the inclusive
 * byte range, `null` for no range or one this server serves whole (several ranges, other units), and
 * `'unsatisfiable'` when the range lies outside the file.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (header === undefined) {
    return null;
  }
  const match = /^bytes=(\d*)-(\d*)$/u.exec(header.trim());
  if (match === null) {
    return null;
  }
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') {
    return null;
  }
  if (first === '') {
    // A suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) {
      return 'unsatisfiable';
    }
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) {
    return 'unsatisfiable';
  }
  return { start, end };
}

/** Streams call recordings to the player, with byte ranges for seeking. */
export class CallAudioService {
  constructor(private readonly deps: { database: Database; logger: Logger }) {}

  /**
   * Opens the recording of a call the viewer may see. Fails with NOT_FOUND when the call has no
   * recording or its file is gone, and with a 416 error for a range outside the file.
   */
  async openAudio(viewer: Viewer, callId: string, rangeHeader: string | undefined): Promise<ServedAudio> {
    const call = await loadVisibleCall(this.deps.database, viewer, callId);
    if (call.audio === null) {
      throw new AppError('NOT_FOUND', `У звонка «${callId}» нет записи: он загружен расшифровкой.`);
    }
    const file = call.audio.path;
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) {
        throw new Error(`${file} is not a file`);
      }
      size = info.size;
    } catch (error) {
      this.deps.logger.warn({ err: error, callId, file }, 'call recording is missing');
      throw new AppError('NOT_FOUND', `Файл записи звонка «${callId}» не найден на сервере: ${path.basename(file)}.`, { cause: error });
    }

    const headers: Record<string, string> = {
      'Content-Type': AUDIO_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, max-age=3600',
    };
    const range = parseRange(rangeHeader, size);
    if (range === 'unsatisfiable') {
      throw new AppError('RANGE_NOT_SATISFIABLE', `Запрошенный диапазон вне записи: её размер ${size} байт.`, { details: { size } });
    }
    if (range === null) {
      return { status: 200, headers: { ...headers, 'Content-Length': String(size) }, body: toWebStream(file, 0, Math.max(0, size - 1), size === 0) };
    }
    return {
      status: 206,
      headers: { ...headers, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
      body: toWebStream(file, range.start, range.end, false),
    };
  }
}

function toWebStream(file: string, start: number, end: number, empty: boolean): ReadableStream<Uint8Array> {
  if (empty) {
    return new ReadableStream({ start: (controller) => { controller.close(); } });
  }
  return Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
}
