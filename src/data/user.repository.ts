import type { Kysely } from 'kysely';

import { AppError } from '../lib/app-error.ts';
import type { DataContext } from './data-context.ts';
import { chunkRows, inTransaction, nowIso } from './data-context.ts';
import type { Team } from './manager.repository.ts';
import { nameKey } from './name-key.ts';
import type { DatabaseSchema } from './schema.ts';
import { isUniqueViolation, readBool, readOptionalTimestamp, readTimestamp } from './sql-dialect.ts';

export interface StoredUser {
  id: number;
  login: string;
  email: string | null;
  displayName: string;
  /** One of the role ids of `services/accounts/roles.ts`. */
  role: string;
  manager: { id: number; name: string } | null;
  teams: Team[];
  timeZone: string | null;
  disabled: boolean;
  passwordHash: string;
  passwordChangedAt: string;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  login: string;
  email: string | null;
  displayName: string;
  role: string;
  managerId: number | null;
  teamIds: readonly number[];
  timeZone: string | null;
  passwordHash: string;
}

export interface UserChanges {
  email?: string | null;
  displayName?: string;
  role?: string;
  managerId?: number | null;
  teamIds?: readonly number[];
  timeZone?: string | null;
  disabled?: boolean;
}

/** Builds the key that makes a login or e-mail match whatever its case or «ё». */
export function loginKey(login: string): string {
  return nameKey(login);
}

/** Users of the web application with their roles and their links to managers and teams. */
export class UserRepository {
  constructor(private readonly context: DataContext) {}

