import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * Hashes a recording's bytes with SHA-256, reading the file as a stream. The same file gives the same
 * id wherever it is stored or however it is named, so a re-run never duplicates a call.
 */
export async function callIdOfFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
  }
  return `sha256:${hash.digest('hex')}`;
}
