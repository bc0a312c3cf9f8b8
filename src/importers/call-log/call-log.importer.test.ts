import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus.ts';
import { importCallLogBytes, importCallLogFile } from './call-log.importer.ts';
import type { CallLogRecord } from './call-log-record.ts';

const fixture = (name: string): string => path.join(import.meta.dirname, 'fixtures', name);

/** Reduces records to the fields that describe the outcome: row, direction, status, client, manager. */
function outline(records: readonly CallLogRecord[]): (string | number | null)[][] {
  return records.map((record) => [record.row, record.direction, record.status, record.clientPhone, record.manager]);
}

describe('importCallLogFile formats', () => {
  it.each([
    ['asterisk-master.csv', 'asterisk', 'utf-8', 9, [9]],
    ['mango-stats.csv', 'mango-stats', 'utf-8', 5, []],
    ['mango-calls.csv', 'mango', 'utf-8', 7, [9, 11]],
    ['mango-calls-cp1251.csv', 'mango', 'windows-1251', 7, [9, 11]],
    ['mango-calls-mojibake.csv', 'mango', 'utf-8', 7, [9, 11]],
    ['uis-calls-api.csv', 'uis', 'utf-8', 4, []],
    ['uis-calls.csv', 'uis', 'utf-8', 3, []],
    ['uis-calls-cp1251.csv', 'uis', 'windows-1251', 3, []],
    ['uis-calls-utf16.txt', 'uis', 'utf-16le', 3, []],
    ['zadarma-calls.csv', 'zadarma', 'utf-8', 6, []],
    ['zadarma-pbx-api.csv', 'zadarma', 'utf-8', 3, []],
    ['beeline-calls.csv', 'beeline', 'utf-8', 4, []],
    ['beeline-calls-cp1251.csv', 'beeline', 'windows-1251', 4, []],
    ['beeline-api.csv', 'beeline', 'utf-8', 2, []],
    ['bitrix24-calls.csv', 'bitrix24', 'utf-8', 5, []],
    ['bitrix24-calls-cp1251.csv', 'bitrix24', 'windows-1251', 5, []],
    ['bitrix24-statistic-api.csv', 'bitrix24', 'utf-8', 3, []],
    ['amocrm-calls.csv', 'amocrm', 'utf-8', 4, []],
    ['amocrm-calls-bom.csv', 'amocrm', 'utf-8-bom', 4, []],
    ['amocrm-calls-api.csv', 'amocrm', 'utf-8', 2, []],
  ])('%s is %s in %s', async (file, format, encoding, records, rejectedRows) => {
    const result = await importCallLogFile(fixture(file));
    expect(result.format).toBe(format);
    expect(result.encoding).toBe(encoding);
    expect(result.records).toHaveLength(records);
    expect(result.rejected.map((rejection) => rejection.row)).toEqual(rejectedRows);
  });

  it.each([
    ['mango-calls-cp1251.csv', 'mango-calls.csv'],
    ['mango-calls-mojibake.csv', 'mango-calls.csv'],
    ['uis-calls-cp1251.csv', 'uis-calls.csv'],
    ['uis-calls-utf16.txt', 'uis-calls.csv'],
    ['beeline-calls-cp1251.csv', 'beeline-calls.csv'],
    ['bitrix24-calls-cp1251.csv', 'bitrix24-calls.csv'],
    ['amocrm-calls-bom.csv', 'amocrm-calls.csv'],
  ])('%s gives the same records as %s', async (variant, original) => {
    const expected = await importCallLogFile(fixture(original));
    const actual = await importCallLogFile(fixture(variant));
    expect(actual.records).toEqual(expected.records);
    expect(actual.rejected).toEqual(expected.rejected);
  });

  it('warns that mojibake was repaired', async () => {
    const result = await importCallLogFile(fixture('mango-calls-mojibake.csv'));
    expect(result.warnings[0]).toMatch(/^Исправлена двойная перекодировка кириллицы в \d+ строках/);
  });
});

