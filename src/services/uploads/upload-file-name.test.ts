import { describe, expect, it } from 'vitest';

import { isSidecarName, sanitizeFileName } from './upload-file-name.ts';

describe('sanitizeFileName', () => {
  it.each([
    ['звонок Иванову.wav', 'звонок Иванову.wav'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\anna\\Записи\\звонок.mp3', 'звонок.mp3'],
    ['.hidden.txt', 'hidden.txt'],
    ['..', 'file'],
    ['', 'file'],
    ['   ', 'file'],
    ['звонок\u0000\u0007.txt', 'звонок__.txt'],
    ['отчёт: "итоги" <март>?.txt', 'отчёт_ _итоги_ _март__.txt'],
    ['two  spaces\tand tab.srt', 'two spaces and tab.srt'],
    ['name ending with dots...', 'name ending with dots'],
    ['Запис\u0438\u0306.txt', 'Записй.txt'],
  ])('%j becomes %j', (given, expected) => {
    expect(sanitizeFileName(given)).toBe(expected);
  });

  it('cuts a long Cyrillic name to 200 bytes keeping the extension', () => {
    const name = `${'звонок'.repeat(40)}.wav`;

    const sanitized = sanitizeFileName(name);

    expect(Buffer.byteLength(sanitized)).toBeLessThanOrEqual(200);
    expect(sanitized.endsWith('.wav')).toBe(true);
    expect(sanitized.startsWith('звонок')).toBe(true);
  });

  it('keeps the whole metadata suffix of a long name', () => {
    const sanitized = sanitizeFileName(`${'а'.repeat(150)}.meta.json`);

    expect(sanitized.endsWith('.meta.json')).toBe(true);
    expect(Buffer.byteLength(sanitized)).toBeLessThanOrEqual(200);
  });
});

describe('isSidecarName', () => {
  it.each([
    ['call.meta.json', true],
    ['CALL.META.JSON', true],
    ['call.txt.meta.json', true],
    ['.meta.json', false],
    ['call.json', false],
    ['meta.json', false],
  ])('%s is %s', (name, expected) => {
    expect(isSidecarName(name)).toBe(expected);
  });
});
