import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Evaluation } from '../../core/model/evaluation.ts';
import { FINDING_TITLES } from '../../core/model/finding-titles.ts';
import { DATABASE_KINDS } from '../../data/testing/test-databases.ts';
import type { CausesResponse, ComparisonResponse } from '../schemas/reports.schemas.ts';
import type { ErrorResponse } from '../schemas/common.schemas.ts';
import type { ApiClient, SeededApi } from '../testing/api-harness.ts';
import { seedApi } from '../testing/api-harness.ts';

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** Returns the cell's string value, or '' when the cell contains another type. */
function textOf(cell: ExcelJS.Cell): string {
  return typeof cell.value === 'string' ? cell.value : '';
}

const CALL_HEADERS = [
  'Дата и время',
  'Менеджер',
  'Команда',
  'Направление',
  'Длительность',
  'Клиент',
  'Телефон клиента',
  'Оценка',
  'Число находок',
  'Главные находки',
  'Примечание',
  'Звонок',
  'Номер в источнике',
];
const ID_COLUMN = CALL_HEADERS.indexOf('Звонок');

describe.each(DATABASE_KINDS)('exports API on %s', (kind) => {
  let api: SeededApi;
  let reviewer: ApiClient;

  const download = async (client: ApiClient, url: string): Promise<Download> => {
    const response = await api.app.request(url, { headers: { cookie: client.cookie } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const csvRows = (text: string): string[][] => parse(text, { delimiter: ';', bom: true, relax_quotes: false });
  const csvIds = (text: string) => csvRows(text).slice(1).map((row) => row[ID_COLUMN] ?? '').sort();
  const expectedIds = (keep: (evaluation: Evaluation) => boolean) =>
    api.evaluations
      .filter(keep)
      .map((evaluation) => evaluation.call.id)
      .sort();
  const sourceCall = (fragment: string): Evaluation => {
    const found = api.evaluations.find((evaluation) => evaluation.call.source.includes(fragment));
    if (found === undefined) {
      throw new Error(`no sample call from ${fragment}`);
    }
    return found;
  };

  beforeAll(async () => {
    api = await seedApi(kind);
    reviewer = await api.login('reviewer');
  });

  afterAll(async () => {
    await api.cleanup();
  });

  describe('calls as Excel', () => {
    let sheet: ExcelJS.Worksheet;
    let response: Download;

    beforeAll(async () => {
      response = await download(reviewer, '/api/v1/calls/export.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(response.bytes).buffer);
      const found = workbook.getWorksheet('Звонки');
      if (found === undefined) {
        throw new Error('the workbook has no sheet «Звонки»');
      }
      sheet = found;
    });

    it('answers with a workbook download', () => {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="okk-calls.xlsx"');
      expect(response.headers.get('x-total-count')).toBe(String(api.evaluations.length));
    });

    it('has Russian headers and every call once', () => {
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(CALL_HEADERS);
      const ids: string[] = [];
      sheet.eachRow((row, number) => {
        if (number > 1) ids.push(textOf(row.getCell(ID_COLUMN + 1)));
      });
      expect(ids.sort()).toEqual(expectedIds(() => true));
    });

    it('writes the start in the installation zone', () => {
      const call = sourceCall('01-zamer-obrazcovyj');
      const row = findRow(sheet, call.call.id);
      const started = row.getCell(1);

      // The sample starts at 10:14 Moscow time (07:14 UTC); Excel dates carry the wall clock.
      expect(started.value).toEqual(new Date(Date.UTC(2026, 11, 3, 10, 14)));
      expect(started.numFmt).toBe('dd.mm.yyyy hh:mm');
      expect(row.getCell(2).value).toBe(call.call.manager?.name);
      expect(row.getCell(8).value).toBe(call.score);
      expect(row.getCell(9).value).toBe(call.findings.length);
    });

    it('names the worst findings in Russian with a quote', () => {
      const call = sourceCall('02-dostavka-razdrazhenie');
      const cell = textOf(findRow(sheet, call.call.id).getCell(10));

      expect(cell).toContain(`${FINDING_TITLES.irritation} (критично): «`);
      expect(cell.split('\n')).toHaveLength(2);
    });
  });

  describe('calls as CSV', () => {
    it('writes UTF-8 with a BOM and semicolons', async () => {
      const response = await download(reviewer, '/api/v1/calls/export.csv');
      const text = response.bytes.toString('utf8');

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(text.slice(1, text.indexOf('\r\n'))).toBe(CALL_HEADERS.join(';'));
      expect(csvIds(text)).toEqual(expectedIds(() => true));
    });

    it('keeps quoted line breaks and quotes inside one field', async () => {
      const call = sourceCall('02-dostavka-razdrazhenie');
      const text = (await download(reviewer, '/api/v1/calls/export.csv')).bytes.toString('utf8');
      const row = csvRows(text).find((fields) => fields[ID_COLUMN] === call.call.id);

      expect(row).toHaveLength(CALL_HEADERS.length);
      expect(row?.[0]).toBe('04.12.2026 11:02');
      expect(row?.[4]).toBe('0:01:22');
      expect(row?.[9]?.split('\n')).toHaveLength(2);
      expect(row?.[9]).toMatch(/^(Раздражение \/ грубость|Нет решения) \(критично\): «[^»]+»\n/u);
    });

    it('writes cp1251 without a BOM on request', async () => {
      const response = await download(reviewer, '/api/v1/calls/export.csv?encoding=cp1251');
      const text = iconv.decode(response.bytes, 'win1251');

      expect(response.headers.get('content-type')).toBe('text/csv; charset=windows-1251');
      expect(response.bytes[0]).not.toBe(0xef);
      expect(text.startsWith('Дата и время;Менеджер;')).toBe(true);
      expect(text).toContain(api.managers.marina.name);
      expect(csvIds(text)).toEqual(expectedIds(() => true));
    });
  });

  describe('filters and scope', () => {
    it.each([
      ['finding kind and direction', () => 'findingKind=irritation&direction=inbound', (evaluation: Evaluation) => evaluation.call.direction === 'inbound' && evaluation.findings.some((finding) => finding.kind === 'irritation')],
      ['team', (seed: SeededApi) => `teamId=${seed.teams.kazan.id}`, (evaluation: Evaluation) => evaluation.call.manager?.team === api.teams.kazan.name],
      ['date range', () => 'from=2026-12-03&to=2026-12-04', (evaluation: Evaluation) => (evaluation.call.startedAt ?? '').startsWith('2026-12-03')],
      ['text search', () => `q=${encodeURIComponent('перезвонит')}`, (evaluation: Evaluation) => evaluation.call.source.includes('04-perezvonyu-zavtra')],
    ])('applies the %s filter like the list', async (_name, query, keep) => {
      const text = (await download(reviewer, `/api/v1/calls/export.csv?${query(api)}`)).bytes.toString('utf8');

      expect(csvIds(text)).toEqual(expectedIds(keep));
    });

    it('keeps the list sort', async () => {
      const text = (await download(reviewer, '/api/v1/calls/export.csv?sort=score&order=asc')).bytes.toString('utf8');
      const scores = csvRows(text)
        .slice(1)
        .map((row) => (row[7] === '' ? -1 : Number(row[7]?.replace(',', '.'))));

      expect(scores).toEqual([...scores].sort((left, right) => left - right));
    });

    it('gives a manager only their own calls', async () => {
      const anna = await api.login('anna');
      const own = (await download(anna, '/api/v1/calls/export.csv')).bytes.toString('utf8');
      const asked = (await download(anna, `/api/v1/calls/export.csv?managerId=${api.managers.denis.id}`)).bytes.toString('utf8');

      expect(csvIds(own)).toEqual(expectedIds((evaluation) => evaluation.call.manager?.name === api.managers.anna.name));
      expect(csvIds(own).length).toBeGreaterThan(0);
      expect(csvIds(asked)).toEqual([]);
    });

    it('gives a head of sales only their teams', async () => {
      const head = await api.login('moscowHead');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array((await download(head, '/api/v1/calls/export.xlsx')).bytes).buffer);
      const teams = new Set<string>();
      workbook.getWorksheet('Звонки')?.eachRow((row, number) => {
        if (number > 1) teams.add(textOf(row.getCell(3)));
      });
      const other = (await download(head, `/api/v1/calls/export.csv?teamId=${api.teams.kazan.id}`)).bytes.toString('utf8');

      expect([...teams]).toEqual([api.teams.moscow.name]);
      expect(csvIds(other)).toEqual([]);
    });

    it.each([
      ['scoreMin=abc', 'scoreMin'],
      ['findingKind=rudeness', 'findingKind[0]'],
      ['encoding=koi8-r', 'encoding'],
    ])('rejects %s with the field named', async (query, field) => {
      const response = await reviewer.get<ErrorResponse>(`/api/v1/calls/export.csv?${query}`);

      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.fields?.map((entry) => entry.path)).toEqual([field]);
      expect(response.body.error.message).toMatch(/[а-я]/u);
    });

    it('rejects a date that does not exist as an invalid field', async () => {
      const response = await reviewer.get<ErrorResponse>('/api/v1/calls/export.xlsx?from=2026-02-30');

      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(response.body.error).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'Ошибка в параметрах запроса: from: такой даты или времени нет в календаре: проверьте месяц, число, часы и минуты.',
        fields: [{ path: 'from', message: 'такой даты или времени нет в календаре: проверьте месяц, число, часы и минуты' }],
      });
    });

    it('requires a session', async () => {
      const response = await api.app.request('/api/v1/calls/export.csv');

      expect(response.status).toBe(401);
    });
  });

  describe('head-of-sales report as Excel', () => {
    const period = 'from=2026-11-01&to=2026-12-05';

    it('holds the figures of the report page', async () => {
      const response = await download(reviewer, `/api/v1/reports/export.xlsx?${period}`);
      const causes = await reviewer.get<CausesResponse>(`/api/v1/reports/causes?${period}`);
      const comparison = await reviewer.get<ComparisonResponse>(`/api/v1/reports/comparison?${period}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(response.bytes).buffer);

      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="okk-report-2026-11-01--2026-12-04.xlsx"');
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Причины', 'Менеджеры', 'По неделям']);
      expect(causes.body.causes.length).toBeGreaterThan(0);
      expect(sheetRows(workbook, 'Причины').map((row) => row.slice(0, 3))).toEqual(causes.body.causes.map((cause) => [cause.title, cause.callsWith, cause.frequency]));
      expect(sheetRows(workbook, 'Менеджеры').filter((row) => row[0] !== 'Вся команда').map((row) => [row[0], row[2], row[4]])).toEqual(
        comparison.body.managers.map((row) => [row.manager?.name, row.calls, row.averageScore]),
      );
    });

    it('links examples to their calls and lists 12 weeks', async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array((await download(reviewer, `/api/v1/reports/export.xlsx?${period}`)).bytes).buffer);
      const example = String(sheetRows(workbook, 'Причины')[0]?.[8]);
      const weeks = sheetRows(workbook, 'По неделям');

      expect(example).toMatch(/, оценка \d+: «.+» \(звонок [0-9a-f]+\)$/u);
      expect(weeks).toHaveLength(12);
      expect(weeks.at(-1)?.[0]).toEqual(new Date(Date.UTC(2026, 10, 30)));
      expect(weeks.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(api.evaluations.length);
    });

    it('gives a head of sales only their teams', async () => {
      const head = await api.login('kazanHead');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array((await download(head, `/api/v1/reports/export.xlsx?${period}`)).bytes).buffer);

      expect(new Set(sheetRows(workbook, 'Менеджеры').map((row) => row[1]))).toEqual(new Set([api.teams.kazan.name]));
    });

    it('is forbidden to a manager', async () => {
      const anna = await api.login('anna');
      const response = await anna.get<ErrorResponse>('/api/v1/reports/export.xlsx');

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    });

    it('rejects a period that ends before it starts', async () => {
      const response = await reviewer.get<ErrorResponse>('/api/v1/reports/export.xlsx?from=2026-12-05&to=2026-12-01');

      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('INVALID_INPUT');
      expect(response.body.error.message).toMatch(/^Начало периода/u);
    });
  });
});

function findRow(sheet: ExcelJS.Worksheet, callId: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(ID_COLUMN + 1).value === callId) found = row;
  });
  if (found === undefined) {
    throw new Error(`no row for call ${callId}`);
  }
  return found;
}

/** Reads the rows under the header, each as its cell values from the first column. */
function sheetRows(workbook: ExcelJS.Workbook, name: string): unknown[][] {
  const rows: unknown[][] = [];
  workbook.getWorksheet(name)?.eachRow((row, number) => {
    if (number > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}
