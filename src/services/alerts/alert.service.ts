import { createHash } from 'node:crypto';

import { buildCallAlert, buildDigestMessage, buildTestMessage } from '../../core/alerts/alert-message.ts';
import type { AlertCall, AlertMessage, MessageOptions } from '../../core/alerts/alert-message.ts';
import { alertFindings, findAlertTriggers } from '../../core/alerts/alert-rules.ts';
import { alertSendTime } from '../../core/alerts/alert-schedule.ts';
import { FINDING_TITLES } from '../../core/model/finding-titles.ts';
import type { AlertDelivery, Database, NewAlertDelivery, StoredCall } from '../../data/index.ts';
import type { AlertChannel, SendResult } from '../../integrations/alerts/alert-channel.ts';
import { createAlertChannel } from '../../integrations/alerts/create-alert-channels.ts';
import type { Logger } from '../../lib/logger.ts';
import { addressesFor, allAddresses } from './alert-recipients.ts';
import type { AlertSettings } from './alerts-config.ts';

/** Counts of one planning pass. */
export interface AlertPlan {
  /** Calls looked at. */
  checked: number;
  /** Calls that meet a rule within the same-day window. */
  alerted: number;
  /** Calls that meet a rule but are older than the window. */
  tooOld: number;
  /** Deliveries added; those already stored are not counted. */
  added: number;
}

/** Counts and failures of one sending pass. */
export interface AlertSendSummary {
  messages: number;
  sent: number;
  /** Messages that failed and wait for another attempt. */
  retrying: number;
  /** Messages that failed for good. */
  failed: number;
  /** Russian reasons of this pass's failures, by channel. */
  failures: { channel: string; address: string; reason: string }[];
}

export interface ChannelTestResult {
  channel: string;
  type: AlertChannel['type'];
  addresses: number;
  ok: boolean;
  failures: { address: string; reason: string }[];
}

export interface AlertServiceDeps {
  database: Database;
  settings: AlertSettings;
  logger: Logger;
  /** Channels to send through; built from the settings when omitted. */
  channels?: AlertChannel[];
}

/** Lease on the deliveries a sending pass claimed. A pass that runs longer loses them to the next pass. */
const CLAIM_LEASE_MS = 10 * 60_000;
const CLAIM_LIMIT = 500;

/**
 * Decides which stored calls are alert-worthy, stores one delivery per call, rule, channel and
 * address, and sends what is due. A delivery is stored before it is sent and marked after, so a rerun
 * or a retry skips every delivery marked sent. One channel's failure leaves the others untouched.
 * NOTE: a process that dies between a send and its mark sends that message again once the lease ends.
 */
export class AlertService {
  private readonly channels: AlertChannel[];

  constructor(private readonly deps: AlertServiceDeps) {
    this.channels = deps.channels ?? deps.settings.channels.map((channel) => createAlertChannel(channel));
  }

  get active(): boolean {
    return this.deps.settings.enabled && this.channels.length > 0;
  }

  /** Plans alerts for the calls and sends every due delivery. */
  async run(callIds: readonly string[], now: Date, signal?: AbortSignal): Promise<{ plan: AlertPlan; send: AlertSendSummary }> {
    const plan = await this.plan(callIds, now);
    const send = await this.sendDue(now, signal);
    return { plan, send };
  }

  /** Stores the deliveries the calls' current evaluations call for. Storing is idempotent. */
  async plan(callIds: readonly string[], now: Date): Promise<AlertPlan> {
    const plan: AlertPlan = { checked: 0, alerted: 0, tooOld: 0, added: 0 };
    if (!this.active) return plan;
    const { settings } = this.deps;
    const at = now.toISOString();
    const dueAt = alertSendTime(at, settings.schedule);
    for (const callId of new Set(callIds)) {
      const stored = await this.deps.database.calls.getCall(callId);
      if (stored?.evaluation == null) continue;
      plan.checked += 1;
      const outcome = findAlertTriggers(stored.evaluation, settings.rules, { now: at, maxAgeHours: settings.maxAgeHours, findingTitles: FINDING_TITLES });
      if (!outcome.alert) {
        if (outcome.reason === 'too_old') plan.tooOld += 1;
        continue;
      }
      plan.alerted += 1;
      const deliveries: NewAlertDelivery[] = [];
      for (const channel of settings.channels) {
        for (const address of addressesFor(channel, teamOf(stored), settings.recipients)) {
          for (const trigger of outcome.triggers) {
            deliveries.push({ callId, rule: trigger.rule, reason: trigger.reason, channel: channel.name, address, dueAt });
          }
        }
      }
      const added = await this.deps.database.alerts.addDeliveries(deliveries);
      plan.added += added;
      if (added > 0) {
        this.deps.logger.info({ callId, rules: outcome.triggers.map((trigger) => trigger.rule), added, dueAt }, 'alert planned');
      }
    }
    return plan;
  }

