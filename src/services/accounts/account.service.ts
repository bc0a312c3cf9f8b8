import type { Database, StoredUser, UserChanges } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Logger } from '../../lib/logger.ts';
import { requireRole } from './access.ts';
import type { Viewer } from './access.ts';
import { DEFAULT_FAILURE_WINDOW_MS, DEFAULT_MAX_FAILURES, FailureLimit, loginFailureKey, passwordChangeFailureKey } from './failure-limit.ts';
import type { FailureLimitSettings } from './failure-limit.ts';
import { DEFAULT_SCRYPT, generatePassword, hashPassword, verifyPassword } from './password-hasher.ts';
import type { ScryptParameters } from './password-hasher.ts';
import { ROLE_TITLES } from './roles.ts';
import type { RoleId } from './roles.ts';

/** A user as the API and the CLI show them; the password hash never leaves the service. */
export interface Account {
  id: number;
  login: string;
  email: string | null;
  displayName: string;
  role: RoleId;
  roleTitle: string;
  manager: { id: number; name: string } | null;
  teams: { id: number; name: string }[];
  timeZone: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AccountInput {
  login: string;
  email?: string | null | undefined;
  displayName?: string | undefined;
  role: RoleId;
  managerId?: number | null | undefined;
  teamIds?: readonly number[] | undefined;
  timeZone?: string | null | undefined;
  /** Without a password, one is generated and returned once. */
  password?: string | undefined;
}

export interface AccountChanges {
  email?: string | null | undefined;
  displayName?: string | undefined;
  role?: RoleId | undefined;
  managerId?: number | null | undefined;
  teamIds?: readonly number[] | undefined;
  timeZone?: string | null | undefined;
  disabled?: boolean | undefined;
}

export interface AccountWithPassword {
  user: Account;
  /** The generated password, or null when the caller set one. */
  generatedPassword: string | null;
}

export const MIN_PASSWORD_LENGTH = 10;

const MANAGE_USERS = 'управлять пользователями';

/** Users, their roles and passwords. Only administrators manage other users. */
export class AccountService {
  private readonly scrypt: ScryptParameters;
  /** Wrong current passwords a user may give in a password change before further tries wait, as sign-in does. */
  private readonly passwordFailures: FailureLimitSettings;
  private readonly failures: FailureLimit;

  constructor(private readonly deps: { database: Database; logger: Logger; scrypt?: ScryptParameters; passwordFailures?: FailureLimitSettings }) {
    this.scrypt = deps.scrypt ?? DEFAULT_SCRYPT;
    this.passwordFailures = deps.passwordFailures ?? { maxFailures: DEFAULT_MAX_FAILURES, windowMs: DEFAULT_FAILURE_WINDOW_MS };
    this.failures = new FailureLimit(deps.database, this.passwordFailures.windowMs);
  }

  async listUsers(viewer: Viewer): Promise<Account[]> {
    requireRole(viewer, ['admin'], MANAGE_USERS);
    return (await this.deps.database.users.listUsers()).map(toAccount);
  }

  async getUser(viewer: Viewer, id: number): Promise<Account> {
    requireRole(viewer, ['admin'], MANAGE_USERS);
    return toAccount(await this.requireUser(id));
  }

  async createUser(viewer: Viewer, input: AccountInput): Promise<AccountWithPassword> {
    requireRole(viewer, ['admin'], MANAGE_USERS);
    checkLinks(input.role, input.managerId ?? null, input.teamIds ?? []);
    const password = input.password ?? generatePassword();
    checkPassword(password);
    const stored = await this.deps.database.users.createUser({
      login: input.login.trim(),
      email: input.email ?? null,
      displayName: displayNameOf(input.displayName, input.login),
      role: input.role,
      managerId: input.managerId ?? null,
      teamIds: input.teamIds ?? [],
      timeZone: input.timeZone ?? null,
      passwordHash: await hashPassword(password, this.scrypt),
    });
    this.deps.logger.info({ userId: stored.id, role: stored.role, by: viewer.userId }, 'user created');
    return { user: toAccount(stored), generatedPassword: input.password === undefined ? password : null };
  }

  /**
   * Changes a user's details, role, links or disabled flag. Disabling ends every session of the user.
   * The last enabled administrator can be neither disabled nor given another role.
   */
  async updateUser(viewer: Viewer, id: number, changes: AccountChanges): Promise<Account> {
    requireRole(viewer, ['admin'], MANAGE_USERS);
    const current = await this.requireUser(id);
    const role = changes.role ?? (current.role as RoleId);
    const managerId = changes.managerId === undefined ? (current.manager?.id ?? null) : changes.managerId;
    const teamIds = changes.teamIds ?? current.teams.map((team) => team.id);
    checkLinks(role, managerId, teamIds);

    const losesAdmin = current.role === 'admin' && !current.disabled && (role !== 'admin' || changes.disabled === true);
    if (losesAdmin && (await this.deps.database.users.countEnabled('admin')) <= 1) {
      throw new AppError('CONFLICT', 'Это последний действующий администратор: сначала назначьте другого администратора.');
    }

    const updated = await this.deps.database.users.updateUser(id, pickChanges(changes));
    if (updated === undefined) {
      throw userNotFound(id);
    }
    if (changes.disabled === true) {
      const ended = await this.deps.database.sessions.deleteUserSessions(id);
      this.deps.logger.info({ userId: id, endedSessions: ended, by: viewer.userId }, 'user disabled');
    }
    return toAccount(updated);
  }

