import type { Database } from '../../data/index.ts';
import type { AlertService } from '../../services/alerts/alert.service.ts';
import type { FollowThroughSettings } from '../../services/followthrough/follow-through-config.ts';
import { runFollowThrough } from '../../services/followthrough/follow-through.service.ts';
import type { JobHandler, JobQueue } from '../job-queue.ts';
import { queueAlertPass } from './send-alerts.handler.ts';

/**
 * `follow-through`: checks promises and missed calls against the call log and updates the calls'
 * evaluations. Safe to run twice: a second run with the same data and `now` changes nothing. Calls
 * whose evaluation it changed go to an alert pass, so a broken promise alerts too.
 */
export function followThroughHandler(database: Database, settings: FollowThroughSettings, follow: { queue: JobQueue | null; alerts: AlertService | null } = { queue: null, alerts: null }): JobHandler<'follow-through'> {
  return async (job) => {
    const startedAt = new Date().toISOString();
    const now = job.payload.now === null ? startedAt : new Date(job.payload.now).toISOString();
    const run = await runFollowThrough(database, settings, now, job.logger);
    if (run.evaluationsUpdated > 0 && follow.queue !== null) {
      await queueAlertPass(follow.queue, follow.alerts, { callIds: [], evaluatedSince: startedAt }, job.logger);
    }
    const { linked } = run.links;
    return {
      promises: run.promises,
      missedCalls: run.missedCalls,
      changed: run.changed,
      evaluationsUpdated: run.evaluationsUpdated,
      linked: linked.external_id + linked.recording + linked.time,
    };
  };
}
