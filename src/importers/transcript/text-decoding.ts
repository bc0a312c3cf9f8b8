import iconv from 'iconv-lite';

import type { SourceWarning } from '../../core/model/transcript.ts';
import { importFailure, warning } from './import-messages.ts';
import type { ImportFailure } from './import-types.ts';

export type DecodeResult = { ok: true; text: string; warnings: SourceWarning[] } | { ok: false; error: ImportFailure };

// Magic numbers of files people drop into a folder of transcripts by mistake.
const BINARY_SIGNATURES: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x52, 0x49, 0x46, 0x46], what: 'аудиофайл WAV' },
  { bytes: [0x49, 0x44, 0x33], what: 'аудиофайл MP3' },
  { bytes: [0xff, 0xfb], what: 'аудиофайл MP3' },
  { bytes: [0x4f, 0x67, 0x67, 0x53], what: 'аудиофайл OGG' },
  { bytes: [0x66, 0x4c, 0x61, 0x43], what: 'аудиофайл FLAC' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'архив ZIP (или документ Excel/Word)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'документ PDF' },
];

/**
 * Decodes a transcript file to text. Reads UTF-8 (with or without BOM) and UTF-16 with BOM; text that
 * is not valid UTF-8 is read as Windows-1251 or KOI8-R with a warning. Binary files are rejected.
 */
export function decodeTranscriptBytes(bytes: Uint8Array, fileName: string): DecodeResult {
  if (bytes.length === 0) {
    return { ok: false, error: importFailure('EMPTY_FILE', fileName, 'файл пустой.', 'Выгрузите расшифровку заново.') };
  }

  const withBom = decodeByBom(bytes);
  if (withBom !== null) {
    return checkText(withBom, [], fileName);
  }

  const signature = BINARY_SIGNATURES.find((candidate) => candidate.bytes.every((byte, i) => bytes[i] === byte));
  if (signature !== undefined) {
    return { ok: false, error: binaryFailure(fileName, `это ${signature.what}, а не расшифровка.`) };
  }

  if (bytes.includes(0)) {
    const utf16 = decodeUtf16WithoutBom(bytes);
    if (utf16 !== null) {
      return checkText(utf16, [warning('ENCODING_UTF16', `Файл «${fileName}» прочитан как UTF-16 без метки порядка байтов.`)], fileName);
    }
    return { ok: false, error: binaryFailure(fileName, 'это двоичный файл, а не текст.') };
  }

  const utf8 = decodeUtf8(bytes);
  if (utf8 !== null) {
    const repaired = repairDoubleEncoding(utf8);
    if (repaired === null) {
      return checkText(utf8, [], fileName);
    }
    const message = `Файл «${fileName}» был дважды перекодирован (текст вида «Р”РѕР±СЂ…»): русские буквы восстановлены. Проверьте текст звонка.`;
    return checkText(repaired, [warning('ENCODING_DOUBLE_UTF8', message)], fileName);
  }
  return checkText(...decodeSingleByteCyrillic(bytes, fileName), fileName);
}

function decodeByBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  }
  return null;
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-16LE without BOM: every high byte is 0x00 (ASCII) or 0x04 (Cyrillic). */
function decodeUtf16WithoutBom(bytes: Uint8Array): string | null {
  if (bytes.length % 2 !== 0) {
    return null;
  }
  let fitting = 0;
  for (let i = 1; i < bytes.length; i += 2) {
    if (bytes[i] === 0x00 || bytes[i] === 0x04) {
      fitting++;
    }
  }
  return fitting >= (bytes.length / 2) * 0.95 ? new TextDecoder('utf-16le').decode(bytes) : null;
}

// Windows-1251 and KOI8-R both put Cyrillic letters in 0xC0–0xFF but swap the cases: lower case is
// 0xE0–0xFF in Windows-1251 and 0xC0–0xDF in KOI8-R. Running text is mostly lower case, so the half
// with more letters identifies the encoding. `chardet` 2.2 was tried: on a short Russian line it rated
// Windows-1251 and ISO-8859-8 equally, so it cannot make this call.
function decodeSingleByteCyrillic(bytes: Uint8Array, fileName: string): [string, SourceWarning[]] {
  let upperHalf = 0;
  let lowerHalf = 0;
  for (const byte of bytes) {
    if (byte >= 0xe0) {
      upperHalf++;
    } else if (byte >= 0xc0) {
      lowerHalf++;
    }
  }
  if (lowerHalf > upperHalf) {
    const message = `Файл «${fileName}» не в UTF-8: прочитан как KOI8-R. Проверьте, что русские буквы в отчёте читаются; лучше сохранять расшифровки в UTF-8.`;
    return [iconv.decode(Buffer.from(bytes), 'koi8-r'), [warning('ENCODING_KOI8R', message)]];
  }
  const message = `Файл «${fileName}» не в UTF-8: прочитан как Windows-1251. Проверьте, что русские буквы в отчёте читаются; лучше сохранять расшифровки в UTF-8.`;
  return [iconv.decode(Buffer.from(bytes), 'win1251'), [warning('ENCODING_CP1251', message)]];
}

// UTF-8 text once read as Windows-1251 and saved again as UTF-8 turns each Cyrillic letter into two
// characters, the first «Р» or «С» («Р”РѕР±СЂ…»). Capital «Р» and «С» are rare in real Russian text,
// so when they make up a quarter of the Cyrillic letters, encoding back to Windows-1251 and reading
// the bytes as UTF-8 restores the text.
function repairDoubleEncoding(text: string): string | null {
  const cyrillic = text.match(/[\u0400-\u04ff]/gu)?.length ?? 0;
  const markers = text.match(/[РС]/gu)?.length ?? 0;
  if (markers < 10 || markers < cyrillic / 4) {
    return null;
  }
  return decodeUtf8(iconv.encode(text, 'win1251'));
}

function checkText(text: string, warnings: SourceWarning[], fileName: string): DecodeResult {
  if (text.trim() === '') {
    return { ok: false, error: importFailure('EMPTY_FILE', fileName, 'в файле нет текста.', 'Выгрузите расшифровку заново.') };
  }
  // Control characters other than tab, line feed, form feed and carriage return do not occur in transcripts.
  const controls = countControlCharacters(text);
  if (controls > text.length / 100) {
    return { ok: false, error: binaryFailure(fileName, 'это двоичный файл, а не текст.') };
  }
  return { ok: true, text, warnings };
}

function countControlCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) {
      count++;
    }
  }
  return count;
}

function binaryFailure(fileName: string, problem: string): ImportFailure {
  return importFailure('BINARY_FILE', fileName, problem, 'Укажите файл расшифровки: текст, субтитры SRT/WebVTT или JSON сервиса распознавания.');
}
