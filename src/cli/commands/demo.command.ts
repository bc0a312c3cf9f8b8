import { existsSync } from 'node:fs';
import path from 'node:path';
import Table from 'cli-table3';
import type { Command } from 'commander';

import { createRecognizerFromConfig } from '../../asr/create-recognizer.ts';
import { openDatabase } from '../../data/index.ts';
import { REPOSITORY_ROOT } from '../../lib/repository-root.ts';
import { CallAnalyzer } from '../../services/analysis/call-analyzer.ts';
import { collectInputFiles } from '../../services/analysis/file-collector.ts';
import { resolveActiveChecklist } from '../../services/checklists/active-checklist.ts';
import { ensureDemoAccounts } from '../../services/demo/demo-accounts.ts';
import type { DemoLogin } from '../../services/demo/demo-accounts.ts';
import { ROLE_TITLES } from '../../services/accounts/roles.ts';
import { DEFAULT_WEB_DIST } from '../../server/http/web-assets.ts';
import { loadMorphology } from '../../text/az-morphology.ts';
import { renderCallTable, renderManagerTable } from '../analyze-output.ts';
import { createCliRuntime, describeDatabase } from '../cli-runtime.ts';
import { EXIT } from '../exit-codes.ts';
import { ensurePortFree, launchServer, parsePort, waitForShutdownSignal } from './serve.command.ts';
import type { ListenRequest, ServeFlags } from './serve.command.ts';

interface DemoFlags extends ServeFlags {
  samples: string;
}

const SAMPLES_DIR = path.join(REPOSITORY_ROOT, 'samples');

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('показать okk на примерах: проверить звонки из samples, создать учётные записи и открыть веб-интерфейс')
    .option('--samples <папка>', 'папка со звонками для примера', SAMPLES_DIR)
    .option('--port <порт>', 'порт веб-интерфейса (по умолчанию 8080; 0 — любой свободный)', parsePort)
    .option('--host <адрес>', 'адрес веб-интерфейса (по умолчанию 127.0.0.1)')
    .option('--database <адрес>', 'база данных примера (по умолчанию отдельный файл demo.sqlite в папке данных)')
    .action(async (flags: DemoFlags) => {
      process.exitCode = await runDemo(flags);
    });
}

async function runDemo(flags: DemoFlags): Promise<number> {
  const base = createCliRuntime();
  // The demo keeps to its own store, so resetting the demo accounts' passwords never touches real users.
  const databaseUrl = flags.database ?? `sqlite:${path.join(base.config.dataDir, 'demo.sqlite')}`;
  const { config, logger } = createCliRuntime({ databaseUrl });

  if (!existsSync(path.join(DEFAULT_WEB_DIST, 'index.html'))) {
    console.error('Веб-интерфейс не собран: выполните npm run build:web (npm start делает это сам).');
  }

  const listen: ListenRequest = { ...flags, command: 'demo' };
  await ensurePortFree(config, listen);
  const database = await openDatabase(config.databaseUrl, { timeZone: config.timeZone, logger });
  try {
    console.log(`Проверяю звонки из ${flags.samples} …`);
    const analyzer = new CallAnalyzer({
      morphology: await loadMorphology(),
      checklist: await resolveActiveChecklist(database, null),
      timeZone: config.timeZone,
      database,
      recognizer: () => createRecognizerFromConfig(config, logger),
      logger,
    });
    const inputs = await collectInputFiles([flags.samples]);
    const evaluations = [];
    for (const file of inputs.files) {
      const result = await analyzer.analyzeFile(file);
      if (result.ok) {
        evaluations.push(...result.calls.map((call) => call.evaluation));
      } else {
        console.error(`✗ ${result.message}`);
      }
    }
    await analyzer.close();
    console.log(renderCallTable(evaluations, config.timeZone));
    console.log('\nИтоги по менеджерам');
    console.log(renderManagerTable(evaluations));
    console.log(`Звонков проверено: ${evaluations.length}. База примера: ${describeDatabase(config.databaseUrl)}.\n`);

    const logins = await ensureDemoAccounts(database, logger);
    const running = await launchServer(database, config, logger, listen);
    console.log(`\nОткройте ${running.url} и войдите под любой из учётных записей (пароли новые при каждом запуске):`);
    console.log(renderLogins(logins));
    console.log('Остановить — Ctrl+C.');

    await waitForShutdownSignal();
    await running.stop();
    return EXIT.ok;
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

function renderLogins(logins: readonly DemoLogin[]): string {
  const table = new Table({ head: ['Роль', 'Имя', 'Логин', 'Пароль'], style: { head: [], border: [] } });
  for (const login of logins) {
    table.push([ROLE_TITLES[login.role], login.displayName, login.login, login.password]);
  }
  return table.toString();
}
