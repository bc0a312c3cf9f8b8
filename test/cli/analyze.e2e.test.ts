import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Evaluation, FindingKind } from '../../src/core/model/evaluation.ts';
import { corpusPath, REPO_ROOT } from '../corpus.ts';

const run = promisify(execFile);
const OKK = path.join(REPO_ROOT, 'bin', 'okk.js');
const SAMPLES = path.join(REPO_ROOT, 'samples');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function okk(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [OKK, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, OKK_CONFIG: '' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function parseJsonLines(stdout: string): Evaluation[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Evaluation);
}

function bySource(evaluations: readonly Evaluation[], fragment: string, externalId: string | null = null): Evaluation {
  const found = evaluations.find((evaluation) => evaluation.call.source.includes(fragment) && (externalId === null || evaluation.call.externalId === externalId));
  if (found === undefined) {
    throw new Error(`no evaluation for ${fragment} ${externalId ?? ''}`);
  }
  return found;
}

function kindsOf(evaluation: Evaluation): FindingKind[] {
  return evaluation.findings.map((finding) => finding.kind);
}

describe('okk analyze on the sample calls', () => {
  let result: CliResult;
  let evaluations: Evaluation[];

  beforeAll(async () => {
    result = await okk(['analyze', SAMPLES, '--json', '--no-save']);
    evaluations = parseJsonLines(result.stdout);
  }, 120_000);

  it('analyses every sample call and exits with success', () => {
    expect(result.code).toBe(0);
    expect(evaluations).toHaveLength(13);
    expect(result.stderr).toContain('Проанализировано звонков: 13, файлов: 10. Файлов с ошибками: 0.');
  });

  it('backs every verdict and finding with a quote from the call', () => {
    for (const evaluation of evaluations) {
      for (const finding of evaluation.findings) {
        expect(finding.quote.length).toBeGreaterThan(0);
        expect(finding.recommendation).toMatch(/[а-яё]/i);
      }
      for (const criterion of evaluation.criteria) {
        for (const evidence of criterion.evidence) {
          expect(evidence.quote.length).toBeGreaterThan(0);
          expect(evidence.turn).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('scores the model call high and the rude call low', () => {
    expect(bySource(evaluations, '01-zamer-obrazcovyj').score).toBeGreaterThanOrEqual(85);
    expect(bySource(evaluations, '02-dostavka-razdrazhenie').score).toBeLessThan(40);
  });

  it.each<[string, string | null, FindingKind]>([
    ['02-dostavka-razdrazhenie', null, 'irritation'],
    ['02-dostavka-razdrazhenie', null, 'client_dissatisfied'],
    ['03-ne-uslyshal-vopros', null, 'question_ignored'],
    ['vygruzka-zvonkov', '7001', 'template_answer'],
    ['vygruzka-zvonkov', '7002', 'needs_not_discovered'],
    ['vygruzka-zvonkov', '7003', 'interruption'],
    ['09-kultura-rechi', null, 'forbidden_phrase'],
    ['11-dolgoe-ozhidanie', null, 'long_hold'],
    ['12-vozvrat-bez-resheniya', null, 'client_dissatisfied'],
  ])('finds in %s %s: %s', (source, externalId, kind) => {
    expect(kindsOf(bySource(evaluations, source, externalId))).toContain(kind);
  });

  it('finds no problems in the model call', () => {
    expect(bySource(evaluations, '01-zamer-obrazcovyj').findings).toEqual([]);
  });

  it('extracts the callback promise with its due time', () => {
    const promise = bySource(evaluations, '04-perezvonyu-zavtra').promises.find((item) => item.action === 'callback');
    expect(promise?.dueText).toBe('завтра до обеда');
    expect(promise?.due).toBe('2026-12-04T13:00:00+03:00');
  });

  it('fails the next step where the manager left it to the client', () => {
    const nextStep = bySource(evaluations, '06-net-sleduyushchego-shaga').criteria.find((criterion) => criterion.id === 'next_step');
    expect(nextStep?.result).toBe('failed');
  });

  it('takes call metadata from the sidecar file', () => {
    const call = bySource(evaluations, '03-ne-uslyshal-vopros').call;
    expect(call.manager?.name).toBe('Денис Орлов');
    expect(call.startedAt).toBe('2026-12-02T15:40:00+03:00');
  });

  it('guesses roles of a transcript without speakers', () => {
    const evaluation = bySource(evaluations, '13-bez-roley');
    expect(evaluation.score).not.toBeNull();
    expect(result.stderr).toContain('13-bez-roley.verbose.json: В расшифровке не указано, кто говорит');
  });
});

describe('okk analyze table', () => {
  it('names failed critical criteria of a call without findings', async () => {
    const result = await okk(['analyze', SAMPLES, '--no-save'], { COLUMNS: '160' });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const row = lines.find((line) => line.includes('06-net-sleduyushchego'));
    expect(row).toContain('Не выполнено: Следующий шаг');
    const model = lines.find((line) => line.includes('01-zamer-obrazcovyj'));
    expect(model).toMatch(/│ —\s+│$/);
  });
});

describe('okk analyze with bad files', () => {
  let folder: string;
  let result: CliResult;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'okk-bad-'));
    writeFileSync(path.join(folder, 'empty.txt'), '');
    writeFileSync(path.join(folder, 'binary.json'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x80]));
    writeFileSync(path.join(folder, 'broken.json'), '{"dialog": "<out> алло", ');
    writeFileSync(path.join(folder, 'unknown.json'), '{"hello": "world"}');
    writeFileSync(path.join(folder, 'zametki.txt'), 'купить молоко, хлеб и яйца\nзабрать заказ в пункте выдачи до пятницы\n');
    writeFileSync(path.join(folder, 'good.txt'), 'Менеджер: Добрый день, компания «Окна», Мария.\nКлиент: Здравствуйте, сколько стоит замер?\nМенеджер: Замер бесплатный.\n');
    writeFileSync(path.join(folder, 'cp1251.txt'), iconv.encode('Менеджер: Добрый день, Мария.\nКлиент: Здравствуйте.\n', 'win1251'));
    result = await okk(['analyze', folder, path.join(folder, 'missing.txt'), '--no-save']);
  }, 120_000);

  it('reports each bad file in Russian with its name', () => {
    expect(result.stderr).toMatch(/empty\.txt.*пуст/i);
    expect(result.stderr).toContain('binary.json');
    expect(result.stderr).toContain('broken.json');
    expect(result.stderr).toMatch(/unknown\.json».*Поддерживаются: /u);
    expect(result.stderr).toMatch(/zametki\.txt».*не похоже на расшифровку разговора/u);
    expect(result.stderr).toContain('missing.txt: файл или папка не найдены');
  });

  it('analyses the good files of the same batch', () => {
    expect(result.stdout).toContain('good.txt');
    expect(result.stdout).toContain('cp1251.txt');
    expect(result.stderr).toMatch(/cp1251\.txt.*1251/);
  });

  it('names a file once in its warning line', () => {
    const line = result.stderr.split('\n').find((text) => text.includes('Windows-1251')) ?? '';

    expect(line).toMatch(/^! Файл «[^»]*cp1251\.txt» не в UTF-8/u);
    expect(line.split('cp1251.txt')).toHaveLength(2);
  });

  it('ends with the counts and a failure exit code', () => {
    expect(result.stdout).toContain('Проанализировано звонков: 2, файлов: 2. Файлов с ошибками: 6.');
    expect(result.code).toBe(1);
  });
});

describe('okk analyze storage', () => {
  it('updates calls on a re-run instead of adding them', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'okk-store-'));
    const database = `sqlite:${path.join(folder, 'okk.sqlite')}`;

    const first = await okk(['analyze', SAMPLES, '--database', database]);
    const second = await okk(['analyze', SAMPLES, '--database', database]);
    const report = await okk(['report', '--html', path.join(folder, 'report.html'), '--database', database]);

    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(report.stdout).toContain('звонков в отчёте: 13');
  }, 120_000);
});

