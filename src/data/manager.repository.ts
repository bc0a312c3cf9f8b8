import type { ManagerInfo } from '../core/model/transcript.ts';
import { AppError } from '../lib/app-error.ts';
import type { DataContext } from './data-context.ts';
import { chunkRows, nowIso } from './data-context.ts';
import { cleanName, nameKey } from './name-key.ts';

export interface Team {
  id: number;
  name: string;
}

export interface Manager {
  id: number;
  name: string;
  team: Team | null;
  supervisor: string | null;
  position: string | null;
}

/**
 * Teams and managers, found or created by name: the same person imported twice, or spelled with other
 * case or «ё», is one manager. A later import with a team, supervisor or position updates them.
 */
export class ManagerRepository {
  constructor(private readonly context: DataContext) {}

  async findOrCreateTeam(name: string): Promise<Team> {
    const ids = await this.upsertTeams([name]);
    const key = nameKey(name);
    const id = ids.get(key);
    if (id === undefined) {
      throw new AppError('INVALID_INPUT', 'Название команды пустое: укажите название.');
    }
    const team = await this.context.db.selectFrom('teams').select(['id', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
    return team;
  }

  async findOrCreateManager(info: ManagerInfo): Promise<Manager> {
    const ids = await this.upsertManagers([info]);
    const id = ids.get(nameKey(info.name));
    const manager = id === undefined ? undefined : await this.getManager(id);
    if (manager === undefined) {
      throw new AppError('INVALID_INPUT', 'Имя менеджера пустое: укажите имя.');
    }
    return manager;
  }

  async getManager(id: number): Promise<Manager | undefined> {
    const managers = await this.selectManagers().where('managers.id', '=', id).execute();
    return managers.map(toManager)[0];
  }

  /** Managers by name, optionally of one team. */
  async listManagers(filter: { teamId?: number } = {}): Promise<Manager[]> {
    let query = this.selectManagers().orderBy('managers.name_key').orderBy('managers.id');
    if (filter.teamId !== undefined) {
      query = query.where('managers.team_id', '=', filter.teamId);
    }
    return (await query.execute()).map(toManager);
  }

  async listTeams(): Promise<Team[]> {
    return this.context.db.selectFrom('teams').select(['id', 'name']).orderBy('name_key').orderBy('id').execute();
  }

  /** Inserts the teams that are new and returns the id of each name's key. Blank names are skipped. */
  async upsertTeams(names: readonly (string | null)[]): Promise<Map<string, number>> {
    const byKey = new Map<string, string>();
    for (const name of names) {
      const cleaned = cleanName(name);
      if (cleaned !== null) {
        byKey.set(nameKey(cleaned), cleaned);
      }
    }
    const ids = new Map<string, number>();
    const createdAt = nowIso();
    const rows = [...byKey].map(([key, name]) => ({ name, name_key: key, created_at: createdAt }));
    for (const chunk of chunkRows(rows, 3)) {
      // A no-op update rather than DO NOTHING, so RETURNING also yields the rows that already exist.
      const returned = await this.context.db
        .insertInto('teams')
        .values(chunk)
        .onConflict((conflict) => conflict.column('name_key').doUpdateSet((eb) => ({ name_key: eb.ref('excluded.name_key') })))
        .returning(['id', 'name_key'])
        .execute();
      for (const row of returned) {
        ids.set(row.name_key, row.id);
      }
    }
    return ids;
  }

  /**
   * Inserts or updates managers and returns the id of each name's key. A null team, supervisor or
   * position keeps the stored value; blank names are skipped; the last entry of a repeated name wins.
   */
  async upsertManagers(managers: readonly ManagerInfo[]): Promise<Map<string, number>> {
    return (await this.upsertManagersAndTeams(managers)).managerIds;
  }

  /** `upsertManagers` that also returns the id of each team name's key. */
  async upsertManagersAndTeams(managers: readonly ManagerInfo[]): Promise<{ managerIds: Map<string, number>; teamIds: Map<string, number> }> {
    const teamIds = await this.upsertTeams(managers.map((manager) => manager.team));
    const byKey = new Map<string, ManagerInfo & { name: string }>();
    for (const manager of managers) {
      const name = cleanName(manager.name);
      if (name !== null) {
        byKey.set(nameKey(name), { ...manager, name });
      }
    }

    const now = nowIso();
    const rows = [...byKey].map(([key, manager]) => {
      const team = cleanName(manager.team);
      return {
        name: manager.name,
        name_key: key,
        team_id: team === null ? null : (teamIds.get(nameKey(team)) ?? null),
        supervisor: cleanName(manager.supervisor),
        position: cleanName(manager.position),
        created_at: now,
        updated_at: now,
      };
    });

    const ids = new Map<string, number>();
    for (const chunk of chunkRows(rows, 7)) {
      const returned = await this.context.db
        .insertInto('managers')
        .values(chunk)
        .onConflict((conflict) =>
          conflict.column('name_key').doUpdateSet((eb) => ({
            team_id: eb.fn.coalesce('excluded.team_id', 'managers.team_id'),
            supervisor: eb.fn.coalesce('excluded.supervisor', 'managers.supervisor'),
            position: eb.fn.coalesce('excluded.position', 'managers.position'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returning(['id', 'name_key'])
        .execute();
      for (const row of returned) {
        ids.set(row.name_key, row.id);
      }
    }
    return { managerIds: ids, teamIds };
  }

  private selectManagers() {
    return this.context.db
      .selectFrom('managers')
      .leftJoin('teams', 'teams.id', 'managers.team_id')
      .select([
        'managers.id',
        'managers.name',
        'managers.supervisor',
        'managers.position',
        'teams.id as team_id',
        'teams.name as team_name',
      ]);
  }
}

function toManager(row: {
  id: number;
  name: string;
  supervisor: string | null;
  position: string | null;
  team_id: number | null;
  team_name: string | null;
}): Manager {
  return {
    id: row.id,
    name: row.name,
    team: row.team_id === null || row.team_name === null ? null : { id: row.team_id, name: row.team_name },
    supervisor: row.supervisor,
    position: row.position,
  };
}
