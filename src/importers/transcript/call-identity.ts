import { createHash } from 'node:crypto';

/** SHA-256 of a file's bytes, hex. */
export function digestBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Stable call id: from the format family and the source's own call id when there is one, otherwise
 * from the file's bytes and the call's position in the file. Importing the same file twice gives the
 * same ids, so a re-run never duplicates a call.
 */
export function stableCallId(family: string, externalId: string | null, fileDigest: string, index: number): string {
  const key = externalId === null ? `file\u0000${fileDigest}\u0000${index}` : `${family}\u0000id\u0000${externalId}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
