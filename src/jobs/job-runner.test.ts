import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';

import type { JobProgress } from './job-queue.ts';
import { JobRunner } from './job-runner.ts';
import type { ClaimedJob, JobBackend, LeaseState } from './job-runner.ts';
import { waitUntil } from './testing/job-test-env.ts';

function capturingLogger(lines: Record<string, unknown>[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return pino({ level: 'info' }, sink);
}

/** Builds a backend whose claims fail `failures` times and then hand out `jobs` one by one. */
function scriptedBackend(failures: number, jobs: ClaimedJob[]) {
  const completed: { id: string; result: unknown }[] = [];
  const progress: JobProgress[] = [];
  let claims = 0;
  const backend: JobBackend<ClaimedJob> = {
    claim: () => {
      claims += 1;
      if (claims <= failures) {
        return Promise.reject(new Error('connection refused'));
      }
      return Promise.resolve(jobs.shift());
    },
    renewLease: (): Promise<LeaseState> => Promise.resolve('held'),
    reportProgress: (_job, report): Promise<LeaseState> => {
      progress.push(report);
      return Promise.resolve('held');
    },
    complete: (job, result) => {
      completed.push({ id: job.id, result });
      return Promise.resolve();
    },
    fail: () => Promise.resolve({ retryAt: null }),
    release: () => Promise.resolve(),
  };
  return { backend, completed, progress };
}

const TIMINGS = { pollIntervalMs: 5, leaseMs: 1000, stopGraceMs: 100 };

describe('JobRunner', () => {
  it('logs failing claims once and their recovery', async () => {
    const lines: Record<string, unknown>[] = [];
    const { backend, completed } = scriptedBackend(40, [{ id: 'job-1', name: 'analyze-upload', payload: { uploadId: 'u1' }, attempt: 1, maxAttempts: 3 }]);
    const runner = new JobRunner(backend, TIMINGS, capturingLogger(lines));

    runner.start(['analyze-upload'], () => Promise.resolve({ ok: true }), 1);
    await waitUntil(() => completed.length === 1, 'the job to complete');
    await runner.stop();

    expect(lines.filter((line) => line.msg === 'claiming a job failed').map((line) => line.failures)).toEqual([1, 31]);
    expect(lines.filter((line) => line.msg === 'claiming jobs works again').map((line) => line.failures)).toEqual([40]);
  });

  it('passes the parsed payload and progress to the handler', async () => {
    const { backend, completed, progress } = scriptedBackend(0, [{ id: 'job-2', name: 'analyze-upload', payload: { uploadId: 'u2' }, attempt: 2, maxAttempts: 3 }]);
    const runner = new JobRunner(backend, TIMINGS, pino({ level: 'silent' }));
    const seen: unknown[] = [];

    runner.start(
      ['analyze-upload'],
      async (job) => {
        seen.push(job.payload, job.attempt, job.maxAttempts);
        await job.reportProgress({ done: 1, total: 1, message: 'Готово' });
        return { seen: true };
      },
      1,
    );
    await waitUntil(() => completed.length === 1, 'the job to complete');
    await runner.stop();

    expect(seen).toEqual([{ uploadId: 'u2' }, 2, 3]);
    expect(progress).toEqual([{ done: 1, total: 1, message: 'Готово' }]);
    expect(completed).toEqual([{ id: 'job-2', result: { seen: true } }]);
  });
});
