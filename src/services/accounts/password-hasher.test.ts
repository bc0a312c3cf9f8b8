import { describe, expect, it } from 'vitest';

import { generatePassword, hashPassword, verifyPassword } from './password-hasher.ts';

const CHEAP = { cost: 1024, blockSize: 8, parallelization: 1 };

describe('password hashing', () => {
  it('verifies the password it hashed and no other', async () => {
    const hash = await hashPassword('пароль с пробелами и ё', CHEAP);

    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w+/=]+\$[\w+/=]+$/u);
    expect(await verifyPassword('пароль с пробелами и ё', hash)).toBe(true);
    expect(await verifyPassword('пароль с пробелами и е', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('одинаковый', CHEAP)).not.toBe(await hashPassword('одинаковый', CHEAP));
  });

  it('reads the parameters stored with the hash', async () => {
    const strong = await hashPassword('секрет-2026', { cost: 2048, blockSize: 4, parallelization: 2 });

    expect(await verifyPassword('секрет-2026', strong)).toBe(true);
  });

  it('treats the same text in another Unicode form as the same password', async () => {
    const composed = 'й'.normalize('NFC');
    const decomposed = 'й'.normalize('NFD');

    expect(await verifyPassword(decomposed, await hashPassword(composed, CHEAP))).toBe(true);
  });

  it.each(['', 'bcrypt$1$2$3$4$5', 'scrypt$x$8$1$c2FsdA==$aGFzaA==', 'scrypt$1024$8$1$c2FsdA=='])('never matches malformed hash %s', async (stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('generates 16 URL-safe characters', () => {
    const passwords = new Set(Array.from({ length: 20 }, () => generatePassword()));

    expect(passwords.size).toBe(20);
    expect([...passwords].every((password) => /^[\w-]{16}$/u.test(password))).toBe(true);
  });
});