  /** Creates a user. Fails with CONFLICT when the login or e-mail is taken, NOT_FOUND for an unknown manager or team. */
  async createUser(user: NewUser): Promise<StoredUser> {
    const now = nowIso();
    const id = await this.writeGuarded(user.login, user.email, (trx) =>
      inTransaction(trx, async (inner) => {
        await this.checkLinks(inner, user.managerId, user.teamIds);
        const row = await inner
          .insertInto('users')
          .values({
            login: user.login,
            login_key: loginKey(user.login),
            email: user.email,
            email_key: user.email === null ? null : loginKey(user.email),
            display_name: user.displayName,
            role: user.role,
            manager_id: user.managerId,
            time_zone: user.timeZone,
            disabled: this.context.dialect.bool(false),
            password_hash: user.passwordHash,
            password_changed_at: now,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await this.writeTeams(inner, row.id, user.teamIds);
        return row.id;
      }),
    );
    return this.requireUser(id);
  }

  /** Applies the changes given. Returns undefined when no user has this id. */
  async updateUser(id: number, changes: UserChanges): Promise<StoredUser | undefined> {
    const found = await this.context.db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst();
    if (found === undefined) {
      return undefined;
    }
    await this.writeGuarded(null, changes.email ?? null, (trx) =>
      inTransaction(trx, async (inner) => {
        await this.checkLinks(inner, changes.managerId ?? null, changes.teamIds ?? []);
        await inner
          .updateTable('users')
          .set({
            ...(changes.email === undefined ? {} : { email: changes.email, email_key: changes.email === null ? null : loginKey(changes.email) }),
            ...(changes.displayName === undefined ? {} : { display_name: changes.displayName }),
            ...(changes.role === undefined ? {} : { role: changes.role }),
            ...(changes.managerId === undefined ? {} : { manager_id: changes.managerId }),
            ...(changes.timeZone === undefined ? {} : { time_zone: changes.timeZone }),
            ...(changes.disabled === undefined ? {} : { disabled: this.context.dialect.bool(changes.disabled) }),
            updated_at: nowIso(),
          })
          .where('id', '=', id)
          .execute();
        if (changes.teamIds !== undefined) {
          await inner.deleteFrom('user_teams').where('user_id', '=', id).execute();
          await this.writeTeams(inner, id, changes.teamIds);
        }
      }),
    );
    return this.getUser(id);
  }

  async getUser(id: number): Promise<StoredUser | undefined> {
    return (await this.selectUsers((query) => query.where('users.id', '=', id)))[0];
  }

  /** Finds the user whose login or e-mail is `login`, in any case. */
  async findByLogin(login: string): Promise<StoredUser | undefined> {
    const key = loginKey(login);
    const byLogin = await this.selectUsers((query) => query.where('users.login_key', '=', key));
    if (byLogin[0] !== undefined) {
      return byLogin[0];
    }
    return (await this.selectUsers((query) => query.where('users.email_key', '=', key)))[0];
  }

  /** Returns the display names of the users with these ids; ids of no user are left out. */
  async displayNames(ids: readonly number[]): Promise<Map<number, string>> {
    const names = new Map<number, string>();
    for (const chunk of chunkRows([...new Set(ids)], 1)) {
      const rows = await this.context.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', chunk).execute();
      rows.forEach((row) => names.set(row.id, row.display_name));
    }
    return names;
  }

  /** Lists every user, by display name. */
  async listUsers(): Promise<StoredUser[]> {
    return this.selectUsers((query) => query);
  }

  /** Counts the enabled users with this role. */
  async countEnabled(role: string): Promise<number> {
    const row = await this.context.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('role', '=', role)
      .where('disabled', '=', this.context.dialect.bool(false))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async setPasswordHash(id: number, passwordHash: string): Promise<boolean> {
    const now = nowIso();
    const result = await this.context.db
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async recordLogin(id: number): Promise<void> {
    await this.context.db.updateTable('users').set({ last_login_at: nowIso() }).where('id', '=', id).execute();
  }

  private async requireUser(id: number): Promise<StoredUser> {
    const user = await this.getUser(id);
    if (user === undefined) {
      throw new AppError('INTERNAL', `Пользователь ${id} не найден сразу после сохранения.`);
    }
    return user;
  }

  /** Runs a write and turns a unique violation into CONFLICT naming the login or e-mail. */
  private async writeGuarded<T>(login: string | null, email: string | null, write: (db: Kysely<DatabaseSchema>) => Promise<T>): Promise<T> {
    try {
      return await write(this.context.db);
    } catch (error) {
      if (!isUniqueViolation(error)) {
        throw error;
      }
      const taken = [login === null ? null : `логин «${login}»`, email === null ? null : `адрес ${email}`].filter((part) => part !== null);
      const what = taken.join(' или ');
      throw new AppError('CONFLICT', `Пользователь с такими данными уже есть: ${what} занят. Выберите другой.`, { cause: error });
    }
  }

  private async checkLinks(db: Kysely<DatabaseSchema>, managerId: number | null, teamIds: readonly number[]): Promise<void> {
    if (managerId !== null) {
      const manager = await db.selectFrom('managers').select('id').where('id', '=', managerId).executeTakeFirst();
      if (manager === undefined) {
        throw new AppError('NOT_FOUND', `Менеджер ${managerId} не найден. Выберите менеджера из списка.`);
      }
    }
    const unique = [...new Set(teamIds)];
    if (unique.length > 0) {
      const teams = await db.selectFrom('teams').select('id').where('id', 'in', unique).execute();
      const found = new Set(teams.map((team) => team.id));
      const missing = unique.filter((teamId) => !found.has(teamId));
      if (missing.length > 0) {
        throw new AppError('NOT_FOUND', `Команда ${missing.join(', ')} не найдена. Выберите команды из списка.`);
      }
    }
  }

  private async writeTeams(db: Kysely<DatabaseSchema>, userId: number, teamIds: readonly number[]): Promise<void> {
    const unique = [...new Set(teamIds)];
    if (unique.length > 0) {
      await db.insertInto('user_teams').values(unique.map((teamId) => ({ user_id: userId, team_id: teamId }))).execute();
    }
  }

  private async selectUsers(
    where: (query: ReturnType<UserRepository['baseQuery']>) => ReturnType<UserRepository['baseQuery']>,
  ): Promise<StoredUser[]> {
    const rows = await where(this.baseQuery()).orderBy('users.display_name').orderBy('users.id').execute();
    if (rows.length === 0) {
      return [];
    }
    const teams: { user_id: number; id: number; name: string }[] = [];
    for (const chunk of chunkRows(rows.map((row) => row.id), 1)) {
      const found = await this.context.db
        .selectFrom('user_teams')
        .innerJoin('teams', 'teams.id', 'user_teams.team_id')
        .select(['user_teams.user_id', 'teams.id', 'teams.name'])
        .where('user_teams.user_id', 'in', chunk)
        .orderBy('teams.name_key')
        .execute();
      teams.push(...found);
    }
    return rows.map((row) => ({
      id: row.id,
      login: row.login,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      manager: row.manager_id === null || row.manager_name === null ? null : { id: row.manager_id, name: row.manager_name },
      teams: teams.filter((team) => team.user_id === row.id).map((team) => ({ id: team.id, name: team.name })),
      timeZone: row.time_zone,
      disabled: readBool(row.disabled) ?? false,
      passwordHash: row.password_hash,
      passwordChangedAt: readTimestamp(row.password_changed_at),
      lastLoginAt: readOptionalTimestamp(row.last_login_at),
      createdAt: readTimestamp(row.created_at),
      updatedAt: readTimestamp(row.updated_at),
    }));
  }

  private baseQuery() {
    return this.context.db
      .selectFrom('users')
      .leftJoin('managers', 'managers.id', 'users.manager_id')
      .selectAll('users')
      .select('managers.name as manager_name');
  }
}