  /** Sends the deliveries due by `now`: one message per call, or one digest per address when a digest time is set. */
  async sendDue(now: Date, signal?: AbortSignal): Promise<AlertSendSummary> {
    const summary: AlertSendSummary = { messages: 0, sent: 0, retrying: 0, failed: 0, failures: [] };
    if (!this.active) return summary;
    const claimed = await this.deps.database.alerts.claimDue(now.toISOString(), CLAIM_LEASE_MS, CLAIM_LIMIT);
    const calls = new Map<string, StoredCall | undefined>();
    for (const group of this.groupMessages(claimed)) {
      if (signal?.aborted === true) break;
      const channel = this.channels.find((candidate) => candidate.name === group.channel);
      if (channel === undefined) {
        // The channel was removed from the settings after the delivery was planned.
        await this.deps.database.alerts.markFailed(ids(group.deliveries), `канал «${group.channel}» больше не настроен`, now.toISOString(), null);
        summary.failed += 1;
        continue;
      }
      const message = await this.messageOf(group.deliveries, calls);
      if (message === null) {
        await this.deps.database.alerts.markFailed(ids(group.deliveries), 'звонок удалён или ещё не оценён', now.toISOString(), null);
        summary.failed += 1;
        continue;
      }
      summary.messages += 1;
      const result = await this.sendSafely(channel, { id: messageId(group.deliveries), message, address: group.address }, signal);
      await this.record(group, result, now, summary);
    }
    return summary;
  }

