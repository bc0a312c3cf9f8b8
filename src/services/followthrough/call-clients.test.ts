import { afterEach, describe, expect, it } from 'vitest';

import { sampleTranscript } from '../../data/testing/test-calls.ts';
import { DATABASE_KINDS, openTestDatabase } from '../../data/testing/test-databases.ts';
import type { TestDatabase } from '../../data/testing/test-databases.ts';
import { tieCallsToClients } from './call-clients.ts';

describe.each(DATABASE_KINDS)('tieCallsToClients on %s', (kind) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  async function storeCalls(phones: Record<string, string | null>) {
    test = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    const { database } = test;
    await database.calls.saveTranscripts(
      Object.entries(phones).map(([id, phone]) => ({ transcript: sampleTranscript(id, { client: { name: null, phone } }), searchText: '' })),
    );
    return database;
  }

  it('ties calls with one number written two ways to one client', async () => {
    const database = await storeCalls({ first: '+7 916 123-45-67', second: '89161234567', other: '+79037654321' });

    expect(await tieCallsToClients(database, ['first', 'second', 'other'])).toBe(3);
    const first = await database.clients.clientOfCall('first');
    expect(first?.phone).toBe('+79161234567');
    expect((await database.clients.clientOfCall('second'))?.id).toBe(first?.id);
    expect((await database.clients.clientOfCall('other'))?.id).not.toBe(first?.id);
    expect((await database.clients.listContacts(first?.id ?? 0)).map((contact) => contact.callId).sort()).toEqual(['first', 'second']);
  });

  it('ties only the calls named, and skips numbers that are not public', async () => {
    const database = await storeCalls({ named: '+79161234567', later: '+79161234567', internal: '101', hidden: 'anonymous' });

    expect(await tieCallsToClients(database, ['named', 'internal', 'hidden'])).toBe(1);
    expect(await database.clients.clientOfCall('later')).toBeUndefined();
    expect(await database.clients.clientOfCall('internal')).toBeUndefined();
    expect(await tieCallsToClients(database)).toBe(1);
    expect((await database.clients.clientOfCall('later'))?.phone).toBe('+79161234567');
  });
});
