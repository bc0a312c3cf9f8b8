import Table from 'cli-table3';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';

import { foldText } from '../../core/text/normalize.ts';
import type { Database } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { formatCallDate } from '../../lib/russian-format.ts';
import { SYSTEM_VIEWER } from '../../services/accounts/access.ts';
import { AccountService } from '../../services/accounts/account.service.ts';
import type { Account, AccountWithPassword } from '../../services/accounts/account.service.ts';
import { isRoleId, ROLE_IDS, ROLE_TITLES } from '../../services/accounts/roles.ts';
import type { RoleId } from '../../services/accounts/roles.ts';
import { createCliRuntime, openConfiguredDatabase } from '../cli-runtime.ts';
import type { CliRuntime } from '../cli-runtime.ts';
import { EXIT } from '../exit-codes.ts';

interface CommonFlags {
  database?: string;
}

interface NewUserFlags extends CommonFlags {
  login: string;
  name?: string;
  email?: string;
  password?: string;
}

interface AddFlags extends NewUserFlags {
  role: RoleId;
  manager?: string;
  team: string[];
}

interface ResetFlags extends CommonFlags {
  login: string;
  password?: string;
}

const DATABASE_OPTION = ['--database <адрес>', 'база данных: sqlite:ПУТЬ или postgres://… (по умолчанию из настроек)'] as const;

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('пользователи веб-интерфейса: создать, посмотреть, сбросить пароль');

  users
    .command('create-admin')
    .description('создать администратора (первого пользователя okk)')
    .requiredOption('--login <логин>', 'логин для входа')
    .option('--name <имя>', 'имя, которое видят другие пользователи (по умолчанию логин)')
    .option('--email <адрес>', 'адрес электронной почты; по нему тоже можно войти')
    .option('--password <пароль>', 'пароль не короче 10 символов (без него пароль будет создан и показан один раз)')
    .option(...DATABASE_OPTION)
    .action(async (flags: NewUserFlags) => {
      process.exitCode = await withAccounts(flags, async (accounts) => {
        printCreated(await accounts.createUser(SYSTEM_VIEWER, { ...accountFields(flags), role: 'admin' }));
      });
    });

  users
    .command('add')
    .description('добавить пользователя с ролью')
    .requiredOption('--login <логин>', 'логин для входа')
    .requiredOption('--role <роль>', `роль: ${ROLE_IDS.map((role) => `${role} (${ROLE_TITLES[role]})`).join(', ')}`, parseRole)
    .option('--name <имя>', 'имя, которое видят другие пользователи (по умолчанию логин)')
    .option('--email <адрес>', 'адрес электронной почты; по нему тоже можно войти')
    .option('--manager <менеджер>', 'для роли manager: имя менеджера, как в звонках, или его номер')
    .option('--team <команда>', 'для роли head_of_sales: название команды или её номер (можно повторить)', collect, [])
    .option('--password <пароль>', 'пароль не короче 10 символов (без него пароль будет создан и показан один раз)')
    .option(...DATABASE_OPTION)
    .action(async (flags: AddFlags) => {
      process.exitCode = await withAccounts(flags, async (accounts, database) => {
        const managerId = flags.manager === undefined ? null : await findManagerId(database, flags.manager);
        const teamIds = await Promise.all(flags.team.map((team) => findTeamId(database, team)));
        printCreated(await accounts.createUser(SYSTEM_VIEWER, { ...accountFields(flags), role: flags.role, managerId, teamIds }));
      });
    });

  users
    .command('list')
    .description('показать пользователей')
    .option(...DATABASE_OPTION)
    .action(async (flags: CommonFlags) => {
      process.exitCode = await withAccounts(flags, async (accounts, _database, runtime) => {
        const list = await accounts.listUsers(SYSTEM_VIEWER);
        if (list.length === 0) {
          console.log('Пользователей нет. Создайте администратора: okk users create-admin --login admin');
          return;
        }
        console.log(renderUsers(list, runtime.config.timeZone));
      });
    });

  users
    .command('reset-password')
    .description('задать пользователю новый пароль; все его сессии завершатся')
    .requiredOption('--login <логин>', 'логин или адрес электронной почты пользователя')
    .option('--password <пароль>', 'новый пароль не короче 10 символов (без него пароль будет создан и показан один раз)')
    .option(...DATABASE_OPTION)
    .action(async (flags: ResetFlags) => {
      process.exitCode = await withAccounts(flags, async (accounts, database) => {
        const user = await database.users.findByLogin(flags.login);
        if (user === undefined) {
          throw new AppError('NOT_FOUND', `Пользователь «${flags.login}» не найден. Список пользователей: okk users list.`);
        }
        const result = await accounts.resetPassword(SYSTEM_VIEWER, user.id, flags.password);
        console.log(`Пароль пользователя «${result.user.login}» изменён, его сессии завершены.`);
        printPassword(result.generatedPassword);
      });
    });
}