  /** Sends a test message through each channel (or the named one) to every address it has. */
  async sendTest(channelName: string | null, now: Date): Promise<ChannelTestResult[]> {
    const { settings } = this.deps;
    const selected = settings.channels.filter((channel) => channelName === null || channel.name === channelName);
    const results: ChannelTestResult[] = [];
    for (const settingsOfChannel of selected) {
      const channel = this.channels.find((candidate) => candidate.name === settingsOfChannel.name);
      if (channel === undefined) continue;
      const message = buildTestMessage(now.toISOString(), channel.name, { timeZone: settings.timeZone, publicUrl: settings.publicUrl });
      const addresses = allAddresses(settingsOfChannel, settings.recipients);
      const failures: ChannelTestResult['failures'] = [];
      for (const address of addresses) {
        const result = await this.sendSafely(channel, { id: `test-${now.getTime()}-${channel.name}`, message, address });
        if (!result.ok) failures.push({ address, reason: result.reason });
      }
      await this.deps.database.alerts.recordChannelAttempt(channel.name, now.toISOString(), failures[0]?.reason ?? (addresses.length === 0 ? 'у канала нет адресов' : null));
      this.deps.logger.info({ channel: channel.name, addresses: addresses.length, failures: failures.length }, 'test alert sent');
      results.push({ channel: channel.name, type: channel.type, addresses: addresses.length, ok: addresses.length > 0 && failures.length === 0, failures });
    }
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.channels.map((channel) => channel.close()));
  }

  private groupMessages(deliveries: readonly AlertDelivery[]): MessageGroup[] {
    const digest = this.deps.settings.schedule.digestTime !== null;
    const groups = new Map<string, MessageGroup>();
    for (const delivery of deliveries) {
      const key = JSON.stringify([delivery.channel, delivery.address, digest ? '' : delivery.callId]);
      const group = groups.get(key) ?? { channel: delivery.channel, address: delivery.address, deliveries: [] };
      group.deliveries.push(delivery);
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  private async messageOf(deliveries: readonly AlertDelivery[], cache: Map<string, StoredCall | undefined>): Promise<AlertMessage | null> {
    const { settings } = this.deps;
    const options: MessageOptions = { timeZone: settings.timeZone, publicUrl: settings.publicUrl, findingTitles: FINDING_TITLES };
    const alertCalls: AlertCall[] = [];
    for (const callId of new Set(deliveries.map((delivery) => delivery.callId))) {
      if (!cache.has(callId)) cache.set(callId, await this.deps.database.calls.getCall(callId));
      const stored = cache.get(callId);
      if (stored?.evaluation == null) continue;
      const evaluation = stored.evaluation;
      alertCalls.push({
        callId,
        managerName: stored.managerName ?? evaluation.call.manager?.name ?? null,
        teamName: teamOf(stored),
        startedAt: stored.startedAtUtc ?? evaluation.call.startedAt ?? stored.createdAt,
        durationSec: evaluation.call.durationSec,
        direction: evaluation.call.direction,
        score: evaluation.score,
        triggers: deliveries.filter((delivery) => delivery.callId === callId).map((delivery) => ({ rule: delivery.rule, reason: delivery.reason, since: delivery.createdAt })),
        findings: alertFindings(evaluation, settings.rules, settings.maxFindings),
      });
    }
    const [only, ...others] = alertCalls;
    if (only === undefined) return null;
    return others.length === 0 && settings.schedule.digestTime === null ? buildCallAlert(only, options) : buildDigestMessage(alertCalls, options);
  }

  private async sendSafely(channel: AlertChannel, alert: Parameters<AlertChannel['send']>[0], signal?: AbortSignal): Promise<SendResult> {
    try {
      return await channel.send(alert, signal);
    } catch (error) {
      this.deps.logger.error({ err: error, channel: channel.name }, 'alert channel failed unexpectedly');
      return { ok: false, retryable: true, reason: `внутренняя ошибка канала: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async record(group: MessageGroup, result: SendResult, now: Date, summary: AlertSendSummary): Promise<void> {
    const at = now.toISOString();
    const deliveryIds = ids(group.deliveries);
    const callIds = [...new Set(group.deliveries.map((delivery) => delivery.callId))];
    await this.deps.database.alerts.recordChannelAttempt(group.channel, at, result.ok ? null : result.reason);
    if (result.ok) {
      await this.deps.database.alerts.markSent(deliveryIds, at);
      summary.sent += 1;
      this.deps.logger.info({ channel: group.channel, callIds, deliveries: deliveryIds.length }, 'alert sent');
      return;
    }
    const attempts = Math.max(...group.deliveries.map((delivery) => delivery.attempts)) + 1;
    const { maxAttempts, retryDelaySec } = this.deps.settings;
    const retryAt = result.retryable && attempts < maxAttempts ? new Date(now.getTime() + retryDelaySec * 1000 * 2 ** (attempts - 1)).toISOString() : null;
    await this.deps.database.alerts.markFailed(deliveryIds, result.reason, at, retryAt);
    summary.failures.push({ channel: group.channel, address: group.address, reason: result.reason });
    if (retryAt === null) summary.failed += 1;
    else summary.retrying += 1;
    this.deps.logger.warn({ channel: group.channel, callIds, attempts, retryAt, reason: result.reason }, 'alert not sent');
  }
}

interface MessageGroup {
  channel: string;
  address: string;
  deliveries: AlertDelivery[];
}

function teamOf(stored: StoredCall): string | null {
  return stored.teamName ?? stored.transcript.call.manager?.team ?? null;
}

function ids(deliveries: readonly AlertDelivery[]): number[] {
  return deliveries.map((delivery) => delivery.id);
}

/** Derives the message id from the delivery ids, so every attempt of a message has the same id and a receiver can drop repeats. */
function messageId(deliveries: readonly AlertDelivery[]): string {
  const key = deliveries.map((delivery) => delivery.id).sort((a, b) => a - b).join(',');
  return `okk-alert-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}
