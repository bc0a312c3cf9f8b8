import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Checklist } from '../core/model/checklist.ts';
import type { Database } from './database.ts';
import { DATABASE_KINDS, openTestDatabase } from './testing/test-databases.ts';
import type { TestDatabase } from './testing/test-databases.ts';

function checklist(id: string, title: string): Checklist {
  return {
    id,
    version: 0,
    title,
    criteria: [
      {
        id: 'greeting',
        title: 'Приветствие',
        description: 'Менеджер здоровается в начале звонка.',
        weight: 10,
        critical: false,
        enabled: true,
        phrases: ['добрый день', 'здравствуйте'],
        stopPhrases: [],
      },
    ],
    findings: [{ kind: 'irritation', enabled: true, severity: 'critical' }],
    forbiddenPhrases: ['это не ко мне'],
    settings: { longHoldSec: 60, minWordsPerMinute: 20, criticalCap: 40 },
  };
}

describe.each(DATABASE_KINDS)('ChecklistRepository on %s', (kind) => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await openTestDatabase(kind);
    database = testDatabase.database;
  });

  afterAll(async () => {
    await testDatabase.cleanup();
  });

  it('stores a new version on each save', async () => {
    const first = await database.checklists.saveChecklist(checklist('sales', 'Продажи'));
    const second = await database.checklists.saveChecklist({ ...checklist('sales', 'Продажи, весна'), version: 1 });

    expect(first.version).toBe(1);
    expect(second.version).toBe(2);
    expect(await database.checklists.getLatest('sales')).toEqual(second);
    expect(await database.checklists.getVersion('sales', 1)).toEqual(first);
    expect((await database.checklists.listVersions('sales')).map((version) => [version.version, version.title])).toEqual([
      [2, 'Продажи, весна'],
      [1, 'Продажи'],
    ]);
  });

  it('numbers versions of concurrent saves without gaps', async () => {
    const saved = await Promise.all([1, 2, 3, 4].map((index) => database.checklists.saveChecklist(checklist('support', `Поддержка ${index}`))));

    expect(saved.map((item) => item.version).sort()).toEqual([1, 2, 3, 4]);
  });

  it('lists the latest version of each checklist', async () => {
    await database.checklists.saveChecklist(checklist('retention', 'Удержание'));

    const latest = await database.checklists.listLatest();
    expect(latest.map((item) => [item.id, item.version])).toEqual([
      ['retention', 1],
      ['sales', 2],
      ['support', 4],
    ]);
  });

  it('returns undefined for an unknown checklist or version', async () => {
    expect(await database.checklists.getLatest('unknown')).toBeUndefined();
    expect(await database.checklists.getVersion('sales', 99)).toBeUndefined();
  });

  it('stores a first version once under concurrent seeding', async () => {
    const seeded = await Promise.all([1, 2, 3].map(() => database.checklists.saveFirstVersion(checklist('seeded', 'Посев'))));

    expect(seeded.map((item) => item.version)).toEqual([1, 1, 1]);
    expect((await database.checklists.listVersions('seeded')).map((version) => version.version)).toEqual([1]);
  });

  it('keeps a later version when seeding again', async () => {
    await database.checklists.saveFirstVersion(checklist('edited', 'Исходный'));
    const edited = await database.checklists.saveChecklist(checklist('edited', 'Исправленный'));

    expect(await database.checklists.saveFirstVersion(checklist('edited', 'Исходный'))).toEqual(edited);
  });
});
