import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { formatSize, uploadFailureMessage, withFileName } from './upload-messages.ts';

describe('formatSize', () => {
  it.each([
    [500 * 1024 * 1024, '500 МБ'],
    [1.5 * 1024 * 1024, '1,5 МБ'],
    [1024 * 1024, '1 МБ'],
    [52_428, '51 КБ'],
    [10, '1 КБ'],
  ])('%d bytes read as %s', (bytes, expected) => {
    expect(formatSize(bytes)).toBe(expected);
  });
});

describe('withFileName', () => {
  it('replaces every occurrence of the server path', () => {
    const message = withFileName('Файл «/data/uploads/ab/звонок.txt»: пустой. Проверьте /data/uploads/ab/звонок.txt.', '/data/uploads/ab/звонок.txt', 'звонок.txt');

    expect(message).toBe('Файл «звонок.txt»: пустой. Проверьте звонок.txt.');
  });

  it('replaces the path relative to the working folder too', () => {
    const stored = path.join(process.cwd(), '.okk', 'uploads', '.work', 'u1', 'tone.wav');
    const message = withFileName('В записи .okk/uploads/.work/u1/tone.wav нет речи; файл ' + stored + ' пропущен.', stored, 'tone.wav');

    expect(message).toBe('В записи tone.wav нет речи; файл tone.wav пропущен.');
  });
});

describe('uploadFailureMessage', () => {
  it('sends a missing speech model to the administrator', () => {
    const message = uploadFailureMessage({ kind: 'speech-unavailable', code: 'MODEL_MISSING' }, 'zvonok.mp3');

    expect(message).toContain('Файл «zvonok.mp3»: запись не расшифрована — на этой установке okk нет модели распознавания речи.');
    expect(message).toContain('когда администратор установит модель');
    expect(message).toContain('«Интеграции»');
    expect(message).not.toMatch(/okk models|\/|docs/u);
  });

  it('names recognition not set up for other recognizer failures', () => {
    const message = uploadFailureMessage({ kind: 'speech-unavailable', code: 'CONFIG_INVALID' }, 'zapis.wav');

    expect(message).toContain('распознавание речи на этой установке okk не настроено');
    expect(message).toContain('когда администратор его настроит');
  });

  it('names the accepted kinds briefly for an unknown format', () => {
    const message = uploadFailureMessage({ kind: 'import', code: 'UNKNOWN_FORMAT', problem: 'формат не распознан: это не похоже на расшифровку звонка.' }, 'logo.svg');

    expect(message).toMatch(/^Файл «logo\.svg»: формат не распознан: это не похоже на расшифровку звонка\. Принимаются записи разговоров \(WAV, MP3, OGG, FLAC, M4A\) и расшифровки звонков: /u);
    expect(message).not.toContain('--format');
    expect(message?.length).toBeLessThan(320);
  });

  it.each([
    ['an empty file', { kind: 'import', code: 'EMPTY_FILE', problem: 'файл пустой.' }],
    ['a file of no known cause', undefined],
  ] as const)('keeps the message of %s', (_name, cause) => {
    expect(uploadFailureMessage(cause, 'pustoj.txt')).toBeNull();
  });
});
