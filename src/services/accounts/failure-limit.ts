import type { Database } from '../../data/index.ts';
import { loginKey } from '../../data/index.ts';

/** Default number of failed password checks under one key, within the window, before further attempts are rejected. */
export const DEFAULT_MAX_FAILURES = 5;

/** Default window of counted failures, in milliseconds. */
export const DEFAULT_FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** Builds the key of failed sign-ins with a login or e-mail, whatever its case or «ё». */
export function loginFailureKey(login: string): string {
  return `login:${loginKey(login)}`;
}

/** Builds the key of wrong current passwords given by a user changing their own password. */
export function passwordChangeFailureKey(userId: number): string {
  return `password:${userId}`;
}

export interface FailureLimitSettings {
  maxFailures: number;
  windowMs: number;
}

/**
 * Counts failed password checks by key (a login, an address, a user changing their password) in the
 * database's login failures. A key with too many failures within the window waits until the first of
 * them leaves the window.
 */
export class FailureLimit {
  constructor(
    private readonly database: Database,
    private readonly windowMs: number,
  ) {}

  /** Returns the seconds `key` must wait after `maxFailures` failures within the window, or null when it may try now. */
  async retryAfterSec(key: string, maxFailures: number, now: Date): Promise<number | null> {
    const { sessions } = this.database;
    const since = new Date(now.getTime() - this.windowMs).toISOString();
    if ((await sessions.countLoginFailures(key, since)) < maxFailures) {
      return null;
    }
    const first = await sessions.firstLoginFailure(key, since);
    const liftsAt = (first === undefined ? now.getTime() : Date.parse(first)) + this.windowMs;
    return Math.max(1, Math.ceil((liftsAt - now.getTime()) / 1000));
  }

  async record(keys: readonly string[], now: Date): Promise<void> {
    await this.database.sessions.recordLoginFailure(keys, now.toISOString());
  }

  async clear(key: string): Promise<void> {
    await this.database.sessions.clearLoginFailures(key);
  }
}
