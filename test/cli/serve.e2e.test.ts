import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../corpus.ts';

const run = promisify(execFile);
const OKK = path.join(REPO_ROOT, 'bin', 'okk.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('okk users and okk serve', () => {
  let folder: string;
  let env: NodeJS.ProcessEnv;

  const okk = async (args: string[]): Promise<CliResult> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [OKK, ...args], { cwd: folder, env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'okk-serve-'));
    env = { ...process.env, OKK_CONFIG: '', OKK_DATA_DIR: folder, OKK_DATABASE_URL: `sqlite:${path.join(folder, 'okk.sqlite')}`, OKK_LOG_LEVEL: 'warn' };
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates the first administrator with a generated password', async () => {
    const result = await okk(['users', 'create-admin', '--login', 'admin', '--name', 'Главный администратор']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Пользователь «admin» (Главный администратор) создан с ролью «Администратор».');
    expect(result.stdout).toMatch(/Пароль: [\w-]{16}\n/u);
  });

  it('refuses a second user with the same login', async () => {
    const result = await okk(['users', 'add', '--login', 'ADMIN', '--role', 'qa_reviewer']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('логин «ADMIN»');
  });

  it('refuses an unknown role and a manager not in the calls', async () => {
    const role = await okk(['users', 'add', '--login', 'x', '--role', 'boss']);
    const manager = await okk(['users', 'add', '--login', 'x', '--role', 'manager', '--manager', 'Нет Такого']);

    expect(role.code).toBe(2);
    expect(role.stderr).toContain('Укажите одну из ролей');
    expect(manager.code).toBe(1);
    expect(manager.stderr).toContain('Менеджер «Нет Такого» не найден');
  });

  it('lists users and resets a password', async () => {
    await okk(['users', 'add', '--login', 'olga', '--role', 'qa_reviewer', '--name', 'Ольга', '--password', 'пароль-ольги-2026']);

    const list = await okk(['users', 'list']);
    const reset = await okk(['users', 'reset-password', '--login', 'olga', '--password', 'новый-пароль-ольги']);

    expect(list.stdout).toContain('Специалист ОКК');
    expect(list.stdout).toContain('olga');
    expect(list.stdout).toContain('все');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Пароль пользователя «olga» изменён');
    expect(reset.stdout).not.toContain('Пароль:');
  });

  it('serves the API until stopped and prints its address', async () => {
    const server = spawn(process.execPath, [OKK, 'serve', '--port', '0'], { cwd: folder, env });
    let stdout = '';
    server.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const match = /okk работает: (http:\/\/127\.0\.0\.1:\d+)/u.exec(stdout);
        if (match?.[1] !== undefined) {
          resolve(match[1]);
        }
      });
      server.once('exit', (code) => {
        reject(new Error(`okk serve exited with ${String(code)}: ${stdout}`));
      });
    });

    const health = await fetch(`${url}/healthz`);
    const login = await fetch(`${url}/api/v1/session/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'olga', password: 'новый-пароль-ольги' }),
    });
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const code = await exited;

    expect(health.status).toBe(200);
    expect(login.status).toBe(200);
    expect(stdout).toContain('Документация API');
    expect(stdout).toContain('okk остановлен.');
    expect(code).toBe(0);
  });
});
