import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { AlertTestResponse, IntegrationStatusResponse } from '../../../src/server/schemas/integrations.schemas.ts';
import { http } from './http-client.ts';

export type IntegrationStatusView = IntegrationStatusResponse;
export type AlertTestView = AlertTestResponse;

export function useIntegrations() {
  return useQuery({ queryKey: ['integrations'], queryFn: () => http.get<IntegrationStatusView>('/integrations') });
}

/** Sends a test alert through every channel, or one; the page then shows each channel's last send. */
export function useSendTestAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channel: string | null) => http.post<AlertTestView>('/integrations/alerts/test', channel === null ? {} : { channel }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['integrations'] }),
  });
}
