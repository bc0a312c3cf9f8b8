import path from 'node:path';

import { loadAsrConfig } from '../../asr/asr-config.ts';
import { modelsDirOf } from '../../asr/create-recognizer.ts';
import { resolveModelFiles } from '../../asr/models/model-files.ts';
import type { FindingKind } from '../../core/model/evaluation.ts';
import type { Database, ImportSource } from '../../data/index.ts';
import { isAppError } from '../../lib/app-error.ts';
import type { AppConfig } from '../../lib/config.ts';
import type { Viewer } from '../accounts/access.ts';
import { requireRole } from '../accounts/access.ts';
import type { AlertService, ChannelTestResult } from '../alerts/alert.service.ts';
import type { AlertSettings, ChannelSettings } from '../alerts/alerts-config.ts';

export interface AsrStatus {
  engine: string;
  /** True for engines that run on this server with a model file. */
  local: boolean;
  model: string | null;
  /** Model folder or file of a local engine, or the service address of a cloud engine. */
  location: string | null;
  /** Whether the model was found and looks usable; null for cloud engines. */
  modelFound: boolean | null;
  /** Russian: what is wrong, or null. */
  problem: string | null;
}

export interface AlertChannelStatus {
  name: string;
  type: ChannelSettings['type'];
  /** Destination without secrets: the Bot API address, the SMTP server, or the webhook URL without its query. */
  target: string;
  /** Origin of the secret and a mask in place of its value. */
  secret: { source: string | null; masked: string | null };
  addresses: number;
  lastSentAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  pending: number;
  sent: number;
  failed: number;
}

export interface IntegrationStatus {
  database: { kind: 'sqlite' | 'postgres'; location: string };
  jobQueue: { backend: 'sqlite' | 'pg-boss' | null; workerInProcess: boolean };
  asr: AsrStatus;
  importSources: ImportSource[];
  alerts: {
    enabled: boolean;
    active: boolean;
    publicUrl: string | null;
    rules: { scoreBelow: number | null; criticalFindings: boolean; findingKinds: FindingKind[] };
    maxAgeHours: number;
    workingHours: { start: string; end: string; days: number[] } | null;
    digestTime: string | null;
    recipients: { name: string; teams: string[]; telegram: boolean; email: boolean }[];
    channels: AlertChannelStatus[];
  };
}

export interface IntegrationStatusDeps {
  database: Database;
  config: AppConfig;
  alerts: { service: AlertService; settings: AlertSettings } | null;
  jobQueue: { backend: 'sqlite' | 'pg-boss'; workerInProcess: boolean } | null;
}

const MANAGE_INTEGRATIONS = 'просматривать и проверять интеграции';

/** Status of every connection of the installation, for administrators. No secret value leaves this service. */
export class IntegrationStatusService {
  constructor(private readonly deps: IntegrationStatusDeps) {}

  async status(viewer: Viewer): Promise<IntegrationStatus> {
    requireRole(viewer, ['admin'], MANAGE_INTEGRATIONS);
    const { database, config } = this.deps;
    return {
      database: { kind: database.dialect.isSqlite ? 'sqlite' : 'postgres', location: describeDatabaseUrl(config.databaseUrl) },
      jobQueue: { backend: this.deps.jobQueue?.backend ?? null, workerInProcess: this.deps.jobQueue?.workerInProcess ?? false },
      asr: await this.asrStatus(),
      importSources: await database.integrations.importSources(),
      alerts: await this.alertStatus(),
    };
  }

  async testAlerts(viewer: Viewer, channel: string | null): Promise<ChannelTestResult[]> {
    requireRole(viewer, ['admin'], MANAGE_INTEGRATIONS);
    if (this.deps.alerts === null) return [];
    return this.deps.alerts.service.sendTest(channel, new Date());
  }