describe('importCallLogFile Asterisk Master.csv', () => {
  it('reads direction, status and manager from the CDR fields', async () => {
    const result = await importCallLogFile(fixture('asterisk-master.csv'));
    expect(outline(result.records)).toEqual([
      [1, 'outbound', 'answered', '+79161234567', 'Иванов Иван'],
      [2, 'inbound', 'answered', '+79031112233', '102'],
      [3, 'inbound', 'missed', '+74957778899', null],
      [4, 'inbound', 'voicemail', '+79265554433', '103'],
      [5, 'outbound', 'busy', '+79167654321', 'Иванов Иван'],
      [6, 'inbound', 'missed', '+79998887766', '101'],
      [7, 'internal', 'answered', null, 'Иванов Иван'],
      [8, 'inbound', 'answered', null, '102'],
      [10, 'outbound', 'failed', '+79161112233', 'Петрова Анна'],
    ]);
  });

  it('uses billsec as talk time and the rest as waiting', async () => {
    const [first] = (await importCallLogFile(fixture('asterisk-master.csv'))).records;
    expect(first).toEqual({
      externalId: '1710227703.26',
      startedAt: '2024-03-12T10:15:03+03:00',
      direction: 'outbound',
      manager: 'Иванов Иван',
      managerExtension: '101',
      clientPhone: '+79161234567',
      answered: true,
      status: 'answered',
      waitSec: 8,
      durationSec: 277,
      talkSec: 269,
      recordingUrl: null,
      recordingFile: 'out-89161234567-101-20240312-101503-1710227703.26.wav',
      source: 'asterisk',
      sourceStatus: 'ANSWERED',
      row: 1,
    } satisfies CallLogRecord);
  });

  it('does not count voice mail or the IVR as a conversation', async () => {
    const records = (await importCallLogFile(fixture('asterisk-master.csv'))).records;
    const ivr = records.find((record) => record.row === 3);
    const voicemail = records.find((record) => record.row === 4);
    expect(ivr).toMatchObject({ answered: false, status: 'missed', talkSec: 0, waitSec: 35, sourceStatus: 'ANSWERED' });
    expect(voicemail).toMatchObject({ answered: false, status: 'voicemail', talkSec: 0 });
  });

  it('reports a broken row with its line and field and reads the rest', async () => {
    const result = await importCallLogFile(fixture('asterisk-master.csv'));
    expect(result.rejected).toEqual([{ row: 9, column: 'start', message: 'Столбец «start»: не удалось прочитать дату и время «12.03.2024 нет».' }]);
    expect(result.warnings).toEqual([
      'Звонок принят только голосовым меню (IVR) и до сотрудника не дошёл — строка 3.',
      'Номер клиента скрыт или не указан — строка 8.',
    ]);
  });

  it('resolves local times in the configured zone', async () => {
    const result = await importCallLogFile(fixture('asterisk-master.csv'), { timeZone: 'Asia/Yekaterinburg' });
    expect(result.records[0]?.startedAt).toBe('2024-03-12T10:15:03+05:00');
  });

  it('reads the FreePBX CDR report with a header', async () => {
    const csv = [
      'calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,did,recordingfile',
      '2024-03-12 09:00:00,"""Клиент"" <79161234567>",79161234567,600,ext-queues,SIP/trunk-01,SIP/104-02,Queue,600,130,120,ANSWERED,3,,1710223200.1,,74957700001,q-600-79161234567-20240312-090000-1710223200.1.wav',
      '2024-03-12 09:10:00,"""Петрова Анна"" <104>",104,89037654321,from-internal,SIP/104-03,SIP/trunk-04,Dial,SIP/trunk/89037654321,20,0,NO ANSWER,3,,1710223800.2,,,',
    ].join('\n');
    const result = await importCallLogBytes(Buffer.from(csv), 'cdr.csv');
    expect(result.format).toBe('asterisk');
    expect(outline(result.records)).toEqual([
      [2, 'inbound', 'answered', '+79161234567', '104'],
      [3, 'outbound', 'no_answer', '+79037654321', 'Петрова Анна'],
    ]);
    expect(result.records[0]?.recordingFile).toBe('q-600-79161234567-20240312-090000-1710223200.1.wav');
  });
});

