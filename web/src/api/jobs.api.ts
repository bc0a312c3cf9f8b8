import { useQuery } from '@tanstack/react-query';

import { ApiError, http } from './http-client.ts';

// NOTE: the jobs API has no published schema yet; this mirrors the stored job record (state and progress)
// and is to be replaced by the type from src/server/schemas/ when the jobs routes land.
export interface JobStatusView {
  id: string;
  state: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  progress: { done: number; total: number | null; message: string | null };
  error: string | null;
}

const FINAL_STATES: readonly JobStatusView['state'][] = ['completed', 'failed', 'cancelled'];

/** A background job's state, polled until it ends; null while the server does not report jobs. */
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
