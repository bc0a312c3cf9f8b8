import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import type { Transcript } from '../../core/model/transcript.ts';
import type { Database } from '../../data/index.ts';
import { sampleTranscript } from '../../data/testing/test-calls.ts';
import { DATABASE_KINDS, openTestDatabase } from '../../data/testing/test-databases.ts';
import { importCallLogFile } from '../../importers/call-log/index.ts';
import { createLogger } from '../../lib/logger.ts';
import { importCallLogFiles, linkCallLogs } from './call-log-import.service.ts';
import { defaultFollowThroughSettings, type FollowThroughSettings } from './follow-through-config.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../importers/call-log/fixtures');
const logger = createLogger({ level: 'silent' });

/** Extensions and CRM user ids of the fixtures that name no manager, mapped as a company would in its settings. */
const SETTINGS: FollowThroughSettings = {
  ...defaultFollowThroughSettings('Europe/Moscow'),
  extensions: { '100': 'Иванов Иван', '101': 'Иванов Иван', '15': 'Иванов Иван', '5123411': 'Иванов Иван' },
  queues: { '600': 'Отдел продаж' },
};

/** Every call-log fixture: how many rows are calls and how many are rejected with a Russian message. */
const CASES: { file: string; records: number; rejected: number }[] = [
  { file: 'amocrm-calls-api.csv', records: 2, rejected: 0 },
  { file: 'amocrm-calls-bom.csv', records: 4, rejected: 0 },
  { file: 'asterisk-master.csv', records: 9, rejected: 1 },
  { file: 'beeline-api.csv', records: 2, rejected: 0 },
  { file: 'beeline-calls-cp1251.csv', records: 4, rejected: 0 },
  { file: 'bitrix24-calls-cp1251.csv', records: 5, rejected: 0 },
  { file: 'bitrix24-statistic-api.csv', records: 3, rejected: 0 },
  { file: 'mango-calls-cp1251.csv', records: 7, rejected: 2 },
  { file: 'mango-calls-mojibake.csv', records: 7, rejected: 2 },
  { file: 'mango-stats.csv', records: 5, rejected: 0 },
  { file: 'uis-calls-api.csv', records: 4, rejected: 0 },
  { file: 'uis-calls-utf16.txt', records: 3, rejected: 0 },
  { file: 'zadarma-calls.csv', records: 6, rejected: 0 },
  { file: 'zadarma-pbx-api.csv', records: 3, rejected: 0 },
];

/** Saves an analysed call that matches the log's first call: 20 s later, same client and manager. */
async function saveMatchingCall(database: Database, file: string): Promise<{ callId: string; phone: string }> {
  const { records } = await importCallLogFile(path.join(FIXTURES, file), { timeZone: 'Europe/Moscow' });
  const first = records.find((record) => record.answered && record.clientPhone !== null);
  if (first === undefined) throw new Error(`${file} has no answered call with a client number`);
  const transcript: Transcript = sampleTranscript(`analysed-${file}`, {
    externalId: null,
    startedAt: new Date(Date.parse(first.startedAt) + 20_000).toISOString(),
    durationSec: first.talkSec ?? first.durationSec,
    direction: first.direction === 'outbound' ? 'outbound' : 'inbound',
    manager: { name: 'Иванов Иван', team: 'Отдел продаж', supervisor: null, position: null },
    client: null,
  });
  await database.calls.saveTranscript(transcript, { searchText: '' });
  return { callId: transcript.call.id, phone: first.clientPhone ?? '' };
}

