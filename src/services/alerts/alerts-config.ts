import type { AlertRules } from '../../core/alerts/alert-rules.ts';
import type { AlertSchedule } from '../../core/alerts/alert-schedule.ts';
import { FINDING_KINDS } from '../../core/model/evaluation.ts';
import { checkWorkingHours } from '../../core/outcomes/working-hours.ts';
import { AppError } from '../../lib/app-error.ts';
import type { AppConfig } from '../../lib/config.ts';
import { z } from '../../lib/zod-russian.ts';

const clock = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/u, 'время в виде ЧЧ:ММ, например 18:00');

/**
 * A secret: the value itself, or `env:NAME` to read it from the environment variable NAME, so that the
 * config file can be kept without secrets.
 */
const secret = z.string().min(1, 'пустое значение: укажите значение или env:ИМЯ_ПЕРЕМЕННОЙ');

const seconds = z.number().positive();

const telegramSchema = z.strictObject({
  type: z.literal('telegram'),
  /** Bot token from @BotFather, or `env:NAME`. Else `OKK_TELEGRAM_BOT_TOKEN`. */
  botToken: secret.optional(),
  /** Bot API address; a local Bot API server or a proxy may stand in for Telegram's. */
  baseUrl: z.url({ protocol: /^https?$/u, error: 'адрес http(s)://…' }).default('https://api.telegram.org'),
  /** A chat (e.g. a group of heads of sales) that gets every alert, besides the recipients' own chats. */
  chatId: z.union([z.string().min(1), z.int()]).transform(String).optional(),
  timeoutSec: seconds.max(300).default(15),
});

const emailSchema = z.strictObject({
  type: z.literal('email'),
  host: z.string().min(1, 'укажите адрес SMTP-сервера'),
  port: z.int().min(1).max(65535).default(587),
  /** TLS from the start (port 465); false upgrades with STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().min(1).optional(),
  /** SMTP password, or `env:NAME`. Else `OKK_SMTP_PASSWORD` when `user` is set. */
  password: secret.optional(),
  from: z.string().min(3, 'укажите адрес отправителя, например okk@company.ru'),
  /** Addresses that get every alert, besides the recipients' own. */
  to: z.array(z.email({ error: 'неверный адрес e-mail' })).default([]),
  timeoutSec: seconds.max(300).default(30),
});

const webhookSchema = z.strictObject({
  type: z.literal('webhook'),
  url: z.url({ protocol: /^https?$/u, error: 'адрес http(s)://…' }),
  /** Key of the `X-OKK-Signature` HMAC-SHA256 header, or `env:NAME`. Else `OKK_WEBHOOK_SECRET`. */
  secret: secret.optional(),
  timeoutSec: seconds.max(300).default(10),
  /** Extra attempts after a timeout, a dropped connection, or a 429 or 5xx response. */
  retries: z.int().min(0).max(10).default(2),
  /** Wait before the first extra attempt, doubled for each next one, in seconds. */
  retryDelaySec: z.number().min(0).max(600).default(1),
});

const channelSchema = z.discriminatedUnion('type', [telegramSchema, emailSchema, webhookSchema], {
  error: 'type канала: telegram, email или webhook',
});

/**
 * A person who gets alerts. Telegram and e-mail channels send to the recipient's own address, so the
 * section check below requires one of them. A webhook needs no address, so a name alone is enough there.
 */
const recipientSchema = z.strictObject({
  /** Who this is, for messages and the integrations page («Ольга Петрова, РОП Москва»). */
  name: z.string().min(1),
  /** Teams whose calls this person gets; omitted or empty gets every team's calls. */
  teams: z.array(z.string().min(1)).default([]),
  telegramChatId: z.union([z.string().min(1), z.int()]).transform(String).optional(),
  email: z.email({ error: 'неверный адрес e-mail' }).optional(),
});

const findingKind = z.enum(FINDING_KINDS, { error: `вид находки: один из ${FINDING_KINDS.join(', ')}` });