  /**
   * Sets a new password (generated unless given) and ends every session of the user. It also clears the
   * user's failed sign-ins (by login and by e-mail) and wrong current passwords, so the new password works at once.
   */
  async resetPassword(viewer: Viewer, id: number, password?: string): Promise<AccountWithPassword> {
    requireRole(viewer, ['admin'], MANAGE_USERS);
    const user = await this.requireUser(id);
    const next = password ?? generatePassword();
    checkPassword(next);
    await this.deps.database.users.setPasswordHash(id, await hashPassword(next, this.scrypt));
    await this.deps.database.sessions.deleteUserSessions(id);
    const failureKeys = [loginFailureKey(user.login), passwordChangeFailureKey(id)];
    if (user.email !== null) {
      failureKeys.push(loginFailureKey(user.email));
    }
    for (const key of failureKeys) {
      await this.failures.clear(key);
    }
    this.deps.logger.info({ userId: id, by: viewer.userId }, 'password reset');
    return { user: toAccount(user), generatedPassword: password === undefined ? next : null };
  }

  /**
   * Changes the viewer's own password after checking the current one; other sessions of the user end.
   * After too many wrong current passwords it fails with RATE_LIMITED, so a left-open session cannot be
   * used to guess the password.
   */
  async changeOwnPassword(viewer: Viewer, sessionId: number, currentPassword: string, newPassword: string): Promise<void> {
    if (viewer.userId === null) {
      throw new AppError('FORBIDDEN', 'Пароль меняет только вошедший пользователь.');
    }
    const user = await this.requireUser(viewer.userId);
    const key = passwordChangeFailureKey(user.id);
    const now = new Date();
    const retryAfterSec = await this.failures.retryAfterSec(key, this.passwordFailures.maxFailures, now);
    if (retryAfterSec !== null) {
      this.deps.logger.warn({ userId: user.id, sessionId }, 'password change rate limited');
      throw new AppError('RATE_LIMITED', `Слишком много неверных попыток ввести текущий пароль. Повторите через ${Math.ceil(retryAfterSec / 60)} мин.`, {
        details: { retryAfterSec },
      });
    }
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      await this.failures.record([key], now);
      this.deps.logger.warn({ userId: user.id, sessionId }, 'password change: wrong current password');
      throw new AppError('INVALID_INPUT', 'Текущий пароль указан неверно.');
    }
    await this.failures.clear(key);
    checkPassword(newPassword);
    await this.deps.database.users.setPasswordHash(user.id, await hashPassword(newPassword, this.scrypt));
    await this.deps.database.sessions.deleteUserSessions(user.id, sessionId);
  }

  private async requireUser(id: number): Promise<StoredUser> {
    const user = await this.deps.database.users.getUser(id);
    if (user === undefined) {
      throw userNotFound(id);
    }
    return user;
  }
}

export function toAccount(user: StoredUser): Account {
  const role = user.role as RoleId;
  return {
    id: user.id,
    login: user.login,
    email: user.email,
    displayName: user.displayName,
    role,
    roleTitle: ROLE_TITLES[role],
    manager: user.manager,
    teams: user.teams,
    timeZone: user.timeZone,
    disabled: user.disabled,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

function checkLinks(role: RoleId, managerId: number | null, teamIds: readonly number[]): void {
  if (role === 'manager' && managerId === null) {
    throw new AppError('INVALID_INPUT', 'Для роли «Менеджер» укажите менеджера (managerId): пользователь видит только его звонки.');
  }
  if (role === 'head_of_sales' && teamIds.length === 0) {
    throw new AppError('INVALID_INPUT', 'Для роли «Руководитель отдела продаж» укажите хотя бы одну команду (teamIds): пользователь видит звонки этих команд.');
  }
}

/** Returns the display name given, or the login when none is. */
function displayNameOf(displayName: string | undefined, login: string): string {
  const trimmed = displayName?.trim() ?? '';
  return trimmed === '' ? login.trim() : trimmed;
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('INVALID_INPUT', `Пароль слишком короткий: нужно не меньше ${MIN_PASSWORD_LENGTH} символов.`);
  }
}

function userNotFound(id: number): AppError {
  return new AppError('NOT_FOUND', `Пользователь ${id} не найден.`);
}

function pickChanges(changes: AccountChanges): UserChanges {
  const picked: UserChanges = {};
  if (changes.email !== undefined) picked.email = changes.email;
  if (changes.displayName !== undefined) picked.displayName = changes.displayName.trim();
  if (changes.role !== undefined) picked.role = changes.role;
  if (changes.managerId !== undefined) picked.managerId = changes.managerId;
  if (changes.teamIds !== undefined) picked.teamIds = changes.teamIds;
  if (changes.timeZone !== undefined) picked.timeZone = changes.timeZone;
  if (changes.disabled !== undefined) picked.disabled = changes.disabled;
  return picked;
}
