import { open } from 'node:fs/promises';

import type { RawFormat } from './raw-format.ts';

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_ALAW = 6;
const WAVE_FORMAT_MULAW = 7;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** Size fields set to this value mean "until the end of the file", as streaming writers do. */
const SIZE_UNKNOWN = 0xffffffff;
const HEADER_SCAN_BYTES = 64 * 1024;

/**
 * Builds a 44-byte WAV header for headerless audio, so the WAV decoder can read raw telephony files.
 * The sizes say "until the end of the file", so the header does not need the file's length.
 */
export function buildWavHeader(format: RawFormat): Uint8Array {
  const bitsPerSample = format.encoding === 's16le' ? 16 : 8;
  const formatTag = { alaw: WAVE_FORMAT_ALAW, ulaw: WAVE_FORMAT_MULAW, s16le: WAVE_FORMAT_PCM }[format.encoding];
  const blockAlign = (bitsPerSample / 8) * format.channels;

  const header = new Uint8Array(44);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let position = 0; position < text.length; position++) {
      header[offset + position] = text.charCodeAt(position);
    }
  };
  ascii(0, 'RIFF');
  view.setUint32(4, SIZE_UNKNOWN, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, formatTag, true);
  view.setUint16(22, format.channels, true);
  view.setUint32(24, format.sampleRate, true);
  view.setUint32(28, format.sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bitsPerSample, true);
  ascii(36, 'data');
  view.setUint32(40, SIZE_UNKNOWN, true);
  return header;
}

/**
 * Reads the duration a WAV file declares in its `data` chunk header. A file cut short keeps the
 * header of the whole recording, so this is the length the recording had before it was cut; the
 * duration probes of ffprobe 5.1 and music-metadata 11 compute it from the file size instead.
 * Returns null when the file is not WAV or the writer left the size unknown.
 */
export async function readWavDeclaredDurationSec(filePath: string): Promise<number | null> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = new Uint8Array(HEADER_SCAN_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_SCAN_BYTES, 0);
    return declaredDurationSec(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

function declaredDurationSec(bytes: Uint8Array): number | null {
  if (bytes.length < 12 || fourCc(bytes, 0) !== 'RIFF' || fourCc(bytes, 8) !== 'WAVE') {
    return null;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate: number | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = fourCc(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 20 <= bytes.length) {
      const formatTag = view.getUint16(offset + 8, true);
      byteRate = isBlockCodec(formatTag) ? view.getUint32(offset + 16, true) : null;
    }
    if (id === 'data') {
      if (byteRate === null || byteRate === 0 || size === 0 || size === SIZE_UNKNOWN) {
        return null;
      }
      return size / byteRate;
    }
    // RIFF chunks are padded to an even size.
    offset += 8 + size + (size % 2);
  }
  return null;
}

/** Format tags whose byte rate is exact, so that data size / byte rate is the duration. */
function isBlockCodec(formatTag: number): boolean {
  return [WAVE_FORMAT_PCM, 3, WAVE_FORMAT_ALAW, WAVE_FORMAT_MULAW, WAVE_FORMAT_EXTENSIBLE].includes(formatTag);
}

function fourCc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset] ?? 0, bytes[offset + 1] ?? 0, bytes[offset + 2] ?? 0, bytes[offset + 3] ?? 0);
}
