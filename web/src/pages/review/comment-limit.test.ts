import { describe, expect, it } from 'vitest';

import { COMMENT_MAX_LENGTH, commentCounter, commentError } from './comment-limit.ts';

describe('comment limit', () => {
  it('asks for an empty comment in the caller words', () => {
    expect(commentError('   ', 'Добавьте ответ')).toBe('Добавьте ответ');
  });

  it('accepts a comment at the limit', () => {
    expect(commentError('я'.repeat(COMMENT_MAX_LENGTH), 'Добавьте ответ')).toBeNull();
  });

  it('says how much to cut past the limit', () => {
    expect(commentError('я'.repeat(10_500), null)).toBe('Комментарий длиннее 4\u00a0000 символов: сократите его на 6\u00a0500 символов');
  });

  it('counts the trimmed length', () => {
    expect(commentCounter('  слово  ')).toBe('5 / 4\u00a0000');
  });
});
