import { describe, expect, it } from 'vitest';

import { callScopeOf, canSeeCall, canSeeManager, requireRole, restrictFilter } from './access.ts';
import type { Viewer } from './access.ts';

const viewer = (fields: Partial<Viewer>): Viewer => ({ userId: 1, displayName: 'Тест', role: 'admin', managerId: null, teamIds: [], timeZone: null, ...fields });

describe('call scope', () => {
  it.each([
    ['admin', viewer({ role: 'admin' }), { kind: 'all' }],
    ['reviewer', viewer({ role: 'qa_reviewer' }), { kind: 'all' }],
    ['manager', viewer({ role: 'manager', managerId: 7 }), { kind: 'managers', managerIds: [7] }],
    ['unlinked manager', viewer({ role: 'manager' }), { kind: 'none' }],
    ['head of sales', viewer({ role: 'head_of_sales', teamIds: [2, 3] }), { kind: 'teams', teamIds: [2, 3] }],
    ['head without teams', viewer({ role: 'head_of_sales' }), { kind: 'none' }],
  ])('of %s', (_name, who, scope) => {
    expect(callScopeOf(who)).toEqual(scope);
  });

  it.each([
    [{ kind: 'all' } as const, { managerId: null, teamId: null }, true],
    [{ kind: 'none' } as const, { managerId: 1, teamId: 1 }, false],
    [{ kind: 'managers', managerIds: [1] } as const, { managerId: 1, teamId: 9 }, true],
    [{ kind: 'managers', managerIds: [1] } as const, { managerId: 2, teamId: 9 }, false],
    [{ kind: 'managers', managerIds: [1] } as const, { managerId: null, teamId: 9 }, false],
    [{ kind: 'teams', teamIds: [9] } as const, { managerId: 2, teamId: 9 }, true],
    [{ kind: 'teams', teamIds: [9] } as const, { managerId: 2, teamId: null }, false],
  ])('lets %j see call %j: %s', (scope, call, expected) => {
    expect(canSeeCall(scope, call)).toBe(expected);
  });

  it.each([
    [{ kind: 'teams', teamIds: [9] } as const, { id: 5, team: { id: 9 } }, true],
    [{ kind: 'teams', teamIds: [9] } as const, { id: 5, team: { id: 8 } }, false],
    [{ kind: 'teams', teamIds: [9] } as const, { id: 5, team: null }, false],
    [{ kind: 'managers', managerIds: [5] } as const, { id: 5, team: null }, true],
  ])('lets %j see manager %j: %s', (scope, manager, expected) => {
    expect(canSeeManager(scope, manager)).toBe(expected);
  });
});

describe('restrictFilter', () => {
  it.each([
    ['keeps a filter for everyone', { kind: 'all' } as const, { teamIds: [4] }, { teamIds: [4] }],
    ['adds the manager', { kind: 'managers', managerIds: [1] } as const, { direction: 'inbound' as const }, { direction: 'inbound', managerIds: [1] }],
    ['keeps allowed teams asked for', { kind: 'teams', teamIds: [1, 2] } as const, { teamIds: [2, 5] }, { teamIds: [2] }],
    ['finds nothing outside the teams', { kind: 'teams', teamIds: [1, 2] } as const, { teamIds: [5] }, null],
    ['finds nothing for another manager', { kind: 'managers', managerIds: [1] } as const, { managerIds: [3] }, null],
    ['finds nothing without a scope', { kind: 'none' } as const, {}, null],
  ])('%s', (_name, scope, filter, expected) => {
    expect(restrictFilter(filter, scope)).toEqual(expected);
  });
});

describe('requireRole', () => {
  it('names the allowed roles in Russian', () => {
    expect(() => {
      requireRole(viewer({ role: 'manager' }), ['qa_reviewer', 'admin'], 'менять оценки');
    }).toThrow(
      'Недостаточно прав: менять оценки могут только пользователи с ролью «Специалист ОКК», «Администратор».',
    );
    expect(() => {
      requireRole(viewer({ role: 'admin' }), ['qa_reviewer', 'admin'], 'менять оценки');
    }).not.toThrow();
  });
});
