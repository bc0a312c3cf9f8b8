import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';

import { importDealsFile } from './deals.importer.ts';
import { categoryOf, importNpsFile } from './nps.importer.ts';

const fixture = (name: string): string => path.join(import.meta.dirname, 'fixtures', name);
const workDir = mkdtempSync(path.join(tmpdir(), 'okk-outcomes-'));
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function writeFile(name: string, bytes: Uint8Array | string): string {
  const file = path.join(workDir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('importNpsFile', () => {
  it('reads a Russian survey export with the question as the header', async () => {
    const result = await importNpsFile(fixture('nps-answers.csv'));
    expect(result.records).toEqual([
      { score: 10, category: 'promoter', comment: 'Менеджер перезвонил, как обещал', answeredAt: '2024-03-12T18:05:11+03:00', clientPhone: '+79161234567', clientId: null, row: 2 },
      { score: 3, category: 'detractor', comment: 'Обещали перезвонить\nи пропали', answeredAt: '2024-03-12T18:20:00+03:00', clientPhone: '+79037654321', clientId: null, row: 3 },
      { score: 7, category: 'passive', comment: null, answeredAt: '2024-03-13', clientPhone: '+79265554433', clientId: null, row: 5 },
    ]);
  });

  it('reports broken rows with their line and column and counts them', async () => {
    const result = await importNpsFile(fixture('nps-answers.csv'));
    const question = 'Насколько вероятно, что вы порекомендуете нас друзьям? (0–10)';
    expect(result.rejected).toEqual([
      { row: 6, column: question, message: `Столбец «${question}»: оценка NPS должна быть целым числом от 0 до 10, а указано «11».` },
      { row: 7, column: null, message: 'Не указан ни телефон, ни id клиента.' },
      { row: 8, column: 'Отметка времени', message: 'Столбец «Отметка времени»: дата не указана.' },
    ]);
  });

  it('reads an English export with a client id', async () => {
    const result = await importNpsFile(fixture('nps-survey-en.csv'));
    expect(result.records.map((answer) => [answer.row, answer.score, answer.clientId, answer.clientPhone, answer.comment])).toEqual([
      [2, 9, 'C-1001', '+79161234567', 'Quick, polite'],
      [3, 6, 'C-1002', null, 'Slow delivery'],
    ]);
    expect(result.rejected.map((rejection) => rejection.row)).toEqual([4]);
    expect(result.warnings).toEqual(['Телефон «not a phone» не распознан, клиент найден по id — строка 3.']);
  });

  it('reads the same answers from Windows-1251', async () => {
    const utf8 = await importNpsFile(fixture('nps-answers.csv'));
    const file = writeFile('nps-cp1251.csv', iconv.encode(readFileSync(fixture('nps-answers.csv'), 'utf8'), 'win1251'));
    const cp1251 = await importNpsFile(file);
    expect(cp1251.encoding).toBe('windows-1251');
    expect(cp1251.records).toEqual(utf8.records);
    expect(cp1251.rejected).toEqual(utf8.rejected);
  });

  it.each([
    [0, 'detractor'], [6, 'detractor'], [7, 'passive'], [8, 'passive'], [9, 'promoter'], [10, 'promoter'],
  ] as const)('puts score %i among %s', (score, category) => {
    expect(categoryOf(score)).toBe(category);
  });

  it('refuses a file that has no scores', async () => {
    await expect(importNpsFile(fixture('deals.csv'))).rejects.toThrow(
      'Файл deals.csv не похож на ответы опроса NPS: не найдены нужные столбцы («оценка», «дата», «телефон» или «id клиента»).',
    );
  });
});

describe('importDealsFile', () => {
  it('reads amounts, stages and clients of a CRM export', async () => {
    const result = await importDealsFile(fixture('deals.csv'));
    expect(result.records).toEqual([
      { externalId: 'D-1', date: '2024-03-12', amount: 12345.5, currency: 'RUB', clientPhone: '+79161234567', clientId: null, status: 'won', sourceStatus: 'Успешно реализовано', manager: 'Иванов Иван', row: 2 },
      { externalId: 'D-2', date: '2024-03-13', amount: 1200000, currency: 'RUB', clientPhone: '+79037654321', clientId: null, status: 'lost', sourceStatus: 'Закрыто и не реализовано', manager: 'Петрова Анна', row: 3 },
      { externalId: 'D-3', date: '2024-03-14', amount: null, currency: null, clientPhone: '+79265554433', clientId: null, status: 'open', sourceStatus: 'Переговоры', manager: 'Петрова Анна', row: 4 },
    ]);
    expect(result.rejected).toEqual([
      { row: 5, column: 'Сумма', message: 'Столбец «Сумма»: «дорого» не похоже на сумму.' },
      { row: 6, column: 'Дата закрытия', message: 'Столбец «Дата закрытия»: не удалось прочитать дату «32.03.2024».' },
    ]);
  });

  it.each([
    ['WON', 'won'], ['C3:WON', 'won'], ['LOSE', 'lost'], ['C3:LOSE', 'lost'], ['Оплачен', 'won'], ['Отказ', 'lost'],
    ['closed won', 'won'], ['Closed Lost', 'lost'], ['Новая', 'open'], ['', 'open'],
  ])('reads stage «%s» as %s', async (stage, status) => {
    const file = writeFile(`deal-${status}-${stage.replace(/\W/g, '') || 'empty'}.csv`, `Дата;Телефон;Стадия\n12.03.2024;+79161234567;${stage}\n`);
    const [deal] = (await importDealsFile(file)).records;
    expect(deal?.status).toBe(status);
  });

  it('leaves the status empty when the export has no status column', async () => {
    const file = writeFile('purchases.csv', 'date,client_id,total\n2024-03-12,C-1,"1,200.00"\n');
    expect((await importDealsFile(file)).records).toEqual([
      { externalId: null, date: '2024-03-12', amount: 1200, currency: 'RUB', clientPhone: null, clientId: 'C-1', status: null, sourceStatus: null, manager: null, row: 2 },
    ]);
  });

  it('reads deals and NPS answers back from XLSX', async () => {
    const workbook = new ExcelJS.Workbook();
    const deals = workbook.addWorksheet('Сделки');
    deals.addRow(['Выгрузка сделок за март']);
    deals.addRow([]);
    deals.addRow(['ID', 'Дата закрытия', 'Телефон', 'Бюджет', 'Этап', 'Ответственный']);
    deals.addRow(['101', new Date(Date.UTC(2024, 2, 12)), '+7 916 123-45-67', 12345.5, 'Успешно реализовано', 'Иванов Иван']);
    deals.addRow(['102', new Date(Date.UTC(2024, 2, 13, 15, 30)), 89037654321, '2 000 ₽', 'Закрыто и не реализовано', 'Петрова Анна']);
    deals.addRow(['103', 'вчера', '+7 926 555-44-33', 500, 'Успешно реализовано', 'Петрова Анна']);
    const file = path.join(workDir, 'deals.xlsx');
    await workbook.xlsx.writeFile(file);

    const result = await importDealsFile(file);
    expect(result.encoding).toBe('xlsx');
    expect(result.records.map((deal) => [deal.row, deal.externalId, deal.date, deal.amount, deal.clientPhone, deal.status])).toEqual([
      [4, '101', '2024-03-12', 12345.5, '+79161234567', 'won'],
      [5, '102', '2024-03-13T15:30:00+03:00', 2000, '+79037654321', 'lost'],
    ]);
    expect(result.rejected).toEqual([{ row: 6, column: 'Дата закрытия', message: 'Столбец «Дата закрытия»: не удалось прочитать дату «вчера».' }]);
  });

  it('reads NPS answers from XLSX', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Ответы');
    sheet.addRow(['Дата ответа', 'ID клиента', 'Оценка', 'Комментарий']);
    sheet.addRow([new Date(Date.UTC(2024, 2, 12, 18, 5)), 'C-7', 10, 'Всё понравилось']);
    sheet.addRow([new Date(Date.UTC(2024, 2, 12, 19, 0)), 'C-8', 4.5, '']);
    const file = path.join(workDir, 'nps.xlsx');
    await workbook.xlsx.writeFile(file);

    const result = await importNpsFile(file);
    expect(result.records).toEqual([
      { score: 10, category: 'promoter', comment: 'Всё понравилось', answeredAt: '2024-03-12T18:05:00+03:00', clientPhone: null, clientId: 'C-7', row: 2 },
    ]);
    expect(result.rejected).toEqual([{ row: 3, column: 'Оценка', message: 'Столбец «Оценка»: оценка NPS должна быть целым числом от 0 до 10, а указано «4.5».' }]);
  });
});

