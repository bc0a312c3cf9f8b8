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
    { schema: z.number().lt(100), value: 150, expected: 'меньше 100' },
    { schema: z.number().min(0), value: -1, expected: 'не меньше 0' },
    { schema: z.number().positive(), value: 0, expected: 'больше 0' },
    { schema: z.string().min(1), value: '', expected: 'не может быть пустым' },
    { schema: z.string().min(10), value: 'короткий', expected: 'не меньше 10 символов' },
    { schema: z.string().max(3), value: 'длинный', expected: 'не больше 3 символов' },
    { schema: z.array(z.string()).max(2), value: ['a', 'b', 'c'], expected: 'не больше 2 элементов' },
    { schema: z.enum(['inbound', 'outbound']), value: 'sideways', expected: 'допустимые значения: inbound, outbound' },
    { schema: z.string().max(21), value: 'x'.repeat(30), expected: 'не больше 21 символа' },
  ])('says «$expected»', ({ schema, value, expected }) => {
    expect(messageOf(schema, value)).toBe(expected);
  });

  it('keeps a message the schema sets itself', () => {
    expect(messageOf(z.string().regex(/^\d+$/u, 'укажите цифры'), 'x')).toBe('укажите цифры');
  });

  it('leaves other issues to the Russian locale', () => {
    expect(messageOf(z.email(), 'not-an-address')).toMatch(/email/u);
  });
});
