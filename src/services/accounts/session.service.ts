import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import type { Database, StoredSession, StoredUser } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Viewer } from './access.ts';
import { toAccount } from './account.service.ts';
import { DEFAULT_FAILURE_WINDOW_MS, DEFAULT_MAX_FAILURES, FailureLimit, loginFailureKey } from './failure-limit.ts';
import type { Account } from './account.service.ts';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from './password-hasher.ts';
import type { ScryptParameters } from './password-hasher.ts';
import type { RoleId } from './roles.ts';

export interface SessionSettings {
  /** A session unused for this long ends, in milliseconds. */
  idleTimeoutMs: number;
  /** A session ends this long after sign-in however active it is, in milliseconds. */
  maxAgeMs: number;
  /** Failed logins of one login within `failureWindowMs` before further attempts are refused. */
  maxFailuresPerLogin: number;
  /** Failed logins from one address within `failureWindowMs` before further attempts are refused. */
  maxFailuresPerAddress: number;
  failureWindowMs: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  idleTimeoutMs: 12 * 60 * 60 * 1000,
  maxAgeMs: 14 * 24 * 60 * 60 * 1000,
  maxFailuresPerLogin: DEFAULT_MAX_FAILURES,
  maxFailuresPerAddress: 30,
  failureWindowMs: DEFAULT_FAILURE_WINDOW_MS,
};

/** A session is extended on use at most this often, so reads do not write on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface ActiveSession {
  id: number;
  viewer: Viewer;
  user: Account;
  csrfToken: string;
  expiresAt: string;
}

export interface StartedSession extends ActiveSession {
  /** The cookie value; only its hash is stored. */
  token: string;
}

/** Sign-in with password, sessions by cookie token, CSRF tokens and the login rate limit. */
export class SessionService {
  private readonly settings: SessionSettings;
  private readonly scrypt: ScryptParameters;
  private readonly failures: FailureLimit;
  /** Hash checked for unknown logins, so a missing user takes as long to reject as a wrong password. */
  private decoyHash: Promise<string> | undefined;

  constructor(private readonly deps: { database: Database; logger: Logger; settings?: Partial<SessionSettings>; scrypt?: ScryptParameters }) {
    this.settings = { ...DEFAULT_SESSION_SETTINGS, ...deps.settings };
    this.scrypt = deps.scrypt ?? DEFAULT_SCRYPT;
    this.failures = new FailureLimit(deps.database, this.settings.failureWindowMs);
  }

  /**
   * Checks the login and password and starts a session. Fails with RATE_LIMITED after too many failures
   * for the login or the address, with UNAUTHENTICATED for a wrong login or password (the same message
   * for both), and with FORBIDDEN for a disabled user who gave the right password.
   */
  async login(login: string, password: string, client: { ip: string | null; userAgent: string | null }): Promise<StartedSession> {
    const { sessions, users } = this.deps.database;
    const now = new Date();
    const keys = [loginFailureKey(login), ...(client.ip === null ? [] : [`ip:${client.ip}`])];
    await this.checkRateLimit(keys, now);

    const user = await users.findByLogin(login);
    const matches = user === undefined ? await this.rejectUnknown(password) : await verifyPassword(password, user.passwordHash);
    if (user === undefined || !matches) {
      await this.failures.record(keys, now);
      this.deps.logger.warn({ ip: client.ip, userId: user?.id ?? null }, 'login failed');
      throw new AppError('UNAUTHENTICATED', 'Неверный логин или пароль.');
    }
    if (user.disabled) {
      throw new AppError('FORBIDDEN', 'Учётная запись отключена. Обратитесь к администратору okk.');
    }

    await this.failures.clear(keys[0] ?? '');
    await sessions.deleteExpired(now.toISOString(), new Date(now.getTime() - this.settings.failureWindowMs).toISOString());
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const stored = await sessions.createSession({
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
      ip: client.ip,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.settings.idleTimeoutMs).toISOString(),
    });
    await users.recordLogin(user.id);
    this.deps.logger.info({ userId: user.id, sessionId: stored.id }, 'login succeeded');
    return { ...active(stored, user), token };
  }

  /**
   * Finds the session of a cookie token and extends it. Returns undefined for an unknown or expired
   * token and for a disabled user.
   */
  async resume(token: string): Promise<ActiveSession | undefined> {
    const { sessions, users } = this.deps.database;
    const now = new Date();
    const session = await sessions.findSession(hashToken(token), now.toISOString());
    if (session === undefined) {
      return undefined;
    }
    const user = await users.getUser(session.userId);
    if (user === undefined || user.disabled) {
      await sessions.deleteSession(session.id);
      return undefined;
    }
    if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
      const hardEnd = Date.parse(session.createdAt) + this.settings.maxAgeMs;
      const expiresAt = new Date(Math.min(now.getTime() + this.settings.idleTimeoutMs, hardEnd)).toISOString();
      await sessions.touchSession(session.id, now.toISOString(), expiresAt);
      session.expiresAt = expiresAt;
    }
    return active(session, user);
  }

  async logout(sessionId: number): Promise<void> {
    await this.deps.database.sessions.deleteSession(sessionId);
  }

  /** How long a new or extended session cookie lives, in seconds. */
  get cookieMaxAgeSec(): number {
    return Math.floor(this.settings.maxAgeMs / 1000);
  }

  private async checkRateLimit(keys: readonly string[], now: Date): Promise<void> {
    for (const key of keys) {
      const limit = key.startsWith('login:') ? this.settings.maxFailuresPerLogin : this.settings.maxFailuresPerAddress;
      const retryAfterSec = await this.failures.retryAfterSec(key, limit, now);
      if (retryAfterSec === null) {
        continue;
      }
      this.deps.logger.warn({ key: key.startsWith('ip:') ? key : 'login', limit }, 'login rate limited');
      throw new AppError('RATE_LIMITED', `Слишком много неудачных попыток входа. Повторите через ${Math.ceil(retryAfterSec / 60)} мин.`, {
        details: { retryAfterSec },
      });
    }
  }

  private async rejectUnknown(password: string): Promise<false> {
    this.decoyHash ??= hashPassword('decoy password for unknown logins', this.scrypt);
    await verifyPassword(password, await this.decoyHash);
    return false;
  }
}

/** Compares the CSRF token sent with a request to the session's in constant time. */
export function csrfTokenMatches(expected: string, sent: string | undefined): boolean {
  if (sent === undefined) {
    return false;
  }
  const left = Buffer.from(expected);
  const right = Buffer.from(sent);
  return left.length === right.length && timingSafeEqual(left, right);
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function viewerOf(user: StoredUser): Viewer {
  return {
    userId: user.id,
    displayName: user.displayName,
    role: user.role as RoleId,
    managerId: user.manager?.id ?? null,
    teamIds: user.teams.map((team) => team.id),
    timeZone: user.timeZone,
  };
}

function active(session: StoredSession, user: StoredUser): ActiveSession {
  return { id: session.id, viewer: viewerOf(user), user: toAccount(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}
