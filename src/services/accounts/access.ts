import type { CallFilter } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { ROLE_TITLES } from './roles.ts';
import type { RoleId } from './roles.ts';

/** The requester: the signed-in user, or okk itself for the CLI and jobs (`userId` null). */
export interface Viewer {
  userId: number | null;
  displayName: string;
  role: RoleId;
  /** For a `manager`: the manager record whose calls the user sees. */
  managerId: number | null;
  /** For a `head_of_sales`: the teams whose calls the user sees. */
  teamIds: readonly number[];
  timeZone: string | null;
}

/** The viewer for CLI commands and jobs, which act for the installation and see everything. */
export const SYSTEM_VIEWER: Viewer = { userId: null, displayName: 'okk', role: 'admin', managerId: null, teamIds: [], timeZone: null };

/** The calls a viewer may see. */
export type CallScope =
  | { kind: 'all' }
  | { kind: 'managers'; managerIds: readonly number[] }
  | { kind: 'teams'; teamIds: readonly number[] }
  | { kind: 'none' };

/**
 * A manager sees their own calls, a head of sales the calls of their teams (the team a call was saved
 * with), a QA reviewer and an administrator every call. A manager or head of sales without links sees none.
 */
export function callScopeOf(viewer: Viewer): CallScope {
  switch (viewer.role) {
    case 'admin':
    case 'qa_reviewer':
      return { kind: 'all' };
    case 'manager':
      return viewer.managerId === null ? { kind: 'none' } : { kind: 'managers', managerIds: [viewer.managerId] };
    case 'head_of_sales':
      return viewer.teamIds.length === 0 ? { kind: 'none' } : { kind: 'teams', teamIds: viewer.teamIds };
  }
}

export function canSeeCall(scope: CallScope, call: { managerId: number | null; teamId: number | null }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'managers':
      return call.managerId !== null && scope.managerIds.includes(call.managerId);
    case 'teams':
      return call.teamId !== null && scope.teamIds.includes(call.teamId);
  }
}

/** True when the viewer may see the manager's page: their own, or a manager of their teams. */
export function canSeeManager(scope: CallScope, manager: { id: number; team: { id: number } | null }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'managers':
      return scope.managerIds.includes(manager.id);
    case 'teams':
      return manager.team !== null && scope.teamIds.includes(manager.team.id);
  }
}

/**
 * Narrows a list filter to the calls the scope allows. Returns null when nothing can match, because in
 * `CallFilter` an empty id list means "no filter", not "no calls".
 */
export function restrictFilter(filter: CallFilter, scope: CallScope): CallFilter | null {
  switch (scope.kind) {
    case 'all':
      return filter;
    case 'none':
      return null;
    case 'managers': {
      const managerIds = intersect(filter.managerIds, scope.managerIds);
      return managerIds.length === 0 ? null : { ...filter, managerIds };
    }
    case 'teams': {
      const teamIds = intersect(filter.teamIds, scope.teamIds);
      return teamIds.length === 0 ? null : { ...filter, teamIds };
    }
  }
}

function intersect(requested: readonly number[] | undefined, allowed: readonly number[]): number[] {
  if (requested === undefined || requested.length === 0) {
    return [...allowed];
  }
  return requested.filter((id) => allowed.includes(id));
}

/** Fails with FORBIDDEN unless the viewer has one of the roles. `action` is Russian, e.g. «менять оценки». */
export function requireRole(viewer: Viewer, roles: readonly RoleId[], action: string): void {
  if (!roles.includes(viewer.role)) {
    const allowed = roles.map((role) => `«${ROLE_TITLES[role]}»`).join(', ');
    throw new AppError('FORBIDDEN', `Недостаточно прав: ${action} могут только пользователи с ролью ${allowed}.`);
  }
}

/** Builds the error for a call the viewer may not see. It reads as a missing call, so ids of others' calls are not confirmed. */
export function callNotFound(callId: string): AppError {
  return new AppError('NOT_FOUND', `Звонок «${callId}» не найден.`);
}
