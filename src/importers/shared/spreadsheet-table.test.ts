import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { readTableBytes } from './table-file.ts';

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('readSpreadsheetTable', () => {
  it('reads cells back as the text a CSV export would have', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Звонки');
      sheet.addRow(['Дата звонка', 'Длительность', 'Номер', 'Сумма', 'Запись', 'Итог']);
      const row = sheet.addRow([new Date(Date.UTC(2024, 2, 12, 9, 5, 12)), new Date(Date.UTC(1899, 11, 30, 0, 3, 15)), 79161234567, 12345.5, null, null]);
      row.getCell(5).value = { text: 'Прослушать', hyperlink: 'https://example.ru/rec/1.mp3' };
      row.getCell(6).value = { formula: 'D2*2', result: 24691 };
      sheet.getCell('B2').numFmt = 'hh:mm:ss';
    });
    const table = await readTableBytes(bytes, 'звонки.xlsx');
    expect(table.kind).toBe('xlsx');
    expect(table.sheet).toBe('Звонки');
    expect(table.rows.map((row) => [row.number, row.cells])).toEqual([
      [1, ['Дата звонка', 'Длительность', 'Номер', 'Сумма', 'Запись', 'Итог']],
      [2, ['2024-03-12 09:05:12', '00:03:15', '79161234567', '12345.5', 'https://example.ru/rec/1.mp3', '24691']],
    ]);
  });

  it('skips empty sheets and keeps empty leading cells', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Пусто');
      const sheet = workbook.addWorksheet('Данные');
      sheet.getCell('C3').value = 'Телефон';
      sheet.getCell('A3').value = 'Дата';
    });
    const table = await readTableBytes(bytes, 'книга.xlsx');
    expect(table.sheet).toBe('Данные');
    expect(table.rows).toEqual([{ number: 3, cells: ['Дата', '', 'Телефон'] }]);
  });

  it('rejects the legacy XLS format with a hint', async () => {
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    await expect(readTableBytes(bytes, 'старый.xls')).rejects.toThrow('Файл старый.xls сохранён в старом формате Excel (XLS)');
  });

  it('rejects a binary file that is no table', async () => {
    const bytes = new Uint8Array(Array.from({ length: 512 }, (_value, index) => (index * 37) % 32));
    await expect(readTableBytes(bytes, 'звонок.wav')).rejects.toThrow('Файл звонок.wav не является таблицей');
  });

  it('rejects a damaged workbook', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    await expect(readTableBytes(bytes, 'битый.xlsx')).rejects.toThrow('не читается как книга Excel');
  });
});
