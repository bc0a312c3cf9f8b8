import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Transcript } from '../core/model/transcript.ts';
import type { Database } from './database.ts';
import { DATABASE_KINDS, openTestDatabase } from './testing/test-databases.ts';
import type { TestDatabase } from './testing/test-databases.ts';
import { itemAt, loadRealCalls, sampleTranscript } from './testing/test-calls.ts';

describe.each(DATABASE_KINDS)('CallRepository on %s', (kind) => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await openTestDatabase(kind, { timeZone: 'Europe/Moscow' });
    database = testDatabase.database;
  });

  afterAll(async () => {
    await testDatabase.cleanup();
  });

  async function countRows(table: 'calls' | 'turns' | 'managers' | 'teams', callId?: string): Promise<number> {
    let query = database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('count'));
    if (callId !== undefined && table !== 'managers' && table !== 'teams') {
      query = query.where(table === 'calls' ? 'id' : 'call_id', '=', callId);
    }
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.count);
  }

  it('returns the saved transcript unchanged', async () => {
    const transcript = sampleTranscript('round-trip');
    await database.calls.saveTranscript(transcript, { searchText: 'добрый день' });

    const stored = await database.calls.getCall('round-trip');

    expect(stored?.transcript).toEqual(transcript);
    expect(stored?.evaluation).toBeNull();
    expect(stored?.startedAtUtc).toBe('2026-03-02T07:15:00.000Z');
  });

  it('returns undefined for an unknown call', async () => {
    expect(await database.calls.getCall('no-such-call')).toBeUndefined();
  });

  it('updates a call saved twice without duplicating it', async () => {
    const transcript = sampleTranscript('twice');
    await database.calls.saveTranscript(transcript, { searchText: '' });
    const first = await database.calls.getCall('twice');
    await database.calls.saveTranscript(transcript, { searchText: '' });

    const second = await database.calls.getCall('twice');
    expect(await countRows('calls', 'twice')).toBe(1);
    expect(await countRows('turns', 'twice')).toBe(3);
    expect(second?.transcript).toEqual(transcript);
    expect(second?.createdAt).toBe(first?.createdAt);
  });

  it('replaces turns and fields when a changed call is saved again', async () => {
    const original = sampleTranscript('changed');
    await database.calls.saveTranscript(original, { searchText: '' });

    const changed: Transcript = {
      ...original,
      call: { ...original.call, durationSec: 120, direction: 'inbound', client: { name: 'Ирина', phone: '+79031112233' } },
      turns: original.turns.slice(0, 2).map((turn) => ({ ...turn, text: `${turn.text} (исправлено)` })),
    };
    await database.calls.saveTranscript(changed, { searchText: '' });

    const stored = await database.calls.getCall('changed');
    expect(stored?.transcript).toEqual(changed);
    expect(await countRows('turns', 'changed')).toBe(2);
  });

  it('keeps stored details a copy without metadata lacks', async () => {
    const original = sampleTranscript('copy-without-meta');
    await database.calls.saveTranscript(original, { searchText: '' });

    const copy = sampleTranscript('copy-without-meta', {
      externalId: null,
      source: '/tmp/elsewhere/renamed.txt',
      startedAt: null,
      durationSec: null,
      direction: null,
      manager: null,
      client: null,
    });
    await database.calls.saveTranscript(copy, { searchText: '' });

    const stored = await database.calls.getCall('copy-without-meta');
    expect(stored?.transcript.call).toEqual(original.call);
    expect(stored?.managerName).toBe('Смирнова Алёна Викторовна');
    expect(stored?.teamName).toBe('Продажи B2C');
    expect(stored?.startedAtUtc).toBe('2026-03-02T07:15:00.000Z');
    expect(stored?.managerId).toEqual(expect.any(Number));
    const page = await database.calls.listCalls({ managerIds: [stored?.managerId ?? -1] });
    expect(page.items.map((item) => item.id)).toContain('copy-without-meta');
  });

  it('fills only the empty parts of a partly known call', async () => {
    const original = sampleTranscript('partly-known');
    await database.calls.saveTranscript(original, { searchText: '' });

    const partial = sampleTranscript('partly-known', {
      source: '/tmp/partial.txt',
      durationSec: null,
      manager: { name: 'смирнова алёна викторовна', team: null, supervisor: null, position: 'Старший менеджер' },
      client: { name: null, phone: '+79990000000' },
    });
    await database.calls.saveTranscript(partial, { searchText: '' });

    const call = (await database.calls.getCall('partly-known'))?.transcript.call;
    expect(call?.durationSec).toBe(95.5);
    expect(call?.manager).toEqual({ name: 'смирнова алёна викторовна', team: 'Продажи B2C', supervisor: 'Громов В.', position: 'Старший менеджер' });
    expect(call?.client).toEqual({ name: 'Пётр', phone: '+79990000000' });
    expect(call?.source).toBe('upload/partly-known.json');
  });

  it('lets new non-empty details replace stored ones', async () => {
    const original = sampleTranscript('newer-meta');
    await database.calls.saveTranscript(original, { searchText: '' });

    const newer = sampleTranscript('newer-meta', {
      source: '/tmp/newer.txt',
      startedAt: '2026-03-03T12:00:00+03:00',
      manager: { name: 'Кравцов Олег', team: 'Продажи B2B', supervisor: null, position: null },
      client: { name: 'Мария', phone: '+79035556677' },
    });
    await database.calls.saveTranscript(newer, { searchText: '' });

    const stored = await database.calls.getCall('newer-meta');
    expect(stored?.transcript.call).toEqual(newer.call);
    expect(stored?.managerName).toBe('Кравцов Олег');
    expect(stored?.teamName).toBe('Продажи B2B');
    expect(stored?.startedAtUtc).toBe('2026-03-03T09:00:00.000Z');
  });

  it('keeps one manager and team for one person spelled differently', async () => {
    const managersBefore = await countRows('managers');
    const teamsBefore = await countRows('teams');
    const spellings = ['Кузнецов Дмитрий Игоревич', 'КУЗНЕЦОВ  дмитрий игоревич', ' кузнецов дмитрий игоревич '];
    for (const [index, name] of spellings.entries()) {
      await database.calls.saveTranscript(
        sampleTranscript(`spelling-${index}`, { manager: { name, team: index === 1 ? 'ОТДЕЛ ПРОДАЖ Ё' : 'Отдел продаж ё', supervisor: null, position: null } }),
        { searchText: '' },
      );
    }

    const calls = await Promise.all(spellings.map((_, index) => database.calls.getCall(`spelling-${index}`)));
    const managerIds = new Set(calls.map((call) => call?.managerId));
    expect(managerIds.size).toBe(1);
    expect(await countRows('managers')).toBe(managersBefore + 1);
    expect(await countRows('teams')).toBe(teamsBefore + 1);
    expect(calls[0]?.transcript.call.manager?.name).toBe('Кузнецов Дмитрий Игоревич');
  });

  it('keeps a manager\'s stored details when a later import has none', async () => {
    const manager = await database.managers.findOrCreateManager({ name: 'Орлова Ирина', team: 'ОКЦ', supervisor: 'Громов В.', position: 'Специалист' });
    const again = await database.managers.findOrCreateManager({ name: 'орлова ирина', team: null, supervisor: null, position: null });
    const moved = await database.managers.findOrCreateManager({ name: 'Орлова Ирина', team: 'НТП', supervisor: null, position: null });

    expect(again).toEqual(manager);
    expect(moved.id).toBe(manager.id);
    expect(moved.team?.name).toBe('НТП');
    expect(moved.supervisor).toBe('Громов В.');
  });

  it('leaves nothing written when saving fails half-way', async () => {
    const original = sampleTranscript('half-way');
    await database.calls.saveTranscript(original, { searchText: 'оригинал' });
    const before = await database.calls.getCall('half-way');

    // The role check fails on the last turn, after the call row and the earlier turns were written.
    const broken = sampleTranscript('half-way', { durationSec: 999, manager: { name: 'Новый Менеджер Без Истории', team: 'Новая команда', supervisor: null, position: null } });
    broken.turns = [...broken.turns, { ...itemAt(broken.turns, 0), index: 7, role: 'operator' as never }];
    const fresh = sampleTranscript('half-way-new');
    fresh.turns = [{ ...itemAt(fresh.turns, 0), role: 'operator' as never }];

    await expect(database.calls.saveTranscripts([{ transcript: broken, searchText: '' }, { transcript: fresh, searchText: '' }])).rejects.toThrow();

    expect(await database.calls.getCall('half-way')).toEqual(before);
    expect(await database.calls.getCall('half-way-new')).toBeUndefined();
    expect((await database.managers.listManagers()).map((manager) => manager.name)).not.toContain('Новый Менеджер Без Истории');
    expect((await database.managers.listTeams()).map((team) => team.name)).not.toContain('Новая команда');
  });

  it.each([
    ['an empty id', sampleTranscript('  '), /пустой идентификатор/],
    ['a start time that is not ISO 8601', sampleTranscript('bad-time', { startedAt: '10.02.2026 09:00' }), /не в формате ISO 8601/],
    ['an impossible date', sampleTranscript('bad-date', { startedAt: '2026-02-30' }), /не в формате ISO 8601/],
  ])('rejects %s with a Russian message', async (_case, transcript, message) => {
    await expect(database.calls.saveTranscript(transcript, { searchText: '' })).rejects.toThrow(message);
  });

  it('rejects repeated turn numbers before writing anything', async () => {
    const transcript = sampleTranscript('repeated-turns');
    transcript.turns = [itemAt(transcript.turns, 0), { ...itemAt(transcript.turns, 1), index: 0 }];

    await expect(database.calls.saveTranscript(transcript, { searchText: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await database.calls.getCall('repeated-turns')).toBeUndefined();
  });

  it('saves the real corpus in one batch, twice, as one set of calls', async () => {
    const transcripts = loadRealCalls();
    const items = transcripts.map((transcript) => ({ transcript, searchText: '' }));
    await database.calls.saveTranscripts(items);
    await database.calls.saveTranscripts(items);

    const ids = transcripts.map((transcript) => transcript.call.id);
    const stored = await database.db.selectFrom('calls').select('id').where('id', 'in', ids).execute();
    expect(stored).toHaveLength(transcripts.length);
    const sample = itemAt(transcripts, 5);
    expect((await database.calls.getCall(sample.call.id))?.transcript).toEqual(sample);
  });

  it('keeps the last of two versions of one call in a batch', async () => {
    const first = sampleTranscript('batch-twice', { durationSec: 10 });
    const second = sampleTranscript('batch-twice', { durationSec: 20 });
    await database.calls.saveTranscripts([
      { transcript: first, searchText: '' },
      { transcript: second, searchText: '' },
    ]);

    expect((await database.calls.getCall('batch-twice'))?.transcript.call.durationSec).toBe(20);
  });

  it('stores a bare date as midnight in the database zone', async () => {
    await database.calls.saveTranscript(sampleTranscript('bare-date', { startedAt: '2026-02-10' }), { searchText: '' });

    const stored = await database.calls.getCall('bare-date');
    expect(stored?.transcript.call.startedAt).toBe('2026-02-10');
    expect(stored?.startedAtUtc).toBe('2026-02-09T21:00:00.000Z');
  });

  it('records the audio file of a call', async () => {
    await database.calls.saveTranscript(sampleTranscript('with-audio'), { searchText: '' });

    expect(await database.calls.setAudio('with-audio', { path: 'audio/with-audio.wav', durationSec: 95.4, channels: 2 })).toBe(true);
    expect(await database.calls.setAudio('no-such-call', { path: 'x.wav', durationSec: null, channels: null })).toBe(false);
    expect((await database.calls.getCall('with-audio'))?.audio).toEqual({ path: 'audio/with-audio.wav', durationSec: 95.4, channels: 2 });
  });

  it('deletes a call with its turns and search text', async () => {
    await database.calls.saveTranscript(sampleTranscript('to-delete'), { searchText: 'удаляемый' });

    expect(await database.calls.deleteCalls(['to-delete', 'never-saved'])).toBe(1);
    expect(await database.calls.getCall('to-delete')).toBeUndefined();
    expect(await countRows('turns', 'to-delete')).toBe(0);
    expect((await database.calls.listCalls({ searchLemmas: ['удаляемый'] })).total).toBe(0);
  });
});
