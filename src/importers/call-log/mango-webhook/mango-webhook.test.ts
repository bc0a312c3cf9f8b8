import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../../test/corpus.ts';
import { applyMangoCallEvent, applyMangoRecording, applyMangoSummary, mangoCallRecord, type MangoCallState } from './mango-call-state.ts';
import { type MangoCallEvent, type MangoRecordingEvent, parseMangoEventJson } from './mango-event.parser.ts';
import { readMangoWebhookForm, signMango, verifyMangoSignature } from './mango-signature.ts';
import { parseMangoEvent } from './mango-webhook.ts';

/** Collects the `json` field of each documented POST, grouped by example (A, B, C, D). */
function documentedExamples(): Map<string, string[]> {
  const text = readFileSync(corpusPath('telephony', 'mango-office', 'events-call-documented-examples.txt'), 'utf8');
  const examples = new Map<string, string[]>();
  let current = '';
  for (const line of text.split('\n')) {
    const heading = /^## Example ([A-D])/.exec(line);
    if (heading?.[1] !== undefined) current = heading[1];
    const at = line.indexOf('json = ');
    if (line.startsWith('POST') && at >= 0) {
      examples.set(current, [...(examples.get(current) ?? []), line.slice(at + 'json = '.length)]);
    }
  }
  return examples;
}

function callEvent(json: string): MangoCallEvent {
  const parsed = parseMangoEventJson('call', json);
  if (!parsed.ok || parsed.value.kind !== 'call') throw new Error(parsed.ok ? 'not a call event' : parsed.message);
  return parsed.value.event;
}

describe('parseMangoEvent on the documented examples', () => {
  const examples = documentedExamples();

  it('finds every documented POST', () => {
    expect([...examples.entries()].map(([name, posts]) => [name, posts.length])).toEqual([['A', 3], ['B', 3], ['C', 2], ['D', 1]]);
  });

  it.each([
    ['A', [true, false, false]],
    ['B', [true, true, false]],
    ['C', [true, true]],
    ['D', [false]],
  ] as const)('example %s: parses the valid events and reports the invalid JSON', (name, valid) => {
    const results = (examples.get(name) ?? []).map((json) => parseMangoEvent('call', json));
    expect(results.map((result) => result.ok)).toEqual(valid);
    for (const result of results) {
      if (!result.ok) {
        expect(result.message).toMatch(/^уведомление Mango Office \(events\/call\) не является корректным JSON: /);
      }
    }
  });

  it('reads string and number timestamps alike', () => {
    const [a] = examples.get('A') ?? [];
    const [b] = examples.get('B') ?? [];
    expect(callEvent(a ?? '')).toMatchObject({ timestamp: 1399906976, seq: 1, call_state: 'Appeared', location: 'ivr' });
    expect(callEvent(b ?? '')).toMatchObject({ timestamp: 1399906973, seq: 2, call_state: 'Connected', location: 'abonent' });
  });

  it('accepts the misspelt «locaton» field', () => {
    const json = '{ "entry_id": "e1", "call_id": "202:515", "timestamp": 1398957005, "seq": "2", "locaton": "abonent", "call_state": "Connected", "from": { "extension": "123" }, "to": { "extension": "321" } }';
    expect(callEvent(json).location).toBe('abonent');
  });

  it('builds an outbound call from example C', () => {
    let state: MangoCallState | undefined;
    for (const json of examples.get('C') ?? []) state = applyMangoCallEvent(state, callEvent(json));
    expect(state === undefined ? null : mangoCallRecord(state, { timeZone: 'Europe/Moscow' })).toEqual({
      externalId: '232wc3e3w3s222',
      startedAt: '2014-05-12T19:03:08+04:00',
      direction: 'outbound',
      manager: '1234',
      managerExtension: '1234',
      clientPhone: null,
      answered: true,
      status: 'answered',
      waitSec: 0,
      durationSec: 20,
      talkSec: 20,
      recordingUrl: null,
      recordingFile: null,
      source: 'mango-webhook',
      sourceStatus: '100:500:256:Disconnected',
      row: 0,
    });
  });
});

