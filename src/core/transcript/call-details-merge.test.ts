import { describe, expect, it } from 'vitest';

import type { CallInfo } from '../model/transcript.ts';
import { mergeCallDetails } from './call-details-merge.ts';

const stored: CallInfo = {
  id: 'call-1',
  externalId: 'crm-77',
  source: '/calls/01-zamer.txt',
  startedAt: '2026-12-03T10:14:00+03:00',
  durationSec: 170,
  direction: 'inbound',
  manager: { name: 'Анна Соколова', team: 'Продажи, Москва', supervisor: 'Громов В.', position: null },
  client: { name: 'Ольга Викторовна', phone: '+79161234567' },
};

const bare: CallInfo = {
  id: 'call-1',
  externalId: null,
  source: '/tmp/copy.txt',
  startedAt: null,
  durationSec: null,
  direction: null,
  manager: null,
  client: null,
};

describe('mergeCallDetails', () => {
  it('keeps every stored detail a bare copy lacks', () => {
    const { call, keptFields } = mergeCallDetails(stored, bare);

    expect(call).toEqual(stored);
    expect(keptFields).toEqual(['externalId', 'startedAt', 'durationSec', 'direction', 'manager', 'team', 'clientName', 'clientPhone']);
  });

  it('takes the incoming source when nothing was kept', () => {
    const full: CallInfo = { ...stored, source: '/tmp/newer.txt', manager: { name: 'Пётр Ильин', team: 'Продажи, Казань', supervisor: 'Громов В.', position: null } };
    const { call, keptFields } = mergeCallDetails(stored, full);

    expect(call).toEqual(full);
    expect(keptFields).toEqual([]);
  });

  it('treats blank strings as empty', () => {
    const blank: CallInfo = { ...bare, startedAt: '  ', manager: { name: ' ', team: null, supervisor: null, position: null }, client: { name: '', phone: null } };
    const { call } = mergeCallDetails(stored, blank);

    expect(call.startedAt).toBe(stored.startedAt);
    expect(call.manager).toEqual(stored.manager);
    expect(call.client).toEqual(stored.client);
  });

  it('fills the same manager\'s empty fields', () => {
    const sameManager: CallInfo = { ...stored, manager: { name: 'АННА  СОКОЛОВА', team: null, supervisor: null, position: 'Старший менеджер' } };
    const { call, keptFields } = mergeCallDetails(stored, sameManager);

    expect(call.manager).toEqual({ name: 'АННА  СОКОЛОВА', team: 'Продажи, Москва', supervisor: 'Громов В.', position: 'Старший менеджер' });
    expect(keptFields).toEqual(['team', 'supervisor']);
    expect(call.source).toBe(stored.source);
  });

  it('does not give another manager the stored team', () => {
    const otherManager: CallInfo = { ...stored, manager: { name: 'Пётр Ильин', team: null, supervisor: null, position: null } };
    const { call, keptFields } = mergeCallDetails(stored, otherManager);

    expect(call.manager).toEqual({ name: 'Пётр Ильин', team: null, supervisor: null, position: null });
    expect(keptFields).toEqual([]);
  });

  it('fills the client\'s name and phone apart', () => {
    const phoneOnly: CallInfo = { ...stored, client: { name: null, phone: '+79990000000' } };
    const { call, keptFields } = mergeCallDetails(stored, phoneOnly);

    expect(call.client).toEqual({ name: 'Ольга Викторовна', phone: '+79990000000' });
    expect(keptFields).toEqual(['clientName']);
  });

  it('leaves a call with nothing stored as it came', () => {
    const empty: CallInfo = { ...bare, source: '/calls/old.txt', client: { name: null, phone: null } };
    const { call, keptFields } = mergeCallDetails(empty, bare);

    expect(call).toEqual(bare);
    expect(keptFields).toEqual([]);
  });
});
