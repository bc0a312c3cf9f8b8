import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../corpus.ts';

const run = promisify(execFile);
const OKK = path.join(REPO_ROOT, 'bin', 'okk.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function okk(args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [OKK, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, OKK_CONFIG: '', OKK_TIME_ZONE: 'Europe/Moscow' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function csvRows(text: string): string[][] {
  return parse(text, { delimiter: ';', bom: true });
}

describe('okk export calls on the sample calls', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'okk-export-'));
  const database = `sqlite:${path.join(folder, 'okk.sqlite')}`;
  const file = (name: string) => path.join(folder, name);

  beforeAll(async () => {
    const analysed = await okk(['analyze', path.join(REPO_ROOT, 'samples'), '--database', database]);
    expect(analysed.code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes every call to a workbook', async () => {
    const result = await okk(['export', 'calls', '--xlsx', file('calls.xlsx'), '--database', database]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file('calls.xlsx'));
    const sheet = workbook.getWorksheet('Звонки');

    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Выгружено 13 звонков: ${file('calls.xlsx')}.\n`);
    expect(sheet?.rowCount).toBe(14);
    expect(sheet?.getRow(1).getCell(1).value).toBe('Дата и время');
    expect(existsSync(`${file('calls.xlsx')}.part`)).toBe(false);
  });

  it('filters by dates, manager and team', async () => {
    const byDate = await okk(['export', 'calls', '--csv', file('date.csv'), '--from', '2026-12-04', '--to', '2026-12-04', '--database', database]);
    const byManager = await okk(['export', 'calls', '--csv', file('manager.csv'), '--manager', 'игорь белов', '--database', database]);
    const byTeam = await okk(['export', 'calls', '--csv', file('team.csv'), '--team', 'Продажи, Казань', '--database', database]);
    const dates = csvRows(readFileSync(file('date.csv'), 'utf8')).slice(1).map((row) => row[0]);
    const managers = new Set(csvRows(readFileSync(file('manager.csv'), 'utf8')).slice(1).map((row) => row[1]));
    const teams = new Set(csvRows(readFileSync(file('team.csv'), 'utf8')).slice(1).map((row) => row[2]));

    expect([byDate.code, byManager.code, byTeam.code]).toEqual([0, 0, 0]);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((date) => date?.startsWith('04.12.2026'))).toBe(true);
    expect([...managers]).toEqual(['Игорь Белов']);
    expect([...teams]).toEqual(['Продажи, Казань']);
  });

  it('writes cp1251 CSV on request', async () => {
    const result = await okk(['export', 'calls', '--csv', file('calls-1251.csv'), '--encoding', 'cp1251', '--database', database]);
    const bytes = readFileSync(file('calls-1251.csv'));
    const rows = csvRows(iconv.decode(bytes, 'win1251'));

    expect(result.code).toBe(0);
    expect(bytes[0]).not.toBe(0xef);
    expect(rows[0]?.slice(0, 3)).toEqual(['Дата и время', 'Менеджер', 'Команда']);
    expect(rows).toHaveLength(14);
  });

  it('says so when no call matches', async () => {
    const result = await okk(['export', 'calls', '--csv', file('none.csv'), '--from', '2027-01-01', '--database', database]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Под фильтры не попал ни один звонок/u);
    expect(csvRows(readFileSync(file('none.csv'), 'utf8'))).toHaveLength(1);
  });

  it.each([
    [['--database', 'sqlite::memory:'], 'Ошибка: Не указан файл выгрузки: добавьте --xlsx ФАЙЛ или --csv ФАЙЛ.'],
    [['--xlsx', 'a.xlsx', '--csv', 'a.csv'], 'Ошибка: Укажите что-то одно: --xlsx ФАЙЛ или --csv ФАЙЛ.'],
    [['--xlsx', 'a.xlsx', '--encoding', 'cp1251'], 'Ошибка: Параметр --encoding относится только к CSV'],
    [['--csv', 'a.csv', '--from', '04.12.2026'], 'ошибка: недопустимое значение «04.12.2026» параметра «--from». Укажите дату'],
  ])('rejects %j in Russian', async (args, message) => {
    const result = await okk(['export', 'calls', ...args]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('names a manager it cannot find', async () => {
    const result = await okk(['export', 'calls', '--csv', file('x.csv'), '--manager', 'Пётр Нетов', '--database', database]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Ошибка: Менеджер «Пётр Нетов» не найден в базе.');
    expect(existsSync(file('x.csv'))).toBe(false);
  });
});
