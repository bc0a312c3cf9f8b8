import { Navigate } from 'react-router';

import { homePath, useSession } from '../auth/session-context.tsx';

export function HomeRedirect() {
  const { session } = useSession();
  return <Navigate to={homePath(session.user.role)} replace />;
}
