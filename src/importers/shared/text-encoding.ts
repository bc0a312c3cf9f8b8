import iconv from 'iconv-lite';

/** Encodings a text export can come in. `utf-8-bom` is UTF-8 with a byte order mark, as Excel saves it. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1251';

/** Kind of double encoding undone in a decoded text. */
export type MojibakeKind =
  /** UTF-8 bytes read as Windows-1251 and saved again: «Р¤Р°РјРёР»РёСЏ» for «Фамилия». */
  | 'utf8-as-cp1251'
  /** Windows-1251 bytes read as Latin-1 and saved again: «Ôàìèëèÿ» for «Фамилия». */
  | 'cp1251-as-latin1';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Kinds of mojibake found and repaired, empty when the text was clean. */
  repaired: MojibakeKind[];
  /** Number of lines that were repaired. */
  repairedLines: number;
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a text file by its bytes, not by its name: a byte order mark wins, then valid UTF-8, then
 * UTF-16 without a mark (recognised by its zero bytes), and Windows-1251 for the rest. Lines that carry
 * double-encoded Cyrillic are repaired afterwards.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const { text, encoding } = decodeBytes(bytes);
  const repair = repairMojibake(text);
  return { text: repair.text, encoding, repaired: repair.kinds, repairedLines: repair.lines };
}

function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  }
  const utf16 = guessUtf16WithoutBom(buffer);
  if (utf16 !== null) {
    return { text: iconv.decode(buffer, utf16), encoding: utf16 };
  }
  try {
    return { text: UTF8_STRICT.decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'win1251'), encoding: 'windows-1251' };
  }
}

/** True for UTF-16 text, with or without a byte order mark. */
export function isUtf16Text(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096));
  const bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  return bom || guessUtf16WithoutBom(head) !== null;
}

/**
 * UTF-16 of Russian text has a high byte of 0x00 (ASCII) or 0x04 (Cyrillic) in every character, so one
 * of the two byte positions contains little else. Windows-1251 and UTF-8 text has no 0x00 or 0x04 bytes.
 */
function guessUtf16WithoutBom(buffer: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(Math.floor(buffer.length / 2), 2048);
  if (pairs < 2) {
    return null;
  }
  let highOdd = 0;
  let highEven = 0;
  for (let i = 0; i < pairs; i += 1) {
    if (isUtf16HighByte(buffer[2 * i])) highEven += 1;
    if (isUtf16HighByte(buffer[2 * i + 1])) highOdd += 1;
  }
  if (highOdd > pairs * 0.9 && highEven < pairs * 0.1) return 'utf-16le';
  if (highEven > pairs * 0.9 && highOdd < pairs * 0.1) return 'utf-16be';
  return null;
}

function isUtf16HighByte(byte: number | undefined): boolean {
  return byte === 0x00 || byte === 0x04;
}

/**
 * «Р» (0xD0) and «С» (0xD1) are the lead bytes of every Russian letter in UTF-8. Read as Windows-1251, the
 * second byte (0x80–0xBF) turns into one of these characters, so a lead letter followed by one of them is
 * the signature of UTF-8 read as Windows-1251.
 */
const CP1251_HIGH_HALF = 'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕї';
const HIGH_CLASS = `[${escapeForClass(CP1251_HIGH_HALF)}]`;
/**
 * Byte 0x98 has no character in Windows-1251, so the second byte of «И» (0xD0 0x98) comes out as «�» or
 * «?»: «Р�» and «Р?» stand for «И».
 */
const LOST_I = /Р[?\ufffd]/gu;
const UTF8_AS_CP1251 = new RegExp(`[РС]${HIGH_CLASS}|Р\ufffd`, 'gu');
/**
 * A run of damaged characters: letters, punctuation from U+0080–U+00FF («В«» for «, «В°» for °) and
 * the three-byte punctuation («вЂ”» for —, «в„–» for №).
 */
const UTF8_AS_CP1251_RUN = new RegExp(`(?:[РСВ]${HIGH_CLASS}|Р[?\ufffd]|в[Ђ„]${HIGH_CLASS})+`, 'gu');
/** Windows-1251 Cyrillic read as Latin-1 lands in À–ÿ; three such letters in a row and no real Cyrillic is the sign. */
const CP1251_AS_LATIN1 = /[À-ÿ]{3,}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

function escapeForClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}

interface MojibakeRepair {
  text: string;
  kinds: MojibakeKind[];
  lines: number;
}

/** Repairs double-encoded Cyrillic line by line, so a file where only some lines were damaged is still read. */
export function repairMojibake(text: string): MojibakeRepair {
  const kinds = new Set<MojibakeKind>();
  let lines = 0;
  const repaired = text.split('\n').map((line) => {
    const fixed = repairLine(line);
    if (fixed.kind !== null) {
      kinds.add(fixed.kind);
      lines += 1;
    }
    return fixed.line;
  });
  return { text: kinds.size === 0 ? text : repaired.join('\n'), kinds: [...kinds], lines };
}

function repairLine(line: string): { line: string; kind: MojibakeKind | null } {
  const signatures = line.match(UTF8_AS_CP1251)?.length ?? 0;
  if (signatures >= 2) {
    const fixed = line.replace(UTF8_AS_CP1251_RUN, (run) => undoUtf8AsCp1251(run) ?? run);
    if (fixed !== line) {
      return { line: fixed, kind: 'utf8-as-cp1251' };
    }
  }
  if (CP1251_AS_LATIN1.test(line) && !CYRILLIC.test(line)) {
    return { line: iconv.decode(Buffer.from(line, 'latin1'), 'win1251'), kind: 'cp1251-as-latin1' };
  }
  return { line, kind: null };
}

/**
 * Encodes a damaged run back to Windows-1251 bytes and reads them as UTF-8. Runs are repaired one by
 * one, so clean Cyrillic on the same line stays as it is.
 */
function undoUtf8AsCp1251(run: string): string | null {
  const bytes = iconv.encode(run.replace(LOST_I, 'Р\u0001'), 'win1251');
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0x01) bytes[i] = 0x98;
  }
  try {
    return UTF8_STRICT.decode(bytes);
  } catch {
    return null;
  }
}
