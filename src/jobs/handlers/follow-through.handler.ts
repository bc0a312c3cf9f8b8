import type { Database } from '../../data/index.ts';
import type { FollowThroughSettings } from '../../services/followthrough/follow-through-config.ts';
import { runFollowThrough } from '../../services/followthrough/follow-through.service.ts';
import type { JobHandler } from '../job-queue.ts';

/**
 * `follow-through`: checks promises and missed calls against the call log and updates the calls'
 * evaluations. Safe to run twice: a second run with the same data and `now` changes nothing.
 */
export function followThroughHandler(database: Database, settings: FollowThroughSettings): JobHandler<'follow-through'> {
  return async (job) => {
    const now = job.payload.now === null ? new Date().toISOString() : new Date(job.payload.now).toISOString();
    const run = await runFollowThrough(database, settings, now, job.logger);
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
