import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type {
  ChecklistBody,
  ChecklistDetail,
  ChecklistListResponse,
  ReevaluationRequest,
  ReevaluationResponse,
} from '../../../src/server/schemas/checklists.schemas.ts';
import { http } from './http-client.ts';

export function useChecklists() {
  return useQuery({ queryKey: ['checklists'], queryFn: () => http.get<ChecklistListResponse>('/checklists') });
}

export function useChecklist(id: string) {
  return useQuery({ queryKey: ['checklists', id], queryFn: () => http.get<ChecklistDetail>(`/checklists/${encodeURIComponent(id)}`) });
}

export function useChecklistVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: ['checklists', id, 'versions', version],
    queryFn: () => http.get<ChecklistDetail>(`/checklists/${encodeURIComponent(id)}/versions/${String(version)}`),
    enabled: version !== null,
  });
}

export function useSaveChecklist(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChecklistBody) => http.put<ChecklistDetail>(`/checklists/${encodeURIComponent(id)}`, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(['checklists', id], detail);
      void queryClient.invalidateQueries({ queryKey: ['checklists'] });
      void queryClient.invalidateQueries({ queryKey: ['reference'] });
    },
  });
}

export function useStartReevaluation(id: string) {
  return useMutation({
    mutationFn: (body: ReevaluationRequest) => http.post<ReevaluationResponse>(`/checklists/${encodeURIComponent(id)}/reevaluations`, body),
  });
}
