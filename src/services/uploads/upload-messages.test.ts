import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { formatSize, withFileName } from './upload-messages.ts';

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