  private async asrStatus(): Promise<AsrStatus> {
    let asr;
    try {
      asr = loadAsrConfig(this.deps.config);
    } catch (error) {
      return { engine: 'неизвестно', local: false, model: null, location: null, modelFound: null, problem: isAppError(error) ? error.message : 'настройки asr не читаются' };
    }
    if (asr.engine === 't-one' || asr.engine === 'gigaam' || asr.engine === 'whisper') {
      const modelsDir = modelsDirOf(this.deps.config);
      const location = looksLikePath(asr.model) ? path.resolve(asr.model) : path.join(modelsDir, asr.model);
      try {
        await resolveModelFiles(asr.engine, asr.model, modelsDir);
        return { engine: asr.engine, local: true, model: asr.model, location, modelFound: true, problem: null };
      } catch (error) {
        return { engine: asr.engine, local: true, model: asr.model, location, modelFound: false, problem: isAppError(error) ? error.message : String(error) };
      }
    }
    const url = 'baseUrl' in asr ? asr.baseUrl : asr.sttUrl;
    return { engine: asr.engine, local: false, model: asr.model ?? null, location: withoutSecrets(url), modelFound: null, problem: null };
  }

  private async alertStatus(): Promise<IntegrationStatus['alerts']> {
    const settings = this.deps.alerts?.settings ?? null;
    if (settings === null) {
      return { enabled: false, active: false, publicUrl: null, rules: { scoreBelow: null, criticalFindings: false, findingKinds: [] }, maxAgeHours: 0, workingHours: null, digestTime: null, recipients: [], channels: [] };
    }
    const states = new Map((await this.deps.database.alerts.channelStates()).map((state) => [state.channel, state]));
    const counts = new Map((await this.deps.database.alerts.countsByChannel()).map((count) => [count.channel, count]));
    const hours = settings.schedule.workingHours;
    return {
      enabled: settings.enabled,
      active: settings.enabled && settings.channels.length > 0,
      publicUrl: settings.publicUrl,
      rules: { ...settings.rules, findingKinds: [...settings.rules.findingKinds] },
      maxAgeHours: settings.maxAgeHours,
      workingHours: hours === null ? null : { start: hours.start, end: hours.end, days: [...hours.days] },
      digestTime: settings.schedule.digestTime,
      recipients: settings.recipients.map((recipient) => ({ name: recipient.name, teams: recipient.teams, telegram: recipient.telegramChatId !== undefined, email: recipient.email !== undefined })),
      channels: settings.channels.map((channel) => {
        const state = states.get(channel.name);
        const count = counts.get(channel.name);
        return {
          name: channel.name,
          type: channel.type,
          target: targetOf(channel),
          secret: secretOf(channel),
          addresses: addressCount(channel, settings),
          lastSentAt: state?.lastSentAt ?? null,
          lastAttemptAt: state?.lastAttemptAt ?? null,
          lastError: state?.lastError ?? null,
          lastErrorAt: state?.lastErrorAt ?? null,
          pending: count?.pending ?? 0,
          sent: count?.sent ?? 0,
          failed: count?.failed ?? 0,
        };
      }),
    };
  }
}

function targetOf(channel: ChannelSettings): string {
  switch (channel.type) {
    case 'telegram':
      return withoutSecrets(channel.baseUrl);
    case 'email':
      return `${channel.host}:${channel.port}${channel.secure ? ' (TLS)' : ''}, от ${channel.from}`;
    case 'webhook':
      return withoutSecrets(channel.url);
  }
}

function secretOf(channel: ChannelSettings): AlertChannelStatus['secret'] {
  let value: string | null;
  if (channel.type === 'telegram') value = channel.botToken;
  else if (channel.type === 'email') value = channel.password;
  else value = channel.secret;
  return { source: channel.secretSource, masked: value === null ? null : '••••••••' };
}

function addressCount(channel: ChannelSettings, settings: AlertSettings): number {
  if (channel.type === 'webhook') return 1;
  if (channel.type === 'telegram') return (channel.chatId === undefined ? 0 : 1) + settings.recipients.filter((recipient) => recipient.telegramChatId !== undefined).length;
  return channel.to.length + settings.recipients.filter((recipient) => recipient.email !== undefined).length;
}

/** Removes the user, password and query from a URL, because tokens may sit in any of them. */
function withoutSecrets(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(адрес не читается)';
  }
}

function describeDatabaseUrl(url: string): string {
  return url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : withoutSecrets(url);
}

function looksLikePath(setting: string): boolean {
  return setting.includes('/') || setting.includes('\\') || setting.startsWith('.');
}
