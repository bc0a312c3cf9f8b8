import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';

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
    writeFileSync(path.join(folder, 'good.txt'), 'Менеджер: Добрый день, компания «Окна», Мария.\nКлиент: Здравствуйте, сколько стоит замер?\nМенеджер: Замер бесплатный.\n');
    writeFileSync(path.join(folder, 'cp1251.txt'), iconv.encode('Менеджер: Добрый день, Мария.\nКлиент: Здравствуйте.\n', 'win1251'));
    result = await okk(['analyze', folder, path.join(folder, 'missing.txt'), '--no-save']);
  }, 120_000);

  it('reports each bad file in Russian with its name', () => {
    expect(result.stderr).toMatch(/empty\.txt.*пуст/i);
    expect(result.stderr).toContain('binary.json');
    expect(result.stderr).toContain('broken.json');
    expect(result.stderr).toContain('unknown.json');
    expect(result.stderr).toContain('missing.txt: файл или папка не найдены');
  });

  it('analyses the good files of the same batch', () => {
    expect(result.stdout).toContain('good.txt');
    expect(result.stdout).toContain('cp1251.txt');
    expect(result.stderr).toMatch(/cp1251\.txt.*1251/);
  });

  it('ends with the counts and a failure exit code', () => {
    expect(result.stdout).toContain('Проанализировано звонков: 2, файлов: 2. Файлов с ошибками: 5.');
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
