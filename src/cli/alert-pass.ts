import type { Database } from '../data/index.ts';
import { openJobQueue } from '../jobs/open-job-queue.ts';
import { isAppError } from '../lib/app-error.ts';
import type { AppConfig } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import { alertsActive, loadAlertSettings } from '../services/alerts/alerts-config.ts';

/**
 * After `okk analyze` stored calls, queues an alert pass for them when alerts are configured, and
 * returns a Russian line saying so (null when alerts are off). A worker (`okk worker`, or `okk serve`
 * on SQLite) sends them; installations without one run `okk alerts send`.
 */
export async function queueAlertPassForCalls(database: Database, config: AppConfig, logger: Logger, callIds: readonly string[]): Promise<string | null> {
  if (callIds.length === 0) return null;
  try {
    if (!alertsActive(loadAlertSettings(config))) return null;
    const queue = await openJobQueue(database, config, logger);
    try {
      await queue.enqueue({ name: 'send-alerts', payload: { callIds: [...callIds], evaluatedSince: null } });
    } finally {
      await queue.stop();
    }
    return `Оповещения: звонков на проверку — ${callIds.length}; их отправит okk worker (или okk serve), без них — команда okk alerts send.`;
  } catch (error) {
    logger.error({ err: error }, 'alert pass not queued after analyze');
    return `Оповещения не поставлены в очередь: ${isAppError(error) ? error.message : 'ошибка, подробности в журнале'}`;
  }
}