describe('okk analyze on a copy without its metadata file', () => {
  const MODEL_CALL = '01-zamer-obrazcovyj';
  let dataDir: string;
  let copyFolder: string;

  function env(): Record<string, string> {
    return { OKK_DATA_DIR: dataDir, OKK_TIME_ZONE: 'Europe/Moscow' };
  }

  async function exportedCall(callId: string): Promise<Record<string, string>> {
    const file = path.join(copyFolder, `calls-${Date.now()}.csv`);
    const exported = await okk(['export', 'calls', '--csv', file], env());
    expect(exported.code).toBe(0);
    const table: string[][] = parse(readFileSync(file, 'utf8'), { delimiter: ';', bom: true });
    const [header = [], ...rows] = table;
    const row = rows.find((cells) => cells[header.indexOf('Звонок')] === callId);
    if (row === undefined) {
      throw new Error(`call ${callId} is not in the export`);
    }
    return Object.fromEntries(header.map((name, index) => [name, row[index] ?? '']));
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'okk-copy-data-'));
    copyFolder = mkdtempSync(path.join(tmpdir(), 'okk-copy-'));
    const first = await okk(['analyze', SAMPLES], env());
    expect(first.code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(copyFolder, { recursive: true, force: true });
  });

  it('keeps the stored details and says so', async () => {
    const copy = path.join(copyFolder, 'zvonok-kopiya.txt');
    copyFileSync(path.join(SAMPLES, `${MODEL_CALL}.txt`), copy);

    const result = await okk(['analyze', copy, '--json'], env());
    const [evaluation] = parseJsonLines(result.stdout);
    const row = await exportedCall(evaluation?.call.id ?? '');
    const outcomes = await okk(['outcomes', '--json'], env());
    const promises = (JSON.parse(outcomes.stdout) as { promises: { callId: string; dueAt: string | null }[] }).promises;

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('! zvonok-kopiya.txt: звонок уже сохранён ранее (из файла 01-zamer-obrazcovyj.txt)');
    expect(result.stderr).toContain('взяты из базы, так как в этом файле их нет');
    expect(evaluation?.call.manager?.name).toBe('Анна Соколова');
    expect(evaluation?.call.startedAt).toBe('2026-12-03T10:14:00+03:00');
    expect(evaluation?.promises[0]?.due).toBe('2026-12-05T18:00:00+03:00');
    expect(row['Дата и время']).toBe('03.12.2026 10:14');
    expect(row['Менеджер']).toBe('Анна Соколова');
    expect(row['Команда']).toBe('Продажи, Москва');
    expect(row['Клиент']).toBe('Ольга Викторовна');
    expect(row['Телефон клиента']).toBe('+79161234567');
    expect(promises.find((promise) => promise.callId === evaluation?.call.id)?.dueAt).toBe('2026-12-05T15:00:00.000Z');
  }, 120_000);

  it('takes a changed manager from a newer metadata file', async () => {
    const copy = path.join(copyFolder, 'zvonok-novyj.txt');
    copyFileSync(path.join(SAMPLES, `${MODEL_CALL}.txt`), copy);
    const sidecar = JSON.parse(readFileSync(path.join(SAMPLES, `${MODEL_CALL}.meta.json`), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(copyFolder, 'zvonok-novyj.meta.json'), JSON.stringify({ ...sidecar, manager: { name: 'Пётр Ильин', team: 'Продажи, Казань' } }));

    const result = await okk(['analyze', copy, '--json'], env());
    const [evaluation] = parseJsonLines(result.stdout);
    const row = await exportedCall(evaluation?.call.id ?? '');

    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('уже сохранён ранее');
    expect(evaluation?.call.source).toBe(copy);
    expect(row['Менеджер']).toBe('Пётр Ильин');
    expect(row['Команда']).toBe('Продажи, Казань');
    expect(row['Клиент']).toBe('Ольга Викторовна');
  }, 120_000);
});

describe('okk analyze on real calls', () => {
  it('evaluates every call of the real export', async () => {
    const result = await okk(['analyze', corpusPath('transcripts', 'real-isp', 'calls.json'), '--json', '--no-save']);
    const evaluations = parseJsonLines(result.stdout);

    expect(result.code).toBe(0);
    expect(evaluations).toHaveLength(66);
    for (const evaluation of evaluations) {
      expect(evaluation.criteria.length).toBeGreaterThan(0);
      expect(evaluation.criteria.some((criterion) => criterion.evidence.length > 0)).toBe(true);
    }
  }, 120_000);
});