describe('importCallLogFile FreeSWITCH', () => {
  it('reads the documented sample CDR', async () => {
    const result = await importCallLogFile(corpusPath('telephony', 'freeswitch', 'Master.csv.sample'));
    expect(result.format).toBe('freeswitch');
    expect(result.rejected).toEqual([]);
    expect(result.records).toHaveLength(5);
    for (const record of result.records) {
      expect(record).toMatchObject({ direction: 'outbound', status: 'no_answer', answered: false, clientPhone: '+34688886392', talkSec: 0 });
    }
    expect(result.records.map((record) => record.managerExtension)).toEqual(['9007', '9008', '9008', '9008', '9008']);
    expect(result.records[0]).toMatchObject({ externalId: 'a5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d', startedAt: '2014-05-29T16:59:50+04:00', sourceStatus: 'NORMAL_CLEARING' });
  });

  it('reads answered and busy calls of the 15-field template', async () => {
    const csv = [
      '"+79161234567","+79161234567","1001","public","2024-03-12 09:00:00","2024-03-12 09:00:07","2024-03-12 09:03:07","187","180","NORMAL_CLEARING","uuid-1","uuid-2","","PCMA","PCMA"',
      '"Иванов Иван","1001","89037654321","default","2024-03-12 09:10:00","","2024-03-12 09:10:05","5","0","USER_BUSY","uuid-3","","","PCMA","PCMA"',
    ].join('\n');
    const result = await importCallLogBytes(Buffer.from(csv), 'Master.csv');
    expect(result.format).toBe('freeswitch');
    expect(outline(result.records)).toEqual([
      [1, 'inbound', 'answered', '+79161234567', '1001'],
      [2, 'outbound', 'busy', '+79037654321', 'Иванов Иван'],
    ]);
    expect(result.records[0]).toMatchObject({ waitSec: 7, talkSec: 180, durationSec: 187 });
  });
});

