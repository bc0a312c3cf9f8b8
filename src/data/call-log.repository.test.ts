import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CallLogRecord } from '../importers/call-log/index.ts';
import type { Deal, NpsAnswer } from '../importers/outcomes/index.ts';
import type { CallLogRecordToSave } from './call-log.repository.ts';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './testing/test-databases.ts';

function logRecord(overrides: Partial<CallLogRecord> = {}): CallLogRecord {
  return {
    externalId: '1700000000.1',
    startedAt: '2026-03-02T10:00:00+03:00',
    direction: 'inbound',
    manager: 'Смирнова Алёна',
    managerExtension: '101',
    clientPhone: '+79161234567',
    answered: true,
    status: 'answered',
    waitSec: 5,
    durationSec: 125,
    talkSec: 120,
    recordingUrl: null,
    recordingFile: null,
    source: 'asterisk',
    sourceStatus: 'ANSWERED',
    row: 2,
    ...overrides,
  };
}

function toSave(record: CallLogRecord, queueTeam: string | null = null): CallLogRecordToSave {
  return { record, fileName: 'Master.csv', managerName: record.manager, queueTeam };
}

describe.each(DATABASE_KINDS)('call log and outcome repositories on %s', (kind) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
  });
  afterAll(async () => {
    await test.cleanup();
  });

  it('stores records once per source and id, updating on re-import', async () => {
    const { callLogs } = test.database;
    const first = await callLogs.saveRecords([toSave(logRecord()), toSave(logRecord({ externalId: null, row: 3, startedAt: '2026-03-02T11:00:00+03:00' }))]);
    expect(first).toMatchObject({ inserted: 2, updated: 0 });

    const again = await callLogs.saveRecords([
      toSave(logRecord({ talkSec: 130 })),
      toSave(logRecord({ externalId: null, row: 3, startedAt: '2026-03-02T11:00:00+03:00' })),
    ]);
    expect(again).toMatchObject({ inserted: 0, updated: 2 });
    expect(again.ids).toEqual(first.ids);

    const stored = await callLogs.listRecords();
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({ startedAt: '2026-03-02T07:00:00.000Z', talkSec: 130, answered: true, clientPhone: '+79161234567' });
    expect(stored[0]?.managerId).not.toBeNull();
    expect(stored[0]?.clientId).toBe(stored[1]?.clientId);
  });

  it('gives a record without a manager the team of its queue', async () => {
    const { callLogs } = test.database;
    const saved = await callLogs.saveRecords([toSave(logRecord({ externalId: 'q-1', manager: null, managerExtension: '600', answered: false, status: 'missed' }), 'Отдел продаж')]);
    const [record] = await callLogs.listByIds(saved.ids);
    expect(record?.managerId).toBeNull();
    expect(record?.teamId).not.toBeNull();
  });

  it('joins a phone and a CRM id into one client', async () => {
    const { clients } = test.database;
    const byPhone = await clients.resolveClients([{ phone: '+79035550101', crmId: null }]);
    const joined = await clients.resolveClients([{ phone: '+79035550101', crmId: 'C-77' }]);
    const byId = await clients.resolveClients([{ phone: null, crmId: 'C-77' }]);
    const id = [...byPhone.values()][0];
    expect([...joined.values()][0]).toBe(id);
    expect([...byId.values()][0]).toBe(id);
    expect(await clients.getClient(id ?? 0)).toEqual({ id, phone: '+79035550101', crmId: 'C-77' });
  });

  it('stores NPS answers and deals idempotently', async () => {
    const { outcomes } = test.database;
    const answers: NpsAnswer[] = [
      { score: 3, category: 'detractor', comment: 'Не перезвонили', answeredAt: '2026-03-05', clientPhone: '+79161234567', clientId: null, row: 2 },
      { score: 10, category: 'promoter', comment: null, answeredAt: '2026-03-06T12:00:00+03:00', clientPhone: null, clientId: 'C-77', row: 3 },
    ];
    expect(await outcomes.saveNpsAnswers(answers, 'nps.csv')).toEqual({ inserted: 2, updated: 0 });
    expect(await outcomes.saveNpsAnswers(answers, 'nps.csv')).toEqual({ inserted: 0, updated: 0 });
    const stored = await outcomes.listNpsAnswers();
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({ score: 3, dateOnly: true, answeredAt: '2026-03-05T20:59:59.999Z' });

    const deal: Deal = {
      externalId: 'D-1', date: '2026-03-10', amount: 12345.5, currency: 'RUB', clientPhone: '+79161234567', clientId: null,
      status: 'open', sourceStatus: 'В работе', manager: 'Смирнова Алёна', row: 2,
    };
    expect(await outcomes.saveDeals([deal], 'deals.csv')).toEqual({ inserted: 1, updated: 0 });
    expect(await outcomes.saveDeals([{ ...deal, status: 'won', sourceStatus: 'Успешно реализовано' }], 'deals.csv')).toEqual({ inserted: 0, updated: 1 });
    const deals = await outcomes.listDeals();
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ status: 'won', amount: 12345.5, dateOnly: true });
    expect(deals[0]?.managerId).not.toBeNull();
  });

  it('stores CRM events and reports their span', async () => {
    const { outcomes } = test.database;
    const event = { occurredAt: '2026-03-03T09:30:00+03:00', type: 'email' as const, clientPhone: '+79161234567', clientId: null, manager: 'Смирнова Алёна', description: 'КП', row: 2 };
    expect(await outcomes.saveCrmEvents([event, { ...event, occurredAt: '2026-03-04T09:30:00+03:00', row: 3 }], 'events.csv')).toEqual({ inserted: 2, updated: 0 });
    expect(await outcomes.saveCrmEvents([event], 'events.csv')).toEqual({ inserted: 0, updated: 0 });
    expect(await outcomes.crmEventSpan()).toEqual({ from: '2026-03-03T06:30:00.000Z', to: '2026-03-04T06:30:00.000Z' });
  });
});
