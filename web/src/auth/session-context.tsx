import { createContext, use } from 'react';

import type { SessionResponse } from '../../../src/server/schemas/session.schemas.ts';

export type RoleId = SessionResponse['user']['role'];

export interface SessionValue {
  session: SessionResponse;
  /** The zone dates are shown in: the user's own, or the installation's. */
  timeZone: string;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** Returns the signed-in session; pages under the app shell always have one. */
export function useSession(): SessionValue {
  const value = use(SessionContext);
  if (value === null) {
    throw new Error('useSession is used outside the signed-in app');
  }
  return value;
}

/** Roles allowed into each part of the UI. The API enforces the same rules; this table only shapes the navigation. */
export const ROLE_ACCESS = {
  calls: ['admin', 'head_of_sales', 'qa_reviewer', 'manager'],
  disputes: ['admin', 'head_of_sales', 'qa_reviewer', 'manager'],
  coaching: ['manager', 'admin', 'head_of_sales', 'qa_reviewer'],
  report: ['admin', 'head_of_sales', 'qa_reviewer'],
  checklists: ['admin', 'head_of_sales', 'qa_reviewer'],
  checklistEdit: ['admin'],
  upload: ['admin', 'head_of_sales', 'qa_reviewer'],
  users: ['admin'],
  integrations: ['admin'],
  review: ['admin', 'qa_reviewer'],
} as const satisfies Record<string, readonly RoleId[]>;

export type Access = keyof typeof ROLE_ACCESS;

export function can(role: RoleId, access: Access): boolean {
  return (ROLE_ACCESS[access] as readonly RoleId[]).includes(role);
}

/** Returns the page a role starts on. */
export function homePath(role: RoleId): string {
  switch (role) {
    case 'manager':
      return '/my';
    case 'head_of_sales':
      return '/report';
    case 'admin':
    case 'qa_reviewer':
      return '/calls';
  }
}
