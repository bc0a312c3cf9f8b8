import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { CallDetail, CallListResponse, CallReviewState, SwapRolesRequest } from '../../../src/server/schemas/calls.schemas.ts';
import type {
  CriterionReviewRequest,
  DisputeAcceptRequest,
  DisputeCreateRequest,
  DisputeListResponse,
  DisputeRejectRequest,
  DisputeView,
  FindingAddRequest,
  FindingReviewRequest,
  OverrideRevertRequest,
} from '../../../src/server/schemas/reviews.schemas.ts';
import { http } from './http-client.ts';
import type { QueryParams } from './http-client.ts';

export function useCallList(query: QueryParams) {
  return useQuery({
    queryKey: ['calls', query],
    queryFn: ({ signal }) => http.get<CallListResponse>('/calls', query, signal),
    placeholderData: keepPreviousData,
  });
}

export const callKey = (id: string) => ['call', id] as const;

export function useCall(id: string) {
  return useQuery({ queryKey: callKey(id), queryFn: ({ signal }) => http.get<CallDetail>(`/calls/${encodeURIComponent(id)}`, undefined, signal) });
}

/**
 * Sends a change to a call's review state. A review returns the new state, which replaces the evaluation,
 * history and disputes shown at once. A dispute returns only the dispute, so the call is fetched again.
 */
function useReviewMutation<T>(callId: string, send: (variables: T) => Promise<CallReviewState | DisputeView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (answer) => {
      if ('evaluation' in answer) {
        queryClient.setQueryData<CallDetail>(callKey(callId), (detail) =>
          detail === undefined ? detail : { ...detail, evaluation: answer.evaluation, reviewHistory: answer.reviewHistory, disputes: answer.disputes },
        );
      }
      await queryClient.invalidateQueries({ queryKey: callKey(callId) });
      void queryClient.invalidateQueries({ queryKey: ['calls'] });
      void queryClient.invalidateQueries({ queryKey: ['disputes'] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
    },
  });
}

const callPath = (id: string) => `/calls/${encodeURIComponent(id)}`;

export function useReviewCriterion(callId: string) {
  return useReviewMutation(callId, ({ criterionId, body }: { criterionId: string; body: CriterionReviewRequest }) =>
    http.post<CallReviewState>(`${callPath(callId)}/review/criteria/${criterionId}`, body),
  );
}

export function useReviewFinding(callId: string) {
  return useReviewMutation(callId, ({ findingKey, body }: { findingKey: string; body: FindingReviewRequest }) =>
    http.post<CallReviewState>(`${callPath(callId)}/review/findings/${encodeURIComponent(findingKey)}`, body),
  );
}

export function useAddFinding(callId: string) {
  return useReviewMutation(callId, (body: FindingAddRequest) => http.post<CallReviewState>(`${callPath(callId)}/review/findings`, body));
}

export function useRevertOverride(callId: string) {
  return useReviewMutation(callId, ({ overrideId, body }: { overrideId: number; body: OverrideRevertRequest }) =>
    http.post<CallReviewState>(`${callPath(callId)}/review/overrides/${String(overrideId)}/revert`, body),
  );
}

export function useSwapRoles(callId: string) {
  return useReviewMutation(callId, (body: SwapRolesRequest) => http.post<CallReviewState>(`${callPath(callId)}/swap-roles`, body));
}

export function useOpenDispute(callId: string) {
  return useReviewMutation(callId, (body: DisputeCreateRequest) => http.post<DisputeView>(`${callPath(callId)}/disputes`, body));
}

export function useAcceptDispute(callId: string) {
  return useReviewMutation(callId, ({ disputeId, body }: { disputeId: number; body: DisputeAcceptRequest }) =>
    http.post<DisputeView>(`/disputes/${String(disputeId)}/accept`, body),
  );
}

export function useRejectDispute(callId: string) {
  return useReviewMutation(callId, ({ disputeId, body }: { disputeId: number; body: DisputeRejectRequest }) =>
    http.post<DisputeView>(`/disputes/${String(disputeId)}/reject`, body),
  );
}

export function useWithdrawDispute(callId: string) {
  return useReviewMutation(callId, (disputeId: number) => http.post<DisputeView>(`/disputes/${String(disputeId)}/withdraw`, {}));
}

export function useDisputes(query: QueryParams) {
  return useQuery({ queryKey: ['disputes', query], queryFn: ({ signal }) => http.get<DisputeListResponse>('/disputes', query, signal) });
}
