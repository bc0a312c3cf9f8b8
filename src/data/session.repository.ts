import type { DataContext } from './data-context.ts';
import { chunkRows } from './data-context.ts';
import { readTimestamp } from './sql-dialect.ts';

export interface StoredSession {
  id: number;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface NewSession {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  userAgent: string | null;
  ip: string | null;
  now: string;
  expiresAt: string;
}

/** Login sessions, found by the hash of the cookie's token, and failed logins for rate limiting. */
export class SessionRepository {
  constructor(private readonly context: DataContext) {}

  async createSession(session: NewSession): Promise<StoredSession> {
    const row = await this.context.db
      .insertInto('sessions')
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        user_agent: session.userAgent,
        ip: session.ip,
        created_at: session.now,
        last_seen_at: session.now,
        expires_at: session.expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, userId: session.userId, csrfToken: session.csrfToken, createdAt: session.now, lastSeenAt: session.now, expiresAt: session.expiresAt };
  }

  /** Finds the session with this token hash that has not expired at `now`. */
  async findSession(tokenHash: string, now: string): Promise<StoredSession | undefined> {
    const row = await this.context.db
      .selectFrom('sessions')
      .select(['id', 'user_id', 'csrf_token', 'created_at', 'last_seen_at', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : {
          id: row.id,
          userId: row.user_id,
          csrfToken: row.csrf_token,
          createdAt: readTimestamp(row.created_at),
          lastSeenAt: readTimestamp(row.last_seen_at),
          expiresAt: readTimestamp(row.expires_at),
        };
  }

  /** Records activity and moves the session's expiry. */
  async touchSession(id: number, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.context.db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async deleteSession(id: number): Promise<void> {
    await this.context.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Ends every session of the user, but the one with `exceptId` when given. Returns how many ended. */
  async deleteUserSessions(userId: number, exceptId?: number): Promise<number> {
    let query = this.context.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId !== undefined) {
      query = query.where('id', '!=', exceptId);
    }
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Deletes sessions that expired before `now`, and login failures older than `failuresBefore`. */
  async deleteExpired(now: string, failuresBefore: string): Promise<void> {
    await this.context.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    await this.context.db.deleteFrom('login_failures').where('failed_at', '<', failuresBefore).execute();
  }

  async recordLoginFailure(keys: readonly string[], at: string): Promise<void> {
    for (const chunk of chunkRows(keys, 2)) {
      await this.context.db.insertInto('login_failures').values(chunk.map((key) => ({ key, failed_at: at }))).execute();
    }
  }

  /** Counts failed logins under `key` at or after `since`. */
  async countLoginFailures(key: string, since: string): Promise<number> {
    const row = await this.context.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('key', '=', key)
      .where('failed_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Returns the earliest failed login under `key` at or after `since`, which decides when the limit lifts. */
  async firstLoginFailure(key: string, since: string): Promise<string | undefined> {
    const row = await this.context.db
      .selectFrom('login_failures')
      .select('failed_at')
      .where('key', '=', key)
      .where('failed_at', '>=', since)
      .orderBy('failed_at')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : readTimestamp(row.failed_at);
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.context.db.deleteFrom('login_failures').where('key', '=', key).execute();
  }
}
