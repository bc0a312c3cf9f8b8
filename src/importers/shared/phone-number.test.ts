import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus.ts';
import { normalizePhoneNumber } from './phone-number.ts';

describe('normalizePhoneNumber', () => {
  it.each([
    // Russian numbers in the shapes call logs write them.
    ['+7 916 123-45-67', '+79161234567'],
    ['+79161234567', '+79161234567'],
    ['79161234567', '+79161234567'],
    ['89161234567', '+79161234567'],
    ['9161234567', '+79161234567'],
    ['8 (916) 123-45-67', '+79161234567'],
    ['8-916-123-45-67', '+79161234567'],
    ['+7(916)1234567', '+79161234567'],
    ['7 (916) 123 45 67', '+79161234567'],
    ['8 916 123 45 67', '+79161234567'],
    ['+7 495 123-45-67', '+74951234567'],
    ['8 (495) 123-45-67', '+74951234567'],
    ['84951234567', '+74951234567'],
    ['4951234567', '+74951234567'],
    ['8 800 555-35-35', '+78005553535'],
    ['88005553535', '+78005553535'],
    ['8 (812) 300-00-00', '+78123000000'],
    ['+7 (343) 222-33-44', '+73432223344'],
    // Russian international prefix and the common 00.
    ['810 49 30 1234567', '+49301234567'],
    ['8104930123456', '+4930123456'],
    ['0034688886392', '+34688886392'],
    // Foreign numbers with and without the plus.
    ['+375 29 123-45-67', '+375291234567'],
    ['+380 44 123 45 67', '+380441234567'],
    ['+34688886392', '+34688886392'],
    ['34688886392', '+34688886392'],
    ['+1 (212) 555-01-23', '+12125550123'],
    // A line-seize 0 dialled before 00.
    ['00034688886392', '+34688886392'],
    // SIP addresses carry the number in the user part.
    ['sip:+79161234567@pbx.example.ru', '+79161234567'],
    ['"Клиент" <sip:89161234567@10.0.0.1>', '+79161234567'],
    ['тел. 8 916 123 45 67', '+79161234567'],
  ])('%s is %s', (raw, e164) => {
    const result = normalizePhoneNumber(raw);
    expect(result.kind).toBe('e164');
    expect(result.kind === 'e164' ? result.e164 : null).toBe(e164);
  });

  it.each([
    ['+7 495 123-45-67 доб. 123', '+74951234567', '123'],
    ['8 (495) 123-45-67 доб 45', '+74951234567', '45'],
    ['+7 495 123 45 67 ext. 5', '+74951234567', '5'],
    ['84951234567#12', '+74951234567', '12'],
  ])('%s keeps the extension', (raw, e164, extension) => {
    expect(normalizePhoneNumber(raw)).toEqual({ kind: 'e164', e164, extension });
  });

  it.each([
    ['101', '101'],
    ['1234', '1234'],
    ['55555', '55555'],
    ['sip:101@pbx.local', '101'],
    ['102@10.0.0.1', '102'],
    ['PJSIP/103', null],
  ])('%s is an extension', (raw, extension) => {
    const result = normalizePhoneNumber(raw);
    if (extension === null) {
      expect(result.kind).not.toBe('e164');
    } else {
      expect(result).toEqual({ kind: 'extension', extension });
    }
  });

  it('honours maxExtensionDigits', () => {
    expect(normalizePhoneNumber('123456', { maxExtensionDigits: 6 })).toEqual({ kind: 'extension', extension: '123456' });
    expect(normalizePhoneNumber('1234', { maxExtensionDigits: 3 }).kind).toBe('invalid');
  });

  it.each(['', '   ', 'anonymous', 'Anonymous', 'Скрытый номер', 'unknown'])('«%s» is empty', (raw) => {
    expect(normalizePhoneNumber(raw)).toEqual({ kind: 'empty' });
  });

  it.each(['s', 'abc', '12345678', '7800123456789', '+7 916 123', 'sip:aaa@mangosip.ru'])('«%s» is invalid', (raw) => {
    const result = normalizePhoneNumber(raw);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' ? result.message : '').toMatch(/номер|не похоже/);
  });

  it('reads another default country', () => {
    expect(normalizePhoneNumber('029 123 45 67', { defaultCountry: 'BY' })).toMatchObject({ e164: '+375291234567' });
  });

  it('normalises every destination of the FreeSWITCH sample CDR', () => {
    const lines = readFileSync(corpusPath('telephony', 'freeswitch', 'Master.csv.sample'), 'utf8').trim().split('\n');
    const destinations = lines.map((line) => line.split(',')[2]?.replaceAll('"', '') ?? '');
    expect(destinations).toEqual(['0034688886392', '+34688886392', '34688886392', '0034688886392', '00034688886392']);
    for (const destination of destinations) {
      expect(normalizePhoneNumber(destination)).toMatchObject({ kind: 'e164', e164: '+34688886392' });
    }
  });
});
