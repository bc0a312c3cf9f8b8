import type { Writable } from 'node:stream';

/** Raised when the output of an export closes before the export ends: the user cancelled the download. */
export class ExportAbortedError extends Error {
  constructor() {
    super('the export output closed before the export finished');
    this.name = 'ExportAbortedError';
  }
}

/** A stream that a producer waits on: node's own, or another implementation such as `readable-stream`. */
export interface DrainingStream {
  /** Returns true when the stream buffers more than its limit and the producer should wait for `drain`. */
  needsDrain(): boolean;
  on(event: 'drain' | 'error', listener: (error?: Error) => void): unknown;
  off(event: 'drain' | 'error', listener: (error?: Error) => void): unknown;
}

/**
 * Waits until `output` can take more data. A producer calls this between pages, so a slow reader holds
 * back the database reads instead of letting the written bytes pile up in memory. With `stream`, it
 * waits on that stage of the pipeline instead. When `output` closes first, it raises `ExportAbortedError`.
 */
export async function waitForDrain(output: Writable, stream: DrainingStream = { needsDrain: () => output.writableNeedDrain, on: output.on.bind(output), off: output.off.bind(output) }): Promise<void> {
  if (output.destroyed) {
    throw new ExportAbortedError();
  }
  if (!stream.needsDrain()) {
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const settle = (error: Error | null) => {
      stream.off('drain', drained);
      stream.off('error', failed);
      output.off('close', closed);
      output.off('error', failed);
      if (error === null) {
        resolve();
      } else {
        reject(error);
      }
    };
    const drained = () => {
      settle(null);
    };
    const closed = () => {
      settle(new ExportAbortedError());
    };
    const failed = (error?: Error) => {
      settle(error ?? new Error('the export stream failed'));
    };
    stream.on('drain', drained);
    stream.on('error', failed);
    output.on('close', closed);
    output.on('error', failed);
  });
}

/** Writes a chunk and waits for room after it. */
export async function writeChunk(output: Writable, chunk: Buffer): Promise<void> {
  if (output.destroyed) {
    throw new ExportAbortedError();
  }
  output.write(chunk);
  await waitForDrain(output);
}

/** Resolves when `output` has written everything, and rejects when it closes or fails first. */
export function whenFinished(output: Writable): Promise<void> {
  if (output.writableFinished) {
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) => {
    const settle = (error: Error | null) => {
      output.off('finish', finished);
      output.off('close', closed);
      output.off('error', failed);
      if (error === null) {
        resolve();
      } else {
        reject(error);
      }
    };
    const finished = () => {
      settle(null);
    };
    const closed = () => {
      settle(output.writableFinished ? null : new ExportAbortedError());
    };
    const failed = (error: Error) => {
      settle(error);
    };
    output.on('finish', finished);
    output.on('close', closed);
    output.on('error', failed);
  });
}
