import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../data/index.ts';
import { openTestDatabase, type TestDatabase } from '../../data/testing/test-databases.ts';
import { createLogger } from '../../lib/logger.ts';
import { SYSTEM_VIEWER, type Viewer } from '../accounts/access.ts';
import { defaultFollowThroughSettings } from '../followthrough/follow-through-config.ts';
import { runFollowThrough } from '../followthrough/follow-through.service.ts';
import { defaultOutcomesSettings } from './outcomes-config.ts';
import { type OutcomesReport, OutcomesService } from './outcomes.service.ts';
import { buildOutcomesWorkbook } from './outcomes-xlsx.ts';
import { type CompanyHistory, generateCompanyHistory, NOTHING_PLANTED, PLANTED, type PlantedEffects } from './testing/company-history.ts';

const logger = createLogger({ level: 'silent' });
const TIME_ZONE = 'Europe/Moscow';

async function storeHistory(database: Database, history: CompanyHistory): Promise<void> {
  await database.calls.saveTranscripts(history.transcripts.map((transcript) => ({ transcript, searchText: '' })));
  await database.evaluations.saveEvaluations(history.evaluations);
  await database.callLogs.saveRecords(history.callLog.map((record) => ({ record, fileName: 'log.csv', managerName: record.manager, queueTeam: null })));
  await database.outcomes.saveNpsAnswers(history.answers, 'nps.csv');
  await database.outcomes.saveDeals(history.deals, 'deals.csv');
}

async function analyse(seed: number, effects: PlantedEffects): Promise<{ test: TestDatabase; report: OutcomesReport; history: CompanyHistory; service: OutcomesService }> {
  const test = await openTestDatabase('sqlite', { timeZone: TIME_ZONE });
  const history = generateCompanyHistory(seed, effects);
  await storeHistory(test.database, history);
  const followThrough = defaultFollowThroughSettings(TIME_ZONE);
  await runFollowThrough(test.database, followThrough, history.now, logger);
  const service = new OutcomesService({ database: test.database, followThrough, outcomes: defaultOutcomesSettings(), timeZone: TIME_ZONE, now: () => new Date(history.now) });
  return { test, history, service, report: await service.report(SYSTEM_VIEWER, { since: history.since }) };
}

function verdictOf(report: OutcomesReport, outcome: 'detractors' | 'noRepeatPurchase', feature: string): string | undefined {
  return report.drivers[outcome].drivers.find((driver) => driver.feature === feature)?.verdict;
}

