import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../../data/testing/test-databases.ts';
import { createLogger } from '../../lib/logger.ts';
import { AlertService } from '../../services/alerts/alert.service.ts';
import { parseAlertSettings } from '../../services/alerts/alerts-config.ts';
import { defaultFollowThroughSettings } from '../../services/followthrough/follow-through-config.ts';
import { generateCompanyHistory, PLANTED } from '../../services/outcomes/testing/company-history.ts';
import type { EnqueueResult, JobContext, JobQueue } from '../job-queue.ts';
import type { JobRequest } from '../job-types.ts';
import { followThroughHandler } from './follow-through.handler.ts';
import { queueAlertPass } from './send-alerts.handler.ts';

const TIME_ZONE = 'Europe/Moscow';
const logger = createLogger({ level: 'silent' });

/** Builds a queue stand-in that records each enqueued job and runs nothing. */
function recordingQueue(): { queue: JobQueue; jobs: JobRequest[] } {
  const jobs: JobRequest[] = [];
  const enqueue = (job: JobRequest): Promise<EnqueueResult> => {
    jobs.push(job);
    return Promise.resolve({ id: `job-${String(jobs.length)}`, created: true });
  };
  return { queue: { enqueue } as unknown as JobQueue, jobs };
}

describe('alert passes after stored calls', () => {
  let test: TestDatabase;

  beforeEach(async () => {
    test = await openTestDatabase('sqlite', { timeZone: TIME_ZONE });
  });
  afterEach(async () => {
    await test.cleanup();
  });

  function alertService(active: boolean): AlertService {
    const settings = parseAlertSettings(active ? { channels: { hook: { type: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 's' } } } : {}, TIME_ZONE);
    return new AlertService({ database: test.database, settings, logger });
  }

  it('queues nothing when alerts are off or nothing changed', async () => {
    const { queue, jobs } = recordingQueue();
    await queueAlertPass(queue, alertService(false), { callIds: ['a'], evaluatedSince: null }, logger);
    await queueAlertPass(queue, null, { callIds: ['a'], evaluatedSince: null }, logger);
    await queueAlertPass(queue, alertService(true), { callIds: [], evaluatedSince: null }, logger);
    expect(jobs).toEqual([]);

    await queueAlertPass(queue, alertService(true), { callIds: ['a', 'b'], evaluatedSince: null }, logger);
    expect(jobs).toEqual([{ name: 'send-alerts', payload: { callIds: ['a', 'b'], evaluatedSince: null } }]);
  });

  it('follow-through queues a pass for the evaluations it changed, once', async () => {
    const { database } = test;
    const history = generateCompanyHistory(3, PLANTED, 40);
    await database.calls.saveTranscripts(history.transcripts.map((transcript) => ({ transcript, searchText: '' })));
    await database.evaluations.saveEvaluations(history.evaluations);
    await database.callLogs.saveRecords(history.callLog.map((record) => ({ record, fileName: 'log.csv', managerName: record.manager, queueTeam: null })));
    const { queue, jobs } = recordingQueue();
    const handler = followThroughHandler(database, defaultFollowThroughSettings(TIME_ZONE), { queue, alerts: alertService(true) });
    const job: JobContext<'follow-through'> = {
      id: 'job-1',
      name: 'follow-through',
      payload: { now: history.now },
      attempt: 1,
      maxAttempts: 3,
      signal: new AbortController().signal,
      logger,
      reportProgress: () => Promise.resolve(),
    };

    const first = await handler(job);
    expect(first.evaluationsUpdated).toBeGreaterThan(0);
    expect(jobs).toHaveLength(1);
    const payload = jobs[0]?.payload as { callIds: string[]; evaluatedSince: string };
    const changed = await database.alerts.listCallIds({ evaluatedSince: payload.evaluatedSince });
    expect(changed).toHaveLength(first.evaluationsUpdated);

    await handler({ ...job, attempt: 2 });
    expect(jobs).toHaveLength(1);
  });
});
