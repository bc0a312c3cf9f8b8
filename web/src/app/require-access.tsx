import { Outlet } from 'react-router';

import { can, useSession } from '../auth/session-context.tsx';
import type { Access } from '../auth/session-context.tsx';
import { NoAccessState } from '../components/states.tsx';

/** Shows the nested page only to roles that may open it. */
export function RequireAccess({ access }: { access: Access }) {
  const { session } = useSession();
  return can(session.user.role, access) ? <Outlet /> : <NoAccessState />;
}