describe('parseMangoEvent field checks', () => {
  it('names a missing field and a bad state', () => {
    const result = parseMangoEvent('call', '{ "entry_id": "e1", "timestamp": 1, "seq": 1, "call_state": "Ringing" }');
    expect(result).toEqual({
      ok: false,
      message: 'в уведомлении Mango Office (events/call) ошибка в полях: call_id: поле отсутствует; call_state: недопустимое значение «Ringing» (допустимы: Appeared, Connected, OnHold, Disconnected)',
    });
  });

  it('rejects a number written as words', () => {
    const result = parseMangoEvent('call', '{ "entry_id": "e1", "call_id": "c1", "timestamp": "вчера", "seq": 1, "call_state": "Appeared" }');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain('timestamp: недопустимое значение «вчера»');
  });
});

const INBOUND_LEGS = [
  { call_id: 'c1', timestamp: 1710226800, seq: 1, call_state: 'Appeared', location: 'ivr', from: { number: '79161234567' }, to: { number: '74957700001', line_number: '74957700001' } },
  { call_id: 'c1', timestamp: 1710226810, seq: 2, call_state: 'Disconnected', location: 'ivr', from: { number: '79161234567' }, to: { number: '74957700001' } },
  { call_id: 'c2', timestamp: 1710226810, seq: 1, call_state: 'Appeared', location: 'abonent', from: { number: '79161234567', taken_from_call_id: 'c1' }, to: { extension: '101', number: 'sip:ivanov@example.mangosip.ru' } },
  { call_id: 'c2', timestamp: 1710226818, seq: 2, call_state: 'Connected', location: 'abonent', from: { number: '79161234567' }, to: { extension: '101' } },
  { call_id: 'c2', timestamp: 1710227000, seq: 3, call_state: 'Disconnected', location: 'abonent', from: { number: '79161234567' }, to: { extension: '101' }, disconnect_reason: 1110 },
];

function inboundEvents(): MangoCallEvent[] {
  return INBOUND_LEGS.map((leg) => callEvent(JSON.stringify({ entry_id: 'entry-7', ...leg })));
}

describe('applyMangoCallEvent', () => {
  it('follows an inbound call through the IVR to a manager', () => {
    let state: MangoCallState | undefined;
    const seen: (string | null)[] = [];
    for (const event of inboundEvents()) {
      state = applyMangoCallEvent(state, event);
      seen.push(mangoCallRecord(state, { timeZone: 'Europe/Moscow' })?.status ?? null);
    }
    // The call is not a record until its last leg ends.
    expect(seen).toEqual([null, 'missed', null, null, 'answered']);
    expect(state === undefined ? null : mangoCallRecord(state, { timeZone: 'Europe/Moscow' })).toMatchObject({
      externalId: 'entry-7', startedAt: '2024-03-12T10:00:00+03:00', direction: 'inbound', clientPhone: '+79161234567',
      managerExtension: '101', answered: true, waitSec: 18, talkSec: 182, durationSec: 200,
    });
  });

  it('gives the same state when events repeat or arrive out of order', () => {
    const events = inboundEvents();
    const inOrder = events.reduce<MangoCallState | undefined>((state, event) => applyMangoCallEvent(state, event), undefined);
    const shuffled = [events[4], events[0], events[3], events[3], events[1], events[2], events[4]].reduce<MangoCallState | undefined>(
      (state, event) => (event === undefined ? state : applyMangoCallEvent(state, event)),
      undefined,
    );
    expect(shuffled).toEqual(inOrder);
  });

  it('keeps only completed recordings, once each', () => {
    const recording = (state: string): MangoRecordingEvent => ({ entry_id: 'entry-7', recording_id: 'rec-1', recording_state: state });
    let state = inboundEvents().reduce<MangoCallState | undefined>((current, event) => applyMangoCallEvent(current, event), undefined);
    state = applyMangoRecording(state, recording('Started'));
    expect(state.recordingIds).toEqual([]);
    state = applyMangoRecording(applyMangoRecording(state, recording('Completed')), recording('Completed'));
    expect(state.recordingIds).toEqual(['rec-1']);
    expect(mangoCallRecord(state, { timeZone: 'Europe/Moscow' })?.recordingFile).toBe('rec-1');
  });
});