async function withAccounts(flags: CommonFlags, work: (accounts: AccountService, database: Database, runtime: CliRuntime) => Promise<void>): Promise<number> {
  const runtime = createCliRuntime({ databaseUrl: flags.database });
  const database = await openConfiguredDatabase(runtime);
  try {
    await work(new AccountService({ database, logger: runtime.logger }), database, runtime);
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

function accountFields(flags: NewUserFlags) {
  return {
    login: flags.login,
    displayName: flags.name,
    email: flags.email ?? null,
    password: flags.password,
  };
}

function printCreated(result: AccountWithPassword): void {
  const { user } = result;
  const named = user.displayName === user.login ? '' : ` (${user.displayName})`;
  console.log(`Пользователь «${user.login}»${named} создан с ролью «${user.roleTitle}».`);
  printPassword(result.generatedPassword);
}

function printPassword(password: string | null): void {
  if (password !== null) {
    console.log(`Пароль: ${password}`);
    console.log('Сохраните его: больше он нигде не показывается. Сменить пароль можно после входа.');
  }
}

function renderUsers(users: readonly Account[], timeZone: string): string {
  const table = new Table({ head: ['№', 'Логин', 'Имя', 'Роль', 'Видит звонки', 'Последний вход', 'Состояние'], style: { head: [], border: [] } });
  for (const user of users) {
    table.push([user.id, user.login, user.displayName, user.roleTitle, visibleCalls(user), formatCallDate(user.lastLoginAt, timeZone), user.disabled ? 'отключён' : 'активен']);
  }
  return table.toString();
}

/** Describes whose calls the user sees: the manager, the teams, or every call. */
function visibleCalls(user: Account): string {
  if (user.role === 'manager') {
    return user.manager?.name ?? '—';
  }
  if (user.role === 'head_of_sales') {
    return user.teams.length === 0 ? '—' : user.teams.map((team) => team.name).join('; ');
  }
  return 'все';
}

async function findManagerId(database: Database, given: string): Promise<number> {
  const managers = await database.managers.listManagers();
  const byId = /^\d+$/.test(given) ? managers.find((manager) => manager.id === Number(given)) : undefined;
  const found = byId ?? managers.find((manager) => foldText(manager.name) === foldText(given.trim()));
  if (found === undefined) {
    throw new AppError('NOT_FOUND', `Менеджер «${given}» не найден в базе. Имя должно быть таким, как в загруженных звонках.`);
  }
  return found.id;
}

async function findTeamId(database: Database, given: string): Promise<number> {
  const teams = await database.managers.listTeams();
  const byId = /^\d+$/.test(given) ? teams.find((team) => team.id === Number(given)) : undefined;
  const found = byId ?? teams.find((team) => foldText(team.name) === foldText(given.trim()));
  if (found === undefined) {
    throw new AppError('NOT_FOUND', `Команда «${given}» не найдена в базе. Название должно быть таким, как в загруженных звонках.`);
  }
  return found.id;
}

function parseRole(value: string): RoleId {
  if (!isRoleId(value)) {
    throw new InvalidArgumentError(`укажите одну из ролей: ${ROLE_IDS.join(', ')}`);
  }
  return value;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
