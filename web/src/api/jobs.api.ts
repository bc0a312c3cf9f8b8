import { useQuery } from '@tanstack/react-query';

import type { JobResponse } from '../../../src/server/schemas/jobs.schemas.ts';
import { ApiError, http } from './http-client.ts';

export type JobStatusView = JobResponse;

const FINAL_STATES: readonly JobStatusView['state'][] = ['completed', 'failed', 'cancelled'];

/** Polls a background job's state until it ends. The data is null when the job is not found. */
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
