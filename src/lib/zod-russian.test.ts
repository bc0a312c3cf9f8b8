import { describe, expect, it } from 'vitest';

import { z } from './zod-russian.ts';

function messageOf(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) {
    throw new Error('the value passed');
  }
  return result.error.issues.map((issue) => issue.message).join('; ');
}

describe('Russian validation messages', () => {
  it.each([
    { schema: z.number(), value: 'abc', expected: 'нужно число' },
    { schema: z.coerce.number(), value: 'abc', expected: 'нужно число' },
    { schema: z.number().int(), value: 1.5, expected: 'нужно целое число' },
    { schema: z.object({ name: z.string() }), value: {}, expected: 'обязательное поле' },
    { schema: z.number().max(100), value: 150, expected: 'не больше 100' },
    { schema: z.number().lt(100), value: 150, expected: 'нужно число меньше 100' },
    { schema: z.number().min(0), value: -1, expected: 'не меньше 0' },
    { schema: z.number().positive(), value: 0, expected: 'нужно число больше 0' },
    { schema: z.number().gt(5), value: 5, expected: 'нужно число больше 5' },
    { schema: z.string().min(1), value: '', expected: 'не может быть пустым' },
    { schema: z.string().min(10), value: 'короткий', expected: 'не меньше 10 символов' },
    { schema: z.string().max(3), value: 'длинный', expected: 'не больше 3 символов' },
    { schema: z.array(z.string()).max(2), value: ['a', 'b', 'c'], expected: 'не больше 2 элементов' },
    { schema: z.enum(['inbound', 'outbound']), value: 'sideways', expected: 'допустимые значения: inbound, outbound' },
    { schema: z.string().max(21), value: 'x'.repeat(30), expected: 'не больше 21 символа' },
    { schema: z.literal('call'), value: 'chat', expected: 'допустимо только call' },
    { schema: z.object({ result: z.enum(['passed', 'failed']) }), value: {}, expected: 'обязательное поле, допустимые значения: passed, failed' },
    { schema: z.union([z.string(), z.number()]), value: true, expected: 'нужна строка или нужно число' },
  ])('says «$expected»', ({ schema, value, expected }) => {
    expect(messageOf(schema, value)).toBe(expected);
  });

  describe('discriminated union', () => {
    const action = z.discriminatedUnion('action', [
      z.object({ action: z.literal('confirm'), comment: z.string() }),
      z.object({ action: z.literal('remove'), comment: z.string() }),
    ]);

    it('names the allowed tags for an unknown tag', () => {
      const result = action.safeParse({ action: 'delete', comment: 'x' });
      expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['action'], message: 'допустимые значения: confirm, remove' })]);
    });

    it('names the allowed tags for a missing tag', () => {
      expect(messageOf(action, { comment: 'x' })).toBe('обязательное поле, допустимые значения: confirm, remove');
    });

    it('names the allowed tags in a nested object', () => {
      const schema = z.object({ target: z.discriminatedUnion('type', [z.object({ type: z.literal('criterion') }), z.object({ type: z.literal('finding') })]) });
      const result = schema.safeParse({ target: { type: 'call' } });
      expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['target', 'type'], message: 'допустимые значения: criterion, finding' })]);
    });
  });

  it('names an unknown key and the allowed ones', () => {
    expect(messageOf(z.strictObject({ login: z.string(), displayName: z.string() }), { login: 'x', displayName: 'z', name: 'y' })).toBe('неизвестное поле «name» (допустимые поля: login, displayName)');
  });

  it('names several unknown keys in one message', () => {
    expect(messageOf(z.strictObject({ comment: z.string() }), { comment: 'x', why: 1, how: 2 })).toBe('неизвестные поля «why», «how» (допустимые поля: comment)');
  });

  it('keeps a message the schema sets itself', () => {
    expect(messageOf(z.string().regex(/^\d+$/u, 'укажите цифры'), 'x')).toBe('укажите цифры');
  });

  it('leaves other issues to the Russian locale', () => {
    expect(messageOf(z.email(), 'not-an-address')).toMatch(/email/u);
  });
});
