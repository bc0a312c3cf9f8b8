import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';

import { importCallLogFile } from './call-log.importer.ts';

const workDir = mkdtempSync(path.join(tmpdir(), 'okk-call-log-xlsx-'));
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

async function writeWorkbook(name: string, rows: unknown[][], format?: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Звонки');
  for (const row of rows) sheet.addRow(row);
  format?.(sheet);
  const file = path.join(workDir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('importCallLogFile XLSX', () => {
  it('reads a Bitrix24 call list saved as XLSX', async () => {
    const file = await writeWorkbook('bitrix24.xlsx', [
      ['Детализация звонков'],
      [],
      ['Сотрудник', 'Номер', 'Тип звонка', 'Дата звонка', 'Длительность', 'Стоимость', 'Статус', 'Запись'],
      ['Иванов Иван', '+79161234567', 'Входящий', new Date(Date.UTC(2024, 2, 12, 9, 0, 15)), 195, 0, 'Успешный звонок', { text: 'Слушать', hyperlink: 'https://b24.example/rec/1.mp3' }],
      ['-', 89037654321, 'Входящий', new Date(Date.UTC(2024, 2, 12, 9, 20)), 0, 0, 'Пропущенный звонок', null],
      ['Петрова Анна', '+74952223344', 'Исходящий', 'не дата', 0, 0, 'Занято', null],
    ]);
    const result = await importCallLogFile(file);
    expect(result.format).toBe('bitrix24');
    expect(result.encoding).toBe('xlsx');
    expect(result.records).toEqual([
      expect.objectContaining({ row: 4, startedAt: '2024-03-12T09:00:15+03:00', direction: 'inbound', status: 'answered', clientPhone: '+79161234567', manager: 'Иванов Иван', talkSec: 195, recordingUrl: 'https://b24.example/rec/1.mp3' }),
      expect.objectContaining({ row: 5, startedAt: '2024-03-12T09:20:00+03:00', direction: 'inbound', status: 'missed', clientPhone: '+79037654321', manager: null }),
    ]);
    expect(result.rejected).toEqual([{ row: 6, column: 'Дата звонка', message: 'Столбец «Дата звонка»: не удалось прочитать дату и время «не дата».' }]);
  });

  it('reads time-formatted durations of an amoCRM list', async () => {
    const file = await writeWorkbook(
      'amocrm.xlsx',
      [
        ['Дата создания', 'Тип', 'Ответственный', 'Номер клиента', 'Длительность', 'Статус звонка', 'Результат звонка'],
        [new Date(Date.UTC(2024, 2, 12, 10, 40)), 'Исходящий звонок', 'Петрова Анна', '+7 926 555-44-33', new Date(Date.UTC(1899, 11, 30, 0, 7, 2)), 'Разговор состоялся', 'Счёт выставлен'],
      ],
      (sheet) => {
        sheet.getCell('E2').numFmt = 'hh:mm:ss';
      },
    );
    const result = await importCallLogFile(file, { timeZone: 'Asia/Novosibirsk' });
    expect(result.format).toBe('amocrm');
    expect(result.records).toEqual([
      expect.objectContaining({ startedAt: '2024-03-12T10:40:00+07:00', direction: 'outbound', status: 'answered', talkSec: 422, manager: 'Петрова Анна' }),
    ]);
  });
});