describe('events/summary', () => {
  const summary = (fields: Record<string, unknown>): string =>
    JSON.stringify({
      entry_id: 'entry-9', call_direction: 1, from: { number: '79161234567' }, to: { extension: '102', number: '74957700001' },
      line_number: '74957700001', create_time: 1710226800, forward_time: 1710226805, talk_time: 1710226820, end_time: 1710227000,
      entry_result: 1, disconnect_reason: 1110, ...fields,
    });

  it.each([
    ['an answered inbound call', {}, { direction: 'inbound', status: 'answered', clientPhone: '+79161234567', managerExtension: '102', waitSec: 20, talkSec: 180, durationSec: 200 }],
    ['a missed inbound call', { talk_time: 0, entry_result: 0 }, { direction: 'inbound', status: 'missed', answered: false, waitSec: 200, talkSec: 0 }],
    ['an outbound call nobody took', { call_direction: 2, from: { extension: '102', number: '74957700001' }, to: { number: '89037654321' }, talk_time: 0, entry_result: 0 },
      { direction: 'outbound', status: 'no_answer', clientPhone: '+79037654321', managerExtension: '102' }],
    ['an internal call', { call_direction: 0, from: { extension: '101' }, to: { extension: '102' } }, { direction: 'internal', clientPhone: null, managerExtension: '101' }],
  ])('gives one record for %s', (_case, fields, expected) => {
    const result = parseMangoEvent('summary', summary(fields));
    expect(result.ok).toBe(true);
    expect(result.ok ? result.record : null).toMatchObject({ externalId: 'entry-9', startedAt: '2024-03-12T10:00:00+03:00', source: 'mango-webhook', ...expected });
  });

  it('wins over the legs already received', () => {
    const legs = inboundEvents().reduce<MangoCallState | undefined>((state, event) => applyMangoCallEvent(state, event), undefined);
    const parsed = parseMangoEventJson('summary', summary({ entry_id: 'entry-7', entry_result: 0, talk_time: 0 }));
    if (!parsed.ok || parsed.value.kind !== 'summary') throw new Error('summary expected');
    const record = mangoCallRecord(applyMangoSummary(legs, parsed.value.event), { timeZone: 'Europe/Moscow' });
    expect(record).toMatchObject({ externalId: 'entry-7', status: 'missed', sourceStatus: 'entry_result=0, disconnect_reason=1110' });
  });
});

describe('verifyMangoSignature', () => {
  const credentials = { apiKey: 'qwerty123', apiSalt: 'salt456' };
  const json = '{"entry_id":"e1","call_id":"c1","timestamp":1,"seq":1,"call_state":"Appeared"}';

  it('computes sha256 of key, json and salt', () => {
    // Computed separately: printf '%s' "qwerty123${json}salt456" | sha256sum
    expect(signMango(json, credentials)).toBe('912ce35e9503bcdfc6c4d61aaec6c4b340d90acadb493fead7502ad0eed1b5fc');
  });

  it('accepts a correctly signed form, in any case of hex', () => {
    const sign = signMango(json, credentials);
    expect(verifyMangoSignature({ vpbxApiKey: 'qwerty123', sign, json }, credentials)).toEqual({ ok: true });
    expect(verifyMangoSignature({ vpbxApiKey: 'qwerty123', sign: sign.toUpperCase(), json }, credentials)).toEqual({ ok: true });
  });

  it.each([
    ['a changed body', { json: json.replace('"seq":1', '"seq":2') }, 'подпись уведомления Mango Office неверна'],
    ['another salt', { sign: signMango(json, { ...credentials, apiSalt: 'other' }) }, 'подпись уведомления Mango Office неверна'],
    ['a truncated sign', { sign: 'abc' }, 'подпись уведомления Mango Office неверна'],
    ['another account', { vpbxApiKey: 'someone-else' }, 'подписано ключом другой АТС'],
  ])('rejects %s', (_case, change, message) => {
    const form = { vpbxApiKey: 'qwerty123', sign: signMango(json, credentials), json, ...change };
    const result = verifyMangoSignature(form, credentials);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });

  it('reads the form body Mango posts', () => {
    const body = new URLSearchParams({ vpbx_api_key: 'qwerty123', sign: 'abc', json }).toString();
    expect(readMangoWebhookForm(body)).toEqual({ vpbxApiKey: 'qwerty123', sign: 'abc', json });
    expect(readMangoWebhookForm('vpbx_api_key=k&json=%7B%7D')).toBeNull();
  });
});