describe('importCallLogFile vendor exports', () => {
  it.each([
    ['mango-stats.csv', [
      [1, 'inbound', 'answered', '+74951234567', '101'],
      [2, 'inbound', 'missed', '+79161234567', null],
      [3, 'outbound', 'answered', '+79037654321', '102'],
      [4, 'outbound', 'no_answer', '+79037654321', '102'],
      [5, 'internal', 'answered', null, '101'],
    ]],
    ['mango-calls.csv', [
      [3, 'inbound', 'answered', '+79161234567', 'Иванов Иван'],
      [4, 'inbound', 'missed', '+79037654321', 'Отдел продаж'],
      [5, 'outbound', 'no_answer', '+79037654321', 'Петрова Анна'],
      [6, 'outbound', 'answered', '+79037654321', 'Петрова Анна'],
      [7, 'outbound', 'busy', '+74952223344', 'Иванов Иван'],
      [8, 'internal', 'answered', null, 'Иванов Иван'],
      [10, 'inbound', 'answered', null, 'Иванов Иван'],
    ]],
    ['uis-calls-api.csv', [
      [2, 'inbound', 'answered', '+79161234567', 'Иванов Иван'],
      [3, 'inbound', 'missed', '+79037654321', null],
      [4, 'outbound', 'busy', '+74952223344', 'Петрова Анна'],
      [5, 'outbound', 'answered', '+79265554433', 'Петрова Анна'],
    ]],
    ['zadarma-calls.csv', [
      [2, 'inbound', 'answered', '+79161234567', '100'],
      [3, 'inbound', 'missed', '+79037654321', '100'],
      [4, 'outbound', 'busy', '+74952223344', '101'],
      [5, 'outbound', 'no_answer', '+74952223344', '101'],
      [6, 'outbound', 'answered', '+79265554433', '101'],
      [7, 'outbound', 'failed', '+375291234567', '101'],
    ]],
    ['beeline-calls.csv', [
      [2, 'inbound', 'answered', '+79161234567', 'Иванов Иван'],
      [3, 'inbound', 'missed', '+79037654321', 'Иванов Иван'],
      [4, 'outbound', 'no_answer', '+74952223344', 'Петрова Анна'],
      [5, 'outbound', 'answered', '+79265554433', 'Петрова Анна'],
    ]],
    ['bitrix24-calls.csv', [
      [2, 'inbound', 'answered', '+79161234567', 'Иванов Иван'],
      [3, 'inbound', 'missed', '+79037654321', null],
      [4, 'outbound', 'busy', '+74952223344', 'Петрова Анна'],
      [5, 'outbound', 'answered', '+79265554433', 'Петрова Анна'],
      [6, 'outbound', 'answered', '+79265554433', 'Петрова Анна'],
    ]],
    ['bitrix24-statistic-api.csv', [
      [2, 'inbound', 'answered', '+79161234567', '15'],
      [3, 'inbound', 'missed', '+79037654321', '15'],
      [4, 'outbound', 'busy', '+74952223344', '17'],
    ]],
    ['amocrm-calls.csv', [
      [2, 'inbound', 'answered', '+79161234567', 'Иванов Иван'],
      [3, 'outbound', 'no_answer', '+79037654321', 'Иванов Иван'],
      [4, 'outbound', 'busy', '+74952223344', 'Петрова Анна'],
      [5, 'outbound', 'voicemail', '+79265554433', 'Петрова Анна'],
    ]],
  ])('%s', async (file, expected) => {
    const result = await importCallLogFile(fixture(file));
    expect(outline(result.records)).toEqual(expected);
  });

  it('reads Mango statistics times, recording ids and entry ids', async () => {
    const [first, second] = (await importCallLogFile(fixture('mango-stats.csv'))).records;
    expect(first).toMatchObject({
      startedAt: '2024-03-12T10:00:00+03:00', waitSec: 15, talkSec: 285, durationSec: 300,
      recordingFile: 'MToxMDA1NzU5MzoyNTY6NjI1ODM4MzQ=', externalId: 'MToxMDA1NzU5MzoyNTY6ZW50cnkx', sourceStatus: '1100',
    });
    expect(second).toMatchObject({ answered: false, talkSec: 0, waitSec: 60, recordingFile: null });
  });

  it('reads a date and a time in two columns and clock durations', async () => {
    const [first] = (await importCallLogFile(fixture('mango-calls.csv'))).records;
    expect(first).toMatchObject({
      startedAt: '2024-03-11T09:05:12+03:00', waitSec: 12, talkSec: 225, durationSec: 237,
      recordingUrl: 'https://app.mango-office.ru/recordings/rec-1.mp3', externalId: 'MToxMDAxOmVudHJ5MQ==',
    });
  });

  it('reports bad values with their row and column in Russian', async () => {
    const result = await importCallLogFile(fixture('mango-calls.csv'));
    expect(result.rejected).toEqual([
      { row: 9, column: 'Дата', message: 'Столбец «Дата»: не удалось прочитать дату «31.02.2024» и время «12:30:00».' },
      { row: 11, column: 'Длительность разговора', message: 'Столбец «Длительность разговора»: не удалось прочитать длительность «пять минут».' },
    ]);
    expect(result.warnings).toEqual(['Номер клиента скрыт или не указан — строка 10.']);
  });

  it('reads Bitrix24 durations in words and keeps an unknown status with a warning', async () => {
    const result = await importCallLogFile(fixture('bitrix24-calls.csv'));
    expect(result.records[0]).toMatchObject({ talkSec: 195, sourceStatus: 'Успешный звонок' });
    expect(result.records[4]).toMatchObject({ talkSec: 720, sourceStatus: 'Странный статус' });
    expect(result.warnings).toContain('Статус «Странный статус» не известен, исход определён по времени разговора — строка 6.');
  });
});

