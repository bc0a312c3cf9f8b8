import type { JobQueue } from '../../jobs/job-queue.ts';
import type { Logger } from '../../lib/logger.ts';

/** How often a worker queues a pass that sends alerts whose time has come (retries, working hours, the digest). */
export const ALERT_SWEEP_INTERVAL_MS = 60_000;

/**
 * Queues an alert pass without calls every interval. The dedupe key keeps one such pass waiting at a
 * time however many workers run, and the pass only sends what is due, so it costs one query when
 * nothing is.
 */
export function startAlertSweep(queue: JobQueue, logger: Logger, intervalMs: number = ALERT_SWEEP_INTERVAL_MS): { stop(): void } {
  const timer = setInterval(() => {
    queue.enqueue({ name: 'send-alerts', payload: { callIds: [], evaluatedSince: null } }, { key: 'sweep' }).catch((error: unknown) => {
      logger.warn({ err: error }, 'alert sweep not queued');
    });
  }, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
    },
  };
}
