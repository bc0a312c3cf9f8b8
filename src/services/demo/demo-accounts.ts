import type { Database } from '../../data/index.ts';
import { SYSTEM_VIEWER } from '../accounts/access.ts';
import { AccountService } from '../accounts/account.service.ts';
import type { RoleId } from '../accounts/roles.ts';
import type { Logger } from '../../lib/logger.ts';

export interface DemoLogin {
  login: string;
  password: string;
  role: RoleId;
  displayName: string;
}

// Latin logins for the sample managers' surnames; people type logins on any keyboard layout.
const LATIN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

export function transliterate(text: string): string {
  let latin = '';
  for (const letter of text.toLowerCase()) {
    latin += LATIN[letter] ?? (/[a-z0-9]/.test(letter) ? letter : '');
  }
  return latin;
}

/**
 * Makes sure the demo has one user of each role: an administrator, a head of sales over every team,
 * a QA reviewer, and a manager account for each manager in the store. Every run sets new passwords
 * for these accounts and returns them, so the console can print a working login each time.
 */
export async function ensureDemoAccounts(database: Database, logger: Logger): Promise<DemoLogin[]> {
  const accounts = new AccountService({ database, logger });
  const teams = await database.managers.listTeams();
  const managers = await database.managers.listManagers();

  const wanted: { login: string; displayName: string; role: RoleId; managerId: number | null; teamIds: number[] }[] = [
    { login: 'admin', displayName: 'Администратор', role: 'admin', managerId: null, teamIds: [] },
    { login: 'rop', displayName: 'Руководитель продаж', role: 'head_of_sales', managerId: null, teamIds: teams.map((team) => team.id) },
    { login: 'okk', displayName: 'Специалист ОКК', role: 'qa_reviewer', managerId: null, teamIds: [] },
  ];
  const taken = new Set(wanted.map((item) => item.login));
  for (const manager of managers) {
    const surname = manager.name.split(/\s+/).at(-1) ?? manager.name;
    let login = transliterate(surname) || `manager${manager.id}`;
    if (taken.has(login)) {
      login = `${login}${manager.id}`;
    }
    taken.add(login);
    wanted.push({ login, displayName: manager.name, role: 'manager', managerId: manager.id, teamIds: [] });
  }

  const logins: DemoLogin[] = [];
  for (const account of wanted) {
    const existing = await database.users.findByLogin(account.login);
    const result = existing === undefined
      ? await accounts.createUser(SYSTEM_VIEWER, account)
      : await accounts.resetPassword(SYSTEM_VIEWER, existing.id);
    logins.push({ login: account.login, password: result.generatedPassword ?? '', role: result.user.role, displayName: result.user.displayName });
  }
  return logins;
}
