import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';

import { setUnauthorizedHandler } from '../api/http-client.ts';
import { sessionKey, useSessionQuery } from '../api/session.api.ts';
import { SessionContext } from '../auth/session-context.tsx';
import { ErrorState } from '../components/states.tsx';

/** Loads the session; without one, sends the user to the login page and back here afterwards. */
export function SessionGate() {
  const session = useSessionQuery();
  const queryClient = useQueryClient();
  const location = useLocation();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.setQueryData(sessionKey, null);
    });
    return () => {
      setUnauthorizedHandler(null);
    };
  }, [queryClient]);

  const value = useMemo(
    () => (session.data ? { session: session.data, timeZone: session.data.user.timeZone ?? session.data.timeZone } : null),
    [session.data],
  );

  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (session.isError) {
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (value === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <SessionContext value={value}>
      <Outlet />
    </SessionContext>
  );
}
