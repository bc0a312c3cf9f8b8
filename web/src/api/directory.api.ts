import { useQuery } from '@tanstack/react-query';

import type { ManagerListResponse, ReferenceResponse, TeamListResponse } from '../../../src/server/schemas/directory.schemas.ts';
import { http } from './http-client.ts';

const LONG = 10 * 60_000;

/** Russian names of roles, finding kinds, severities and the active checklist's criteria. */
export function useReference() {
  return useQuery({ queryKey: ['reference'], queryFn: () => http.get<ReferenceResponse>('/reference'), staleTime: LONG });
}

export function useManagers(enabled = true) {
  return useQuery({ queryKey: ['managers'], queryFn: () => http.get<ManagerListResponse>('/managers'), staleTime: LONG, enabled });
}

export function useTeams(enabled = true) {
  return useQuery({ queryKey: ['teams'], queryFn: () => http.get<TeamListResponse>('/teams'), staleTime: LONG, enabled });
}
