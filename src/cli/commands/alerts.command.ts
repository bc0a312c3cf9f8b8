import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { DateTime } from 'luxon';

import { AlertService } from '../../services/alerts/alert.service.ts';
import type { ChannelTestResult } from '../../services/alerts/alert.service.ts';
import { alertsActive, loadAlertSettings } from '../../services/alerts/alerts-config.ts';
import type { AlertSettings } from '../../services/alerts/alerts-config.ts';
import { createCliRuntime, openConfiguredDatabase } from '../cli-runtime.ts';
import type { CliRuntime } from '../cli-runtime.ts';
import { EXIT } from '../exit-codes.ts';

const CHANNEL_TITLES = { telegram: 'Telegram', email: 'e-mail', webhook: 'webhook' } as const;

export function registerAlertsCommand(program: Command): void {
  const alerts = program.command('alerts').description('оповещения руководителям о проблемных звонках: проверка каналов и отправка');

  alerts
    .command('test')
    .description('отправить тестовое сообщение во все настроенные каналы (или в один) и показать результат')
    .option('--channel <имя>', 'только этот канал (имя из раздела alerts.channels)')
    .option('--database <адрес>', 'база данных: sqlite:ПУТЬ или postgres://… (по умолчанию из настроек)')
    .action(async (flags: { channel?: string; database?: string }) => {
      process.exitCode = await runTest(flags);
    });

  alerts
    .command('send')
    .description('проверить звонки и отправить оповещения, время которых пришло (для установок без okk worker)')
    .option('--since <дата>', 'проверить звонки начиная с даты или времени (ГГГГ-ММ-ДД или ISO 8601); по умолчанию — за окно alerts.maxAgeHours', parseSince)
    .option('--database <адрес>', 'база данных: sqlite:ПУТЬ или postgres://… (по умолчанию из настроек)')
    .action(async (flags: { since?: string; database?: string }) => {
      process.exitCode = await runSend(flags);
    });
}

async function runTest(flags: { channel?: string; database?: string }): Promise<number> {
  const runtime = createCliRuntime({ databaseUrl: flags.database });
  const settings = loadAlertSettings(runtime.config);
  if (!reportInactive(settings)) return EXIT.usage;
  if (flags.channel !== undefined && !settings.channels.some((channel) => channel.name === flags.channel)) {
    console.error(`Канал «${flags.channel}» не настроен. Настроенные каналы: ${settings.channels.map((channel) => channel.name).join(', ')}.`);
    return EXIT.usage;
  }
  return withService(runtime, settings, async (service) => {
    const results = await service.sendTest(flags.channel ?? null, new Date());
    for (const result of results) {
      printTestResult(result);
    }
    const failed = results.filter((result) => !result.ok).length;
    console.log(`Итого: каналов проверено — ${results.length}, без ошибок — ${results.length - failed}, с ошибками — ${failed}.`);
    return failed > 0 ? EXIT.failures : EXIT.ok;
  });
}

async function runSend(flags: { since?: string; database?: string }): Promise<number> {
  const runtime = createCliRuntime({ databaseUrl: flags.database });
  const settings = loadAlertSettings(runtime.config);
  if (!reportInactive(settings)) return EXIT.usage;
  return withService(runtime, settings, async (service, database) => {
    const now = new Date();
    const since = flags.since === undefined ? new Date(now.getTime() - settings.maxAgeHours * 3600_000).toISOString() : sinceInstant(flags.since, runtime.config.timeZone);
    const callIds = await database.alerts.listCallIds({ startedSince: since, evaluatedSince: since });
    const { plan, send } = await service.run(callIds, now);
    console.log(`Проверено звонков: ${plan.checked}. Подходят под правила: ${plan.alerted}, из них старше окна в ${settings.maxAgeHours} ч — не оповещаются: ${plan.tooOld}.`);
    console.log(`Новых оповещений: ${plan.added}. Отправлено сообщений: ${send.sent} из ${send.messages}; будут повторены: ${send.retrying}; не отправлены окончательно: ${send.failed}.`);
    for (const failure of send.failures) {
      console.error(`✗ ${failure.channel} → ${failure.address}: ${failure.reason}`);
    }
    return send.failures.length > 0 ? EXIT.failures : EXIT.ok;
  });
}

async function withService(runtime: CliRuntime, settings: AlertSettings, work: (service: AlertService, database: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<number>): Promise<number> {
  const database = await openConfiguredDatabase(runtime);
  const service = new AlertService({ database, settings, logger: runtime.logger });
  try {
    return await work(service, database);
  } finally {
    await service.close();
    await database.close();
  }
}

/** Prints why nothing can be sent; returns false then. */
function reportInactive(settings: AlertSettings): boolean {
  if (alertsActive(settings)) return true;
  console.error(
    settings.enabled
      ? 'Каналы оповещений не настроены: добавьте раздел alerts.channels в файл настроек (см. docs/alerts.md).'
      : 'Оповещения выключены: alerts.enabled = false в файле настроек.',
  );
  return false;
}

function printTestResult(result: ChannelTestResult): void {
  const title = `${result.channel} (${CHANNEL_TITLES[result.type]})`;
  if (result.addresses === 0) {
    console.log(`✗ ${title}: нет адресов — добавьте получателей или адрес в настройках канала`);
    return;
  }
  if (result.ok) {
    console.log(`✓ ${title}: отправлено, адресов — ${result.addresses}`);
    return;
  }
  console.log(`✗ ${title}: не отправлено на ${result.failures.length} из ${result.addresses} адресов`);
  for (const failure of result.failures) {
    console.log(`    ${failure.address}: ${failure.reason}`);
  }
}

function parseSince(value: string): string {
  if (!DateTime.fromISO(value).isValid) {
    throw new InvalidArgumentError('укажите дату ГГГГ-ММ-ДД или время ISO 8601, например 2026-12-04 или 2026-12-04T09:00');
  }
  return value;
}

/** A bare date is midnight in the installation's zone. */
function sinceInstant(value: string, timeZone: string): string {
  return DateTime.fromISO(value, { zone: timeZone }).toUTC().toISO() ?? value;
}
