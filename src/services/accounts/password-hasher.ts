import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost parameters for new hashes. N = 2^15 with r = 8 takes 32 MiB and about 0.1 s per hash on
 * one core; each hash stores its own parameters, so raising them later keeps old passwords working.
 */
export interface ScryptParameters {
  cost: number;
  blockSize: number;
  parallelization: number;
}

export const DEFAULT_SCRYPT: ScryptParameters = { cost: 2 ** 15, blockSize: 8, parallelization: 1 };

const KEY_LENGTH = 64;
const SALT_BYTES = 16;

/** Hashes a password as `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, parameters);
  return ['scrypt', parameters.cost, parameters.blockSize, parameters.parallelization, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Checks a password against a stored hash in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  const [scheme, cost, blockSize, parallelization, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || salt === undefined || hash === undefined) {
    return false;
  }
  const parameters = { cost: Number(cost), blockSize: Number(blockSize), parallelization: Number(parallelization) };
  if (![parameters.cost, parameters.blockSize, parameters.parallelization].every((value) => Number.isInteger(value) && value > 0)) {
    return false;
  }
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), parameters, expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Generates a password of 16 URL-safe characters (96 random bits) for a new user or a reset. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

function derive(password: string, salt: Buffer, parameters: ScryptParameters, keyLength = KEY_LENGTH): Promise<Buffer> {
  // scrypt needs 128 · N · r bytes; Node's default limit of 32 MiB is exactly N = 2^15, r = 8, so the
  // limit is raised to leave room for larger parameters.
  const maxmem = 256 * parameters.cost * parameters.blockSize + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { N: parameters.cost, r: parameters.blockSize, p: parameters.parallelization, maxmem }, (error, key) => {
      if (error) {
        reject(error);
      } else {
        resolve(key);
      }
    });
  });
}
