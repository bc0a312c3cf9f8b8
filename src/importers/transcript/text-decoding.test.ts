import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { decodeTranscriptBytes } from './text-decoding.ts';

const TEXT = 'Менеджер: Добрый день, компания «Ромашка»!\nКлиент: Здравствуйте, у меня вопрос по счёту.';

function decoded(bytes: Uint8Array): { text: string; codes: string[] } {
  const result = decodeTranscriptBytes(bytes, 'call.txt');
  if (!result.ok) {
    expect.fail(result.error.message);
  }
  return { text: result.text, codes: result.warnings.map((item) => item.code) };
}

function withBom(bom: number[], body: Uint8Array): Uint8Array {
  return Uint8Array.from([...bom, ...body]);
}

describe('decodeTranscriptBytes', () => {
  it.each([
    ['UTF-8', new TextEncoder().encode(TEXT), []],
    ['UTF-8 with BOM', withBom([0xef, 0xbb, 0xbf], new TextEncoder().encode(TEXT)), []],
    ['UTF-16LE with BOM', withBom([0xff, 0xfe], iconv.encode(TEXT, 'utf-16le')), []],
    ['UTF-16BE with BOM', withBom([0xfe, 0xff], iconv.encode(TEXT, 'utf-16be')), []],
    ['UTF-16LE without BOM', iconv.encode(TEXT, 'utf-16le'), ['ENCODING_UTF16']],
    ['Windows-1251', iconv.encode(TEXT, 'win1251'), ['ENCODING_CP1251']],
    ['KOI8-R', iconv.encode(TEXT, 'koi8-r'), ['ENCODING_KOI8R']],
  ])('reads %s', (name, bytes, codes) => {
    const result = decoded(bytes);

    // KOI8-R has no guillemets, so they come back as question marks.
    expect(result.text).toBe(name === 'KOI8-R' ? TEXT.replace(/[«»]/gu, '?') : TEXT);
    expect(result.codes).toEqual(codes);
  });

  it('names the encoding and the file in the warning', () => {
    const result = decodeTranscriptBytes(iconv.encode(TEXT, 'win1251'), 'звонок.txt');

    const message = result.ok ? result.warnings[0]?.message : result.error.message;
    expect(message).toContain('«звонок.txt»');
    expect(message).toContain('Windows-1251');
  });

  it('repairs text encoded to UTF-8 twice', () => {
    const twice = new TextEncoder().encode(iconv.decode(Buffer.from(TEXT, 'utf8'), 'win1251'));
    const result = decoded(twice);

    expect(result.text).toBe(TEXT);
    expect(result.codes).toEqual(['ENCODING_DOUBLE_UTF8']);
  });

  it.each([
    ['empty', new Uint8Array(), 'EMPTY_FILE'],
    ['blank', new TextEncoder().encode('  \n\t\n'), 'EMPTY_FILE'],
    ['binary', Uint8Array.from([0x00, 0x13, 0x88, 0x02, 0x00, 0xff, 0x10, 0x00, 0x41]), 'BINARY_FILE'],
    ['WAV', new TextEncoder().encode('RIFF....WAVEfmt '), 'BINARY_FILE'],
    ['ZIP', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'BINARY_FILE'],
    ['control characters', new TextEncoder().encode('\u0001\u0002\u0003abc\u0004\u0005'), 'BINARY_FILE'],
  ])('rejects %s input', (_name, bytes, code) => {
    const result = decodeTranscriptBytes(bytes, 'bad.txt');

    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(result.ok || result.error.message).toContain('«bad.txt»');
  });
});