const alertsSchema = z.strictObject({
  /** Off keeps the settings but sends nothing. */
  enabled: z.boolean().default(true),
  /** Address of the web UI as users open it; the alert links to the call's page there. */
  publicUrl: z.url({ protocol: /^https?$/u, error: 'адрес http(s)://…' }).optional(),
  rules: z
    .strictObject({
      scoreBelow: z.number().min(1).max(100).nullable().default(60),
      criticalFindings: z.boolean().default(true),
      findingKinds: z.array(findingKind).default(['irritation', 'client_dissatisfied', 'promise_not_kept', 'missed_call_no_callback']),
    })
    .prefault({}),
  /** Calls (and broken promises, from their due time) older than this are not alerted: alerts are about today. */
  maxAgeHours: z.number().positive().max(24 * 7).default(24),
  /** Findings listed per call. */
  maxFindings: z.int().min(1).max(10).default(3),
  /** Alerts found outside these hours wait for the next opening. */
  workingHours: z
    .strictObject({
      start: clock.default('09:00'),
      end: clock.default('19:00'),
      days: z.array(z.int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
      holidays: z.array(z.iso.date()).default([]),
      timeZone: z.string().optional(),
    })
    .optional(),
  /** «HH:MM»: send one digest a day at this time instead of one message per call. */
  digestTime: clock.optional(),
  /** Attempts per message before it is marked failed for good. */
  maxAttempts: z.int().min(1).max(20).default(5),
  /** Wait before a failed message is tried again, doubled for each next attempt, in seconds. */
  retryDelaySec: z.number().min(0).max(86_400).default(60),
  recipients: z.array(recipientSchema).default([]),
  channels: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/u, 'имя канала: строчные латинские буквы, цифры, «-» и «_»'), channelSchema).default({}),
}).superRefine((section, context) => {
  const addressed = [...new Set(Object.values(section.channels).map((channel) => channel.type))].filter((type) => type !== 'webhook');
  if (addressed.length === 0) {
    return;
  }
  const needsAddress = addressed.length === 1 ? `канал ${addressed.join('')} отправляет` : 'каналы telegram и email отправляют';
  section.recipients.forEach((recipient, index) => {
    if (recipient.telegramChatId === undefined && recipient.email === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['recipients', index],
        message: `у получателя нет ни telegramChatId, ни email, а ${needsAddress} только по адресу`,
      });
    }
  });
});

type AlertsSection = z.infer<typeof alertsSchema>;
export type TelegramSection = z.infer<typeof telegramSchema>;
export type EmailSection = z.infer<typeof emailSchema>;
export type WebhookSection = z.infer<typeof webhookSchema>;
export type Recipient = z.infer<typeof recipientSchema>;

/** `secretSource` names the origin of the secret («переменная OKK_…» or «файл настроек»), never its value. */
export type TelegramSettings = Omit<TelegramSection, 'botToken'> & { name: string; botToken: string; secretSource: string };
export type EmailSettings = Omit<EmailSection, 'password'> & { name: string; password: string | null; secretSource: string | null };
export type WebhookSettings = Omit<WebhookSection, 'secret'> & { name: string; secret: string; secretSource: string };
export type ChannelSettings = TelegramSettings | EmailSettings | WebhookSettings;

/** The `alerts` section with secrets resolved. */
export interface AlertSettings {
  enabled: boolean;
  publicUrl: string | null;
  rules: AlertRules;
  schedule: AlertSchedule;
  maxAgeHours: number;
  maxFindings: number;
  maxAttempts: number;
  retryDelaySec: number;
  recipients: Recipient[];
  channels: ChannelSettings[];
  /** IANA zone of the times in messages. */
  timeZone: string;
}

/** The one field of the `server` section that alerts read; the server validates the whole section. */
const serverPublicUrl = z.object({ publicUrl: z.string().nullable().optional() });

/**
 * Reads the `alerts` section and resolves its secrets. A missing variable or a wrong field is a
 * CONFIG_INVALID error in Russian, so `okk serve` and `okk worker` stop at startup instead of failing
 * at the first problem call.
 */
export function loadAlertSettings(config: Pick<AppConfig, 'section' | 'timeZone'>, env: NodeJS.ProcessEnv = process.env): AlertSettings {
  const settings = resolveAlertSettings(config.section('alerts', alertsSchema), config.timeZone, env);
  // One address serves exports and alerts: `alerts.publicUrl` only overrides `server.publicUrl`.
  return settings.publicUrl === null ? { ...settings, publicUrl: config.section('server', serverPublicUrl).publicUrl ?? null } : settings;
}

