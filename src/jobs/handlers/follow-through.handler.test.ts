import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../../data/testing/test-databases.ts';
import { createLogger } from '../../lib/logger.ts';
import { defaultFollowThroughSettings } from '../../services/followthrough/follow-through-config.ts';
import { generateCompanyHistory, PLANTED } from '../../services/outcomes/testing/company-history.ts';
import type { JobContext } from '../job-queue.ts';
import { followThroughHandler } from './follow-through.handler.ts';

const TIME_ZONE = 'Europe/Moscow';

describe.each(DATABASE_KINDS)('follow-through job on %s', (kind) => {
  let test: TestDatabase;

  beforeEach(async () => {
    test = await openTestDatabase(kind, { timeZone: TIME_ZONE });
  });
  afterEach(async () => {
    await test.cleanup();
  });

  it('gives the same result when run twice and changes nothing the second time', async () => {
    const { database } = test;
    const history = generateCompanyHistory(3, PLANTED, 40);
    await database.calls.saveTranscripts(history.transcripts.map((transcript) => ({ transcript, searchText: '' })));
    await database.evaluations.saveEvaluations(history.evaluations);
    await database.callLogs.saveRecords(history.callLog.map((record) => ({ record, fileName: 'log.csv', managerName: record.manager, queueTeam: null })));

    const handler = followThroughHandler(database, defaultFollowThroughSettings(TIME_ZONE));
    const job: JobContext<'follow-through'> = {
      id: 'job-1',
      name: 'follow-through',
      payload: { now: history.now },
      attempt: 1,
      maxAttempts: 3,
      signal: new AbortController().signal,
      logger: createLogger({ level: 'silent' }),
      reportProgress: () => Promise.resolve(),
    };

    const first = await handler(job);
    expect(first.promises.broken).toBeGreaterThan(0);
    expect(first.evaluationsUpdated).toBe(first.promises.broken);
    expect(first.linked).toBe(history.transcripts.length);

    const second = await handler({ ...job, attempt: 2 });
    expect(second.promises).toEqual(first.promises);
    expect(second.changed).toEqual({ promises: 0, missedCalls: 0 });
    expect(second.evaluationsUpdated).toBe(0);
    expect(second.linked).toBe(0);
  });
});