describe('driver analysis of a generated history with planted effects', () => {
  let run: Awaited<ReturnType<typeof analyse>>;

  beforeAll(async () => {
    run = await analyse(11, PLANTED);
  });
  afterAll(async () => {
    await run.test.cleanup();
  });

  it('finds that ignored questions go with detractors', () => {
    const driver = run.report.drivers.detractors.drivers.find((candidate) => candidate.feature === 'finding:question_ignored');
    expect(driver?.verdict).toBe('worse');
    expect(driver?.rateDifference.estimate).toBeGreaterThan(0.2);
    expect(driver?.meanDifference?.high).toBeLessThan(0);
    expect(driver?.examples.length).toBeGreaterThan(0);
  });

  it('finds that broken promises go with no repeat purchase', () => {
    const driver = run.report.drivers.noRepeatPurchase.drivers.find((candidate) => candidate.feature === 'finding:promise_not_kept');
    expect(driver?.verdict).toBe('worse');
    expect(driver?.rateDifference.estimate).toBeGreaterThan(0.2);
  });

  it('finds nothing where nothing was planted', () => {
    for (const outcome of ['detractors', 'noRepeatPurchase'] as const) {
      const planted = outcome === 'detractors' ? 'finding:question_ignored' : 'finding:promise_not_kept';
      const others = run.report.drivers[outcome].drivers.filter((driver) => driver.feature !== planted);
      expect(others.filter((driver) => driver.verdict === 'worse' || driver.verdict === 'better').map((driver) => driver.feature), outcome).toEqual([]);
    }
  });

  it('says there is too little data for rare features', () => {
    expect(verdictOf(run.report, 'detractors', 'finding:forbidden_phrase')).toBe('insufficient_data');
    expect(verdictOf(run.report, 'noRepeatPurchase', 'criterion:objections')).toBe('insufficient_data');
  });

  it('shows NPS rising after the ОКК started', () => {
    const all = run.report.trends?.nps.find((row) => row.group === 'all');
    expect(all?.trend.verdict).toBe('up');
    expect(all?.trend.npsIndexDifference.low).toBeGreaterThan(0);
  });

  it('counts kept promises per manager', () => {
    const { totals, managers } = run.report;
    expect(totals.promises.kept + totals.promises.broken).toBeGreaterThan(500);
    const keptRate = totals.promises.keptRate?.estimate ?? 0;
    expect(keptRate).toBeGreaterThan(0.55);
    expect(keptRate).toBeLessThan(0.75);
    expect(managers.filter((manager) => manager.managerId !== null)).toHaveLength(8);
    expect(managers.reduce((sum, manager) => sum + manager.promises.broken, 0)).toBe(totals.promises.broken);
  });

  it('shows a manager only their own figures', async () => {
    const someone = run.report.managers.find((manager) => manager.managerId !== null);
    const viewer: Viewer = { userId: 5, displayName: someone?.name ?? '', role: 'manager', managerId: someone?.managerId ?? null, teamIds: [], timeZone: null };
    const own = await run.service.report(viewer, {});
    expect(own.managers.map((manager) => manager.managerId)).toEqual([someone?.managerId]);
    expect(own.promises.every((promise) => promise.managerId === someone?.managerId)).toBe(true);
  });

  it('names the totals after the manager or team asked for', async () => {
    const someone = run.report.managers.find((manager) => manager.managerId !== null);
    const team = (await run.test.database.managers.listTeams())[0];

    expect((await run.service.report(SYSTEM_VIEWER, { managerId: someone?.managerId ?? 0 })).totals.name).toBe(someone?.name);
    expect((await run.service.report(SYSTEM_VIEWER, { teamId: team?.id ?? 0 })).totals.name).toBe(`Команда «${team?.name ?? ''}»`);
    expect(run.report.totals.name).toBe('Все менеджеры');
  });

  it('exports a workbook with Russian headers that reads back', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildOutcomesWorkbook(run.report, TIME_ZONE)) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Менеджеры', 'Обещания', 'Пропущенные звонки', 'Факторы', 'Динамика']);
    const promises = workbook.getWorksheet('Обещания');
    expect(promises?.getRow(1).getCell(5).value).toBe('Цитата');
    expect(promises?.rowCount).toBe(run.report.promises.length + 1);
    expect(promises?.getRow(2).getCell(6).value).toBe('завтра до обеда');
    const drivers = workbook.getWorksheet('Факторы');
    const ignored = drivers?.getRows(2, (drivers.rowCount) - 1)?.find((row) => row.getCell(2).value === 'Не услышал вопрос');
    expect(ignored?.getCell(1).value).toBe('Критики NPS (0–6)');
    expect(ignored?.getCell(3).value).toBe('связано с худшим исходом');
    const managers = workbook.getWorksheet('Менеджеры');
    expect(managers?.getRow(2).getCell(1).value).toBe('Все менеджеры');
    expect(managers?.getRow(2).getCell(3).value).toBe(run.report.totals.promises.kept);
  });
});

describe('driver analysis of a generated history with nothing planted', () => {
  it.each([23, 37])('claims no effect with seed %i', async (seed) => {
    const run = await analyse(seed, NOTHING_PLANTED);
    try {
      for (const outcome of ['detractors', 'noRepeatPurchase'] as const) {
        const claimed = run.report.drivers[outcome].drivers.filter((driver) => driver.verdict === 'worse' || driver.verdict === 'better');
        expect(claimed.map((driver) => driver.feature), outcome).toEqual([]);
        expect(run.report.drivers[outcome].testedFeatures).toBeGreaterThan(5);
      }
      expect(run.report.trends?.nps.find((row) => row.group === 'all')?.trend.verdict).toBe('no_change');
    } finally {
      await run.test.cleanup();
    }
  });
});
