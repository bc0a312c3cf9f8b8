import type { Database } from '../../data/index.ts';
import type { AlertService } from '../../services/alerts/alert.service.ts';
import type { Logger } from '../../lib/logger.ts';
import type { JobHandler, JobQueue } from '../job-queue.ts';

/**
 * `send-alerts`: checks the given calls (and those the follow-through check just changed) against the
 * alert rules, then sends every due alert. Safe to run twice: deliveries are stored once per call, rule,
 * channel and address, and a sent one is never sent again.
 */
export function sendAlertsHandler(alerts: AlertService | null, database: Database): JobHandler<'send-alerts'> {
  return async (job) => {
    const empty = { checked: 0, alerted: 0, tooOld: 0, planned: 0, messages: 0, sent: 0, retrying: 0, failed: 0 };
    if (!alerts?.active) {
      return empty;
    }
    const now = new Date();
    const changed = job.payload.evaluatedSince === null ? [] : await database.alerts.listCallIds({ evaluatedSince: job.payload.evaluatedSince });
    const { plan, send } = await alerts.run([...job.payload.callIds, ...changed], now, job.signal);
    return { checked: plan.checked, alerted: plan.alerted, tooOld: plan.tooOld, planned: plan.added, messages: send.messages, sent: send.sent, retrying: send.retrying, failed: send.failed };
  };
}

/**
 * Queues an alert pass after calls were stored or changed, when alerts are configured. A failure to
 * queue is logged, not thrown: the calls are stored, and the next pass (`okk alerts send`, or the
 * worker's periodic check) still finds them.
 */
export async function queueAlertPass(
  queue: JobQueue,
  alerts: AlertService | null | undefined,
  payload: { callIds: string[]; evaluatedSince: string | null },
  logger: Logger,
): Promise<void> {
  if (alerts == null || !alerts.active || (payload.callIds.length === 0 && payload.evaluatedSince === null)) return;
  try {
    const queued = await queue.enqueue({ name: 'send-alerts', payload });
    logger.info({ alertJobId: queued.id, calls: payload.callIds.length, evaluatedSince: payload.evaluatedSince }, 'alert pass queued');
  } catch (error) {
    logger.error({ err: error }, 'alert pass not queued');
  }
}