/** Parses an `alerts` section given as a value (tests, the integrations page); throws like `loadAlertSettings`. */
export function parseAlertSettings(raw: unknown, timeZone: string, env: NodeJS.ProcessEnv = {}): AlertSettings {
  const parsed = alertsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${['alerts', ...issue.path.map(String)].join('.')}: ${issue.message}`);
    throw new AppError('CONFIG_INVALID', `Ошибка в настройках: ${problems.join('; ')}`);
  }
  return resolveAlertSettings(parsed.data, timeZone, env);
}

function resolveAlertSettings(section: AlertsSection, timeZone: string, env: NodeJS.ProcessEnv): AlertSettings {
  const problems: string[] = [];
  const channels = Object.entries(section.channels).flatMap(([name, channel]): ChannelSettings[] => {
    const resolved = resolveChannel(name, channel, env);
    if (typeof resolved === 'string') {
      problems.push(resolved);
      return [];
    }
    return [resolved];
  });
  const workingHours = section.workingHours === undefined ? null : { ...section.workingHours, timeZone: section.workingHours.timeZone ?? timeZone };
  if (workingHours !== null) {
    problems.push(...checkWorkingHours(workingHours).map((problem) => `alerts.workingHours: ${problem}`));
  }
  if (section.enabled && channels.length > 0 && !hasAnyAddress(section, channels)) {
    problems.push('alerts: оповещения некому отправить — добавьте получателей (recipients) с telegramChatId или email, chatId или to в канале, либо канал webhook');
  }
  if (problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `Ошибка в настройках: ${problems.join('; ')}.`);
  }
  return {
    enabled: section.enabled,
    publicUrl: section.publicUrl ?? null,
    rules: section.rules,
    schedule: { timeZone, workingHours, digestTime: section.digestTime ?? null },
    maxAgeHours: section.maxAgeHours,
    maxFindings: section.maxFindings,
    maxAttempts: section.maxAttempts,
    retryDelaySec: section.retryDelaySec,
    recipients: section.recipients,
    channels,
    timeZone,
  };
}

function resolveChannel(name: string, channel: AlertsSection['channels'][string], env: NodeJS.ProcessEnv): ChannelSettings | string {
  switch (channel.type) {
    case 'telegram': {
      const botToken = readSecret(channel.botToken, 'OKK_TELEGRAM_BOT_TOKEN', env);
      if (typeof botToken !== 'string') return missing(name, 'botToken', botToken.variable);
      return { ...withoutKey(channel, 'botToken'), name, botToken, secretSource: secretSource(channel.botToken, 'OKK_TELEGRAM_BOT_TOKEN') };
    }
    case 'email': {
      const password = channel.user === undefined && channel.password === undefined ? null : readSecret(channel.password, 'OKK_SMTP_PASSWORD', env);
      if (password !== null && typeof password !== 'string') return missing(name, 'password', password.variable);
      return { ...withoutKey(channel, 'password'), name, password, secretSource: password === null ? null : secretSource(channel.password, 'OKK_SMTP_PASSWORD') };
    }
    case 'webhook': {
      const secretValue = readSecret(channel.secret, 'OKK_WEBHOOK_SECRET', env);
      if (typeof secretValue !== 'string') return missing(name, 'secret', secretValue.variable);
      return { ...withoutKey(channel, 'secret'), name, secret: secretValue, secretSource: secretSource(channel.secret, 'OKK_WEBHOOK_SECRET') };
    }
  }
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key)) as Omit<T, K>;
}

function readSecret(value: string | undefined, fallbackVariable: string, env: NodeJS.ProcessEnv): string | { variable: string } {
  const variable = value === undefined ? fallbackVariable : value.startsWith('env:') ? value.slice('env:'.length) : null;
  if (variable === null) return value ?? '';
  const found = env[variable];
  return found !== undefined && found !== '' ? found : { variable };
}

function missing(channel: string, field: string, variable: string): string {
  return `alerts.channels.${channel}.${field}: переменная окружения ${variable} не задана — задайте её или укажите значение в файле настроек`;
}

function hasAnyAddress(section: AlertsSection, channels: readonly ChannelSettings[]): boolean {
  return channels.some((channel) => {
    if (channel.type === 'webhook') return true;
    if (channel.type === 'telegram') return channel.chatId !== undefined || section.recipients.some((recipient) => recipient.telegramChatId !== undefined);
    return channel.to.length > 0 || section.recipients.some((recipient) => recipient.email !== undefined);
  });
}

/** True when there is something to send alerts through. */
export function alertsActive(settings: AlertSettings): boolean {
  return settings.enabled && settings.channels.length > 0;
}

function secretSource(raw: string | undefined, fallbackVariable: string): string {
  if (raw === undefined) return `переменная ${fallbackVariable}`;
  return raw.startsWith('env:') ? `переменная ${raw.slice('env:'.length)}` : 'файл настроек';
}
