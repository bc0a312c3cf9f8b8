import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus.ts';
import { importTranscriptBytes, importTranscriptFile } from './transcript-import.ts';

const CALLS_JSON = corpusPath('transcripts', 'real-isp', 'calls.json');

function bytesOf(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

describe('channel-tagged JSON import', () => {
  it('reads all 66 real calls with their metadata', async () => {
    const outcome = await importTranscriptFile(CALLS_JSON);

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) {
      return;
    }
    expect(outcome.format).toBe('channel-tagged-json');
    expect(outcome.transcripts).toHaveLength(66);
    expect(outcome.warnings).toEqual([]);
    const first = outcome.transcripts[0];
    expect(first?.call).toMatchObject({
      externalId: '900000274',
      source: CALLS_JSON,
      startedAt: '2026-02-10',
      durationSec: 280,
      direction: 'inbound',
      manager: { name: 'Кузнецов Дмитрий Игоревич', team: 'НТП', supervisor: 'Громов В.', position: 'Специалист первой линии' },
    });
    expect(first?.roles.method).toBe('channel');
    expect(first?.turns[0]).toMatchObject({ role: 'client', text: 'алло' });
    expect(outcome.transcripts.filter((transcript) => transcript.call.direction === 'outbound')).toHaveLength(33);
  });

  it('gives the same ids on a second import', async () => {
    const first = await importTranscriptFile(CALLS_JSON);
    const second = await importTranscriptFile(CALLS_JSON);

    expect(first.ok).toBe(true);
    expect(second.ok).toBe(true);
    if (!first.ok || !second.ok) {
      return;
    }
    const ids = first.transcripts.map((transcript) => transcript.call.id);
    expect(second.transcripts.map((transcript) => transcript.call.id)).toEqual(ids);
    expect(new Set(ids).size).toBe(66);
  });

  it('derives the id from the source id, not from the file', async () => {
    const call = { id: 77, dialog: '<out> добрый день <in> здравствуйте' };
    const alone = await importTranscriptBytes(bytesOf([call]), 'one.json');
    const withOthers = await importTranscriptBytes(bytesOf([{ id: 78, dialog: '<out> алло' }, call]), 'two.json');

    expect(alone.ok).toBe(true);
    expect(withOthers.ok).toBe(true);
    if (alone.ok && withOthers.ok) {
      expect(withOthers.transcripts[1]?.call.id).toBe(alone.transcripts[0]?.call.id);
    }
  });

  it.each([
    ['English names', { callId: 'A-1', transcript: '<out> алло', manager: 'Анна Петрова', team: 'Продажи', startTime: '2026-03-01T10:15:00', direction: 'outgoing', duration: '02:05' }],
    ['Russian names', { 'ID звонка': 'A-1', Расшифровка: '<out> алло', Менеджер: 'Анна Петрова', Отдел: 'Продажи', 'Дата и время': '01.03.2026 10:15', Направление: 'Исходящий', Длительность: 125 }],
    ['snake case', { call_id: 'A-1', text: '<out> алло', manager_name: 'Анна Петрова', department: 'Продажи', started_at: '2026-03-01 10:15:00', call_direction: 'outbound', duration_sec: 125 }],
  ])('maps call fields under %s', async (_name, record) => {
    const outcome = await importTranscriptBytes(bytesOf({ calls: [record] }), 'export.json', { timeZone: 'Europe/Moscow' });

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) {
      return;
    }
    expect(outcome.transcripts[0]?.call).toMatchObject({
      externalId: 'A-1',
      startedAt: '2026-03-01T10:15:00+03:00',
      durationSec: 125,
      direction: 'outbound',
      manager: { name: 'Анна Петрова', team: 'Продажи' },
    });
  });

  it('keeps the good calls and warns about each broken one', async () => {
    const records = [{ id: 1, dialog: '<out> добрый день' }, 'not a call', { id: 3 }, { id: 4, dialog: 42 }, { id: 5, dialog: '<in> алло' }];
    const outcome = await importTranscriptBytes(bytesOf(records), 'mixed.json');

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) {
      return;
    }
    expect(outcome.transcripts.map((transcript) => transcript.call.externalId)).toEqual(['1', '5']);
    expect(outcome.warnings.map((item) => item.code)).toEqual(['CALL_SKIPPED', 'CALL_SKIPPED', 'CALL_SKIPPED']);
    expect(outcome.warnings[1]?.message).toContain('запись №3 (id 3)');
    expect(outcome.warnings[1]?.message).toContain('mixed.json');
  });

  it('fails when no record has a dialog', async () => {
    const outcome = await importTranscriptBytes(bytesOf([{ id: 1, dialog: '' }, { id: 2, dialog: '   ' }]), 'empty-dialogs.json');

    expect(outcome).toMatchObject({ ok: false, error: { code: 'NO_CALLS' } });
  });

  it('reads labelled dialogs in the same export', async () => {
    const outcome = await importTranscriptBytes(bytesOf([{ id: 9, dialog: 'Менеджер: Добрый день!\nКлиент: Здравствуйте.' }]), 'labelled.json');

    expect(outcome.ok && outcome.transcripts[0]?.turns.map((turn) => turn.role)).toEqual(['manager', 'client']);
  });

  it('warns about a dialog cut at the spreadsheet cell limit', async () => {
    const dialog = `<out> ${'слово '.repeat(6000)}`.slice(0, 32_767);
    const outcome = await importTranscriptBytes(bytesOf([{ id: 1, dialog }]), 'cut.json');

    expect(outcome.ok && outcome.transcripts[0]?.warnings.map((item) => item.code)).toEqual(['POSSIBLY_TRUNCATED']);
  });
});