describe('importCallLogFile options and guards', () => {
  it('takes a forced format', async () => {
    const result = await importCallLogFile(fixture('zadarma-calls.csv'), { format: 'generic' });
    expect(result.format).toBe('generic');
    expect(result.records).toHaveLength(6);
  });

  it('refuses a forced format the file does not have', async () => {
    await expect(importCallLogFile(fixture('mango-calls.csv'), { format: 'asterisk' })).rejects.toThrow(
      'Файл mango-calls.csv не похож на журнал звонков в формате «Asterisk / FreePBX»',
    );
  });

  it('refuses a file that is not a call log', async () => {
    await expect(importCallLogFile(fixture('price-list.csv'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: expect.stringContaining('Файл price-list.csv не похож на журнал звонков: не найдены столбцы с датой звонка и номером телефона.') as unknown,
    });
  });

  it('refuses an empty file', async () => {
    await expect(importCallLogBytes(Buffer.from('\n;;\n'), 'пусто.csv')).rejects.toThrow('Файл пусто.csv пуст');
  });

  it('refuses an unknown time zone', async () => {
    await expect(importCallLogFile(fixture('mango-calls.csv'), { timeZone: 'Moscow' })).rejects.toThrow('Неизвестный часовой пояс «Moscow»');
  });

  it('tells the direction by the company numbers', async () => {
    const csv = 'Дата звонка;Откуда;Куда;Длительность разговора\n2024-03-12 09:00;+74957700001;+79161234567;60\n2024-03-12 09:10;+79161234567;+74957700001;0\n';
    const withoutNumbers = await importCallLogBytes(Buffer.from(csv), 'calls.csv');
    expect(withoutNumbers.records).toEqual([]);
    expect(withoutNumbers.rejected.map((rejection) => rejection.message)).toEqual([
      'Не удалось определить направление звонка: в строке нет внутреннего номера, а номера компании не указаны в настройках импорта.',
      'Не удалось определить направление звонка: в строке нет внутреннего номера, а номера компании не указаны в настройках импорта.',
    ]);

    const withNumbers = await importCallLogBytes(Buffer.from(csv), 'calls.csv', { companyNumbers: ['8 (495) 770-00-01'] });
    expect(outline(withNumbers.records)).toEqual([
      [2, 'outbound', 'answered', '+79161234567', null],
      [3, 'inbound', 'missed', '+79161234567', null],
    ]);
  });

  it('refuses a company number it cannot read', async () => {
    await expect(importCallLogFile(fixture('mango-calls.csv'), { companyNumbers: ['офис'] })).rejects.toThrow('Номер компании «офис» не распознан');
  });

  it('rejects an unknown direction', async () => {
    const csv = 'Дата звонка;Тип звонка;Номер клиента;Статус\n12.03.2024 10:00;Странный;+79161234567;Отвечен\n12.03.2024 10:05;Входящий;+79161234567;Отвечен\n';
    const result = await importCallLogBytes(Buffer.from(csv), 'calls.csv');
    expect(result.rejected).toEqual([{ row: 2, column: 'Тип звонка', message: 'Столбец «Тип звонка»: неизвестный тип звонка «Странный».' }]);
    expect(result.records).toHaveLength(1);
  });

  it('rejects an unknown outcome', async () => {
    const csv = 'Дата звонка;Тип звонка;Номер клиента;Статус\n12.03.2024 10:00;Входящий;+79161234567;Непонятно\n12.03.2024 10:05;Входящий;+79161234567;\n';
    const result = await importCallLogBytes(Buffer.from(csv), 'calls.csv');
    expect(result.rejected).toEqual([
      { row: 2, column: 'Статус', message: 'Столбец «Статус»: неизвестный статус звонка «Непонятно».' },
      { row: 3, column: null, message: 'Не указано, состоялся ли разговор: нет ни статуса, ни времени разговора.' },
    ]);
  });
});
