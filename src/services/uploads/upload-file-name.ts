import path from 'node:path';

import { SIDECAR_SUFFIX } from '../analysis/file-collector.ts';

/** Longest stored file name in UTF-8 bytes; Linux file systems allow 255, and a Cyrillic letter takes 2. */
const MAX_NAME_BYTES = 200;

// Control characters, path separators and the characters Windows forbids in names, which some
// browsers and archivers let through.
const UNSAFE_CHARACTERS = /[\p{Cc}<>:"/\\|?*]/gu;

/**
 * Turns a name sent by a browser into a safe file name: the last path segment only, NFC (macOS
 * sends decomposed «й»), no control or reserved characters, no leading dots, at most 200 bytes with
 * the extension kept. Cyrillic and spaces stay. Never returns an empty name.
 */
export function sanitizeFileName(name: string): string {
  const lastSegment = name.split(/[/\\]/u).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .replace(UNSAFE_CHARACTERS, '_')
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  if (cleaned === '') {
    return 'file';
  }
  return truncateKeepingExtension(cleaned, MAX_NAME_BYTES);
}

export function isSidecarName(name: string): boolean {
  return name.toLowerCase().endsWith(SIDECAR_SUFFIX) && name.length > SIDECAR_SUFFIX.length;
}

function truncateKeepingExtension(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) {
    return name;
  }
  const extension = isSidecarName(name) ? name.slice(-SIDECAR_SUFFIX.length) : path.extname(name);
  const keptExtension = Buffer.byteLength(extension) <= 24 ? extension : '';
  const budget = maxBytes - Buffer.byteLength(keptExtension);
  let stem = '';
  // Code points, not UTF-16 units, so a truncation never splits a character.
  for (const character of name.slice(0, name.length - extension.length)) {
    if (Buffer.byteLength(stem + character) > budget) {
      break;
    }
    stem += character;
  }
  return stem.trimEnd() + keptExtension;
}