describe.each(DATABASE_KINDS)('call log import on %s', (kind) => {
  it.each(CASES)('stores and links $file', async ({ file, records, rejected }) => {
    const test = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    try {
      const { database } = test;
      const analysed = await saveMatchingCall(database, file);

      const [first] = await importCallLogFiles(database, [path.join(FIXTURES, file)], { followThrough: SETTINGS, timeZone: 'Europe/Moscow' }, logger);
      expect(first).toMatchObject({ ok: true, read: records, inserted: records, updated: 0 });
      expect(first?.ok === true ? first.rejected.length : -1).toBe(rejected);
      expect(first?.ok === true ? first.rejected.every((row) => /^[А-ЯЁ]/u.test(row.message)) : false).toBe(true);
      expect(await database.callLogs.listRecords()).toHaveLength(records);

      const [again] = await importCallLogFiles(database, [path.join(FIXTURES, file)], { followThrough: SETTINGS, timeZone: 'Europe/Moscow' }, logger);
      expect(again).toMatchObject({ ok: true, inserted: 0, updated: records });

      const links = await linkCallLogs(database, SETTINGS);
      expect(links.linked.time).toBe(1);
      const linked = (await database.callLogs.listRecords()).filter((record) => record.callId !== null);
      expect(linked.map((record) => record.callId)).toEqual([analysed.callId]);
      expect(linked[0]?.managerId).not.toBeNull();
      expect((await database.clients.clientOfCall(analysed.callId))?.phone).toBe(analysed.phone);
      expect((await linkCallLogs(database, SETTINGS)).linked).toEqual({ external_id: 0, recording: 0, time: 0 });
    } finally {
      await test.cleanup();
    }
  });

  it('reports a file that is not a call log and goes on', async () => {
    const test = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    try {
      const files = ['price-list.csv', 'uis-calls-cp1251.csv'].map((file) => path.join(FIXTURES, file));
      const outcomes = await importCallLogFiles(test.database, files, { followThrough: SETTINGS, timeZone: 'Europe/Moscow' }, logger);
      expect(outcomes[0]).toMatchObject({ ok: false });
      expect(outcomes[0]?.ok === false ? outcomes[0].message : '').toContain('price-list.csv не похож на журнал звонков');
      expect(outcomes[1]).toMatchObject({ ok: true, inserted: 3 });
    } finally {
      await test.cleanup();
    }
  });

  it('links by recording name and lists recordings not analysed', async () => {
    const test = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    try {
      const { database } = test;
      await importCallLogFiles(database, [path.join(FIXTURES, 'asterisk-master.csv'), path.join(FIXTURES, 'mango-calls.csv')], { followThrough: SETTINGS, timeZone: 'Europe/Moscow' }, logger);
      const withRecording = (await database.callLogs.listRecords()).find((record) => record.recordingFile?.endsWith('.wav') === true);
      expect(withRecording).toBeDefined();
      const transcript = sampleTranscript('from-recording', { externalId: null, startedAt: null, source: `/records/2024/${withRecording?.recordingFile ?? ''}`, client: null });
      await database.calls.saveTranscript(transcript, { searchText: '' });

      const before = (await database.callLogs.listUnanalysedRecordings()).length;
      const links = await linkCallLogs(database, SETTINGS);
      expect(links.linked.recording).toBe(1);
      expect(links.unanalysedRecordings).toHaveLength(before - 1);
      expect(links.unanalysedRecordings.every((record) => record.answered)).toBe(true);
    } finally {
      await test.cleanup();
    }
  });

  it('merges the legs of one queue call into the answered leg', async () => {
    const test = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    try {
      const { database } = test;
      const header = 'ID звонка;Дата и время;Направление;Номер абонента;Сотрудник;Статус;Длительность разговора\n';
      const rows = ['q-1;12.03.2024 10:00:00;Входящий;+79161112233;Петрова Анна;Пропущен;0', 'q-1;12.03.2024 10:00:05;Входящий;+79161112233;Иванов Иван;Отвечен;120'];
      const file = path.join(tmpdir(), `okk-legs-${kind}-${process.pid}.csv`);
      await writeFile(file, header + rows.join('\n'));
      const [outcome] = await importCallLogFiles(database, [file], { followThrough: SETTINGS, timeZone: 'Europe/Moscow', format: 'generic' }, logger);
      expect(outcome).toMatchObject({ ok: true, read: 2, merged: 1, inserted: 1 });
      const [record] = await database.callLogs.listRecords();
      expect(record).toMatchObject({ answered: true, managerName: 'Иванов Иван', talkSec: 120 });
    } finally {
      await test.cleanup();
    }
  });
});
