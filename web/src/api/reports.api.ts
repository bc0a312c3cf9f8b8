import { keepPreviousData, useQuery } from '@tanstack/react-query';

import type {
  CausesResponse,
  CoachingResponse,
  ComparisonResponse,
  ProblemCallsResponse,
  TrendsResponse,
} from '../../../src/server/schemas/reports.schemas.ts';
import { http } from './http-client.ts';
import type { QueryParams } from './http-client.ts';

export function useCoaching(managerId: number | null, weeks = 8) {
  return useQuery({
    queryKey: ['reports', 'coaching', managerId, weeks],
    queryFn: ({ signal }) => http.get<CoachingResponse>(`/managers/${String(managerId)}/coaching`, { weeks }, signal),
    enabled: managerId !== null,
  });
}

export function useCauses(query: QueryParams) {
  return useQuery({
    queryKey: ['reports', 'causes', query],
    queryFn: ({ signal }) => http.get<CausesResponse>('/reports/causes', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useComparison(query: QueryParams) {
  return useQuery({
    queryKey: ['reports', 'comparison', query],
    queryFn: ({ signal }) => http.get<ComparisonResponse>('/reports/comparison', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTrends(query: QueryParams) {
  return useQuery({
    queryKey: ['reports', 'trends', query],
    queryFn: ({ signal }) => http.get<TrendsResponse>('/reports/trends', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProblemCalls(query: QueryParams) {
  return useQuery({
    queryKey: ['reports', 'problem-calls', query],
    queryFn: ({ signal }) => http.get<ProblemCallsResponse>('/reports/problem-calls', query, signal),
    placeholderData: keepPreviousData,
  });
}
