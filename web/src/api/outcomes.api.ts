import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';

import type { clientHistorySchema, outcomesReportSchema } from '../../../src/server/schemas/outcomes.schemas.ts';
import { http } from './http-client.ts';
import type { QueryParams } from './http-client.ts';

export type OutcomesReport = z.infer<typeof outcomesReportSchema>;
export type ClientHistory = z.infer<typeof clientHistorySchema>;
export type ManagerOutcomes = OutcomesReport['totals'];
export type OutcomeDriver = OutcomesReport['drivers']['detractors']['drivers'][number];

/** Promise follow-through, callbacks, NPS and repeat purchases over the viewer's teams. */
export function useOutcomes(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['reports', 'outcomes', query],
    queryFn: ({ signal }) => http.get<OutcomesReport>('/outcomes', query, signal),
    enabled,
  });
}

export function useManagerOutcomes(managerId: number | null, query: QueryParams) {
  return useQuery({
    queryKey: ['reports', 'manager-outcomes', managerId, query],
    queryFn: ({ signal }) => http.get<OutcomesReport>(`/managers/${String(managerId)}/outcomes`, query, signal),
    enabled: managerId !== null,
  });
}

/** Fetches the client's earlier and later contacts and the follow-through of the call's promises. */
export function useClientHistory(callId: string) {
  return useQuery({
    queryKey: ['call', callId, 'client-history'],
    queryFn: ({ signal }) => http.get<ClientHistory>(`/calls/${encodeURIComponent(callId)}/client-history`, undefined, signal),
  });
}

/** The follow-through of a promise as the UI shows it. */
export const PROMISE_OUTCOME_TITLES: Record<ClientHistory['promises'][number]['outcome'], string> = {
  kept: 'Выполнено',
  broken: 'Не выполнено',
  pending: 'Срок не наступил',
  unverified: 'Не проверено: нет данных в журнале звонков',
};

export const PROMISE_OUTCOME_COLORS: Record<ClientHistory['promises'][number]['outcome'], string> = {
  kept: 'teal',
  broken: 'red',
  pending: 'gray',
  unverified: 'gray',
};
