import { useQuery } from '@tanstack/react-query';

import { ApiError, http } from './http-client.ts';

// NOTE: this type mirrors the stored job record (state and progress) because the jobs API has no
// published schema yet. Replace it with the type from src/server/schemas/ once that schema is committed.
export interface JobStatusView {
  id: string;
  state: 'queued' | 'running' | 'retrying' | 'completed' | 'failed' | 'cancelled';
  progress: { done: number; total: number | null; message: string | null };
  error: string | null;
}

const FINAL_STATES: readonly JobStatusView['state'][] = ['completed', 'failed', 'cancelled'];

/** Polls a background job's state until it ends. The data is null when the server has no jobs route. */
export function useJobStatus(jobId: string | null) {
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: async (): Promise<JobStatusView | null> => {
      try {
        return await http.get<JobStatusView>(`/jobs/${encodeURIComponent(jobId ?? '')}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          return null;
        }
        throw error;
      }
    },
    enabled: jobId !== null,
    refetchInterval: (query) => {
      const job = query.state.data;
      return job === null || (job !== undefined && FINAL_STATES.includes(job.state)) ? false : 1500;
    },
  });
}
