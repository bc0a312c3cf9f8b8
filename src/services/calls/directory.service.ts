import type { Checklist, CriterionId } from '../../core/model/checklist.ts';
import { FINDING_KINDS } from '../../core/model/evaluation.ts';
import type { FindingKind, Severity } from '../../core/model/evaluation.ts';
import { FINDING_TITLES, SEVERITY_TITLES } from '../../core/model/finding-titles.ts';
import type { Database, Manager, Team } from '../../data/index.ts';
import { callScopeOf } from '../accounts/access.ts';
import type { Viewer } from '../accounts/access.ts';
import { ROLE_IDS, ROLE_TITLES } from '../accounts/roles.ts';
import type { RoleId } from '../accounts/roles.ts';

export interface ReferenceView {
  roles: { id: RoleId; title: string }[];
  findingKinds: { id: FindingKind; title: string }[];
  severities: { id: Severity; title: string }[];
  criteria: { id: CriterionId; title: string; weight: number; critical: boolean }[];
  checklist: { id: string; version: number; title: string };
}

/** Managers, teams and the Russian names of stable ids, for filters and labels. */
export class DirectoryService {
  constructor(private readonly deps: { database: Database; activeChecklist: () => Promise<Checklist> }) {}

  /** Managers whose calls the viewer may see. */
  async listManagers(viewer: Viewer): Promise<Manager[]> {
    const scope = callScopeOf(viewer);
    const managers = await this.deps.database.managers.listManagers();
    switch (scope.kind) {
      case 'all':
        return managers;
      case 'none':
        return [];
      case 'managers':
        return managers.filter((manager) => scope.managerIds.includes(manager.id));
      case 'teams':
        return managers.filter((manager) => manager.team !== null && scope.teamIds.includes(manager.team.id));
    }
  }

  /** Lists the teams whose calls the viewer may see, for a manager their own team. */
  async listTeams(viewer: Viewer): Promise<Team[]> {
    const scope = callScopeOf(viewer);
    const teams = await this.deps.database.managers.listTeams();
    switch (scope.kind) {
      case 'all':
        return teams;
      case 'none':
        return [];
      case 'teams':
        return teams.filter((team) => scope.teamIds.includes(team.id));
      case 'managers': {
        const own = await this.listManagers(viewer);
        const teamIds = new Set(own.flatMap((manager) => (manager.team === null ? [] : [manager.team.id])));
        return teams.filter((team) => teamIds.has(team.id));
      }
    }
  }

  async reference(): Promise<ReferenceView> {
    const checklist = await this.deps.activeChecklist();
    return {
      roles: ROLE_IDS.map((id) => ({ id, title: ROLE_TITLES[id] })),
      findingKinds: FINDING_KINDS.map((id) => ({ id, title: FINDING_TITLES[id] })),
      severities: (['critical', 'major', 'minor'] as const).map((id) => ({ id, title: SEVERITY_TITLES[id] })),
      criteria: checklist.criteria
        .filter((criterion) => criterion.enabled)
        .map((criterion) => ({ id: criterion.id, title: criterion.title, weight: criterion.weight, critical: criterion.critical })),
      checklist: { id: checklist.id, version: checklist.version, title: checklist.title },
    };
  }
}
