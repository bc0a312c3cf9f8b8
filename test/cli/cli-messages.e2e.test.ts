import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createProgram } from '../../src/cli/main.ts';
import { REPO_ROOT } from '../corpus.ts';

const run = promisify(execFile);
const OKK = path.join(REPO_ROOT, 'bin', 'okk.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current !== null; current = current.parent) {
    names.unshift(current.name());
  }
  return names.join(' ');
}

describe('okk help', () => {
  const commands = allCommands(createProgram());

  it('covers every subcommand', () => {
    expect(commands.map(fullName)).toEqual(expect.arrayContaining(['okk demo', 'okk report', 'okk import calls', 'okk models pull']));
  });

  it.each(commands.map((command) => [fullName(command), command] as const))('%s prints defaults and choices in Russian', (_name, command) => {
    const help = command.helpInformation();

    expect(help).not.toMatch(/default:/u);
    expect(help).not.toMatch(/choices:/u);
    expect(help).not.toMatch(/\(по умолчанию [^)]*\)\s*\(по умолчанию/u);
  });

  it('prints the report limit default once', () => {
    const report = commands.find((command) => fullName(command) === 'okk report');
    const help = report?.helpInformation() ?? '';

    expect(help).toContain('(по умолчанию: 1000)');
    expect(help.match(/1000/gu)).toHaveLength(1);
  });

  it('lists the engines of models pull as choices', () => {
    const pull = commands.find((command) => fullName(command) === 'okk models pull');

    expect(pull?.helpInformation().replace(/\s+/gu, ' ')).toContain('(варианты: t-one, gigaam, whisper)');
  });
});

describe('okk errors a user can fix', () => {
  let folder: string;
  let env: NodeJS.ProcessEnv;
  let busy: Server;
  let busyPort: number;

  const okk = async (args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [OKK, ...args], { cwd: folder, env: { ...env, ...extraEnv } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  const expectNoStack = (result: CliResult) => {
    expect(result.stderr).not.toContain('Внутренняя ошибка');
    expect(result.stderr).not.toMatch(/^\s+at /mu);
  };

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'okk-messages-'));
    env = { ...process.env, OKK_CONFIG: '', OKK_DATA_DIR: folder, OKK_DATABASE_URL: `sqlite:${path.join(folder, 'okk.sqlite')}`, OKK_LOG_LEVEL: 'warn' };
    delete env.npm_lifecycle_event;
    busy = createServer();
    busyPort = await new Promise<number>((resolve) => {
      busy.listen({ host: '127.0.0.1', port: 0 }, () => {
        const address = busy.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });

  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  it('serve on a taken port says so and exits 1', async () => {
    const result = await okk(['serve', '--port', String(busyPort)]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Порт ${busyPort} уже занят другой программой: запустите с другим портом, например okk serve --port ${busyPort + 10}`);
    expectNoStack(result);
  });

  it('demo on a taken port stops before the analysis', async () => {
    const result = await okk(['demo', '--port', String(busyPort)], { OKK_DATABASE_URL: '', npm_lifecycle_event: 'start' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Порт ${busyPort} уже занят другой программой: запустите с другим портом, например npm start -- --port ${busyPort + 10}`);
    expect(result.stdout).not.toContain('Проверяю звонки');
    expectNoStack(result);
  });

  it('report into a missing folder names the folder', async () => {
    const file = path.join(folder, 'нет-такой-папки', 'r.html');
    const result = await okk(['report', '--html', file]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Ошибка: Не удалось записать файл «${file}»: папки «${path.dirname(file)}» нет.`);
    expectNoStack(result);
  });

  it('export calls into a missing folder names the folder', async () => {
    const file = path.join(folder, 'нет-такой-папки', 'x.xlsx');
    const result = await okk(['export', 'calls', '--xlsx', file]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Ошибка: Не удалось записать файл «${file}»: папки «${path.dirname(file)}» нет.`);
    expect(result.stderr).not.toContain('ExportAbortedError');
    expectNoStack(result);
  });

  it('outcomes into a folder path that is a file', async () => {
    const file = path.join(folder, 'okk.sqlite', 'o.xlsx');
    const result = await okk(['outcomes', '--xlsx', file]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Ошибка: Не удалось записать файл «${file}»: в пути к файлу есть файл на месте папки.`);
    expectNoStack(result);
  });

  it('outcomes into a missing folder names the folder', async () => {
    const file = path.join(folder, 'нет-такой-папки', 'o.xlsx');
    const result = await okk(['outcomes', '--xlsx', file]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`папки «${path.dirname(file)}» нет.`);
    expectNoStack(result);
  });

  it('outcomes says how many cases a factor needs', async () => {
    const result = await okk(['outcomes']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Недостаточно данных: для проверки фактора нужно не меньше 10 случаев с ним и 10 случаев без него');
  });

  it('import of a missing file explains in Russian', async () => {
    const file = path.join(folder, 'nope.csv');
    const result = await okk(['import', 'calls', file, '--no-check']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('✗ Не удалось прочитать файл «nope.csv»: такого файла нет.');
    expect(result.stderr).not.toContain('ENOENT');
  });

  it('import of a folder explains in Russian', async () => {
    const result = await okk(['import', 'nps', folder]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('это папка, а не файл.');
    expect(result.stderr).not.toContain('EISDIR');
  });

  it('invalid option value reads as sentences', async () => {
    const result = await okk(['report', '--html', 'r.html', '--from', '2026-13-01']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ошибка: недопустимое значение «2026-13-01» параметра «--from». Укажите дату в виде ГГГГ-ММ-ДД');
  });

  it('analyze of an empty folder names it and ends with counts', async () => {
    const empty = path.join(folder, 'пусто');
    mkdirSync(empty);
    const result = await okk(['analyze', empty]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Нет файлов для анализа в «${empty}»`);
    expect(result.stdout).toContain('Готово. Проанализировано звонков: 0, файлов: 0. Файлов с ошибками: 0.');
  });
});
