import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../corpus.ts';

interface DemoRun {
  child: ChildProcess;
  output: () => string;
  url: string;
  passwords: Map<string, string>;
}

/** Starts `okk demo` on a free port over a fresh data folder and waits for the printed logins. */
async function startDemo(dataDir: string): Promise<DemoRun> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'okk.js'), 'demo', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, OKK_DATA_DIR: dataDir, OKK_CONFIG: '', OKK_DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });

  const deadline = Date.now() + 90_000;
  while (!stdout.includes('Остановить — Ctrl+C.')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`okk demo did not start:\n${stdout}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const url = /Откройте (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
  if (url === undefined) {
    throw new Error(`no address in the demo output:\n${stdout}`);
  }
  const passwords = new Map<string, string>();
  for (const match of stdout.matchAll(/│ [^│]+│ [^│]+│ (\S+)\s+│ (\S+)\s+│/g)) {
    const [, login, password] = match;
    if (login !== undefined && password !== undefined && login !== 'Логин') {
      passwords.set(login, password);
    }
  }
  return { child, output: () => stdout, url, passwords };
}

describe('okk demo', () => {
  let demo: DemoRun;

  beforeAll(async () => {
    demo = await startDemo(mkdtempSync(path.join(tmpdir(), 'okk-demo-')));
  }, 120_000);

  afterAll(() => {
    demo.child.kill('SIGTERM');
  });

  it('prints the sample calls and a login for each role', () => {
    expect(demo.output()).toContain('Звонков проверено: 13.');
    for (const login of ['admin', 'rop', 'okk', 'sokolova', 'belov', 'kuzmina', 'orlov']) {
      expect(demo.passwords.get(login)?.length).toBeGreaterThanOrEqual(10);
    }
  });

  it('lets the printed administrator sign in and see the sample calls', async () => {
    const login = await fetch(`${demo.url}/api/v1/session/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: demo.url },
      body: JSON.stringify({ login: 'admin', password: demo.passwords.get('admin') }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';

    const calls = await fetch(`${demo.url}/api/v1/calls?limit=50`, { headers: { cookie } });
    const body = (await calls.json()) as { items: unknown[] };

    expect(calls.status).toBe(200);
    expect(body.items).toHaveLength(13);
  });

  it('serves the web interface', async () => {
    const page = await fetch(demo.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="ru"');
  });

  it('stops on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => demo.child.once('exit', resolve));
    demo.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
