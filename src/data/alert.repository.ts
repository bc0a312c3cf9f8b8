import { randomUUID } from 'node:crypto';

import type { DataContext } from './data-context.ts';
import { chunkRows, nowIso } from './data-context.ts';
import { readOptionalTimestamp, readTimestamp } from './sql-dialect.ts';

export type AlertDeliveryStatus = 'pending' | 'sent' | 'failed';

export interface NewAlertDelivery {
  callId: string;
  rule: string;
  reason: string;
  channel: string;
  address: string;
  /** Not sent before this moment, ISO 8601. */
  dueAt: string;
}

export interface AlertDelivery extends NewAlertDelivery {
  id: number;
  status: AlertDeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface AlertChannelState {
  channel: string;
  lastAttemptAt: string | null;
  lastSentAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  sentCount: number;
  failedCount: number;
}

export interface AlertDeliveryCounts {
  channel: string;
  pending: number;
  sent: number;
  failed: number;
}

/** Alert deliveries and the state of each channel. */
export class AlertRepository {
  constructor(private readonly context: DataContext) {}

  /** Adds deliveries not stored yet; a delivery already there (same call, rule, channel and address) is left as it is. Returns how many were added. */
  async addDeliveries(deliveries: readonly NewAlertDelivery[]): Promise<number> {
    let added = 0;
    const now = nowIso();
    for (const chunk of chunkRows(deliveries, 10)) {
      const result = await this.context.db
        .insertInto('alert_deliveries')
        .values(
          chunk.map((delivery) => ({
            call_id: delivery.callId,
            rule: delivery.rule,
            reason: delivery.reason,
            channel: delivery.channel,
            address: delivery.address,
            status: 'pending',
            due_at: new Date(delivery.dueAt).toISOString(),
            created_at: now,
            updated_at: now,
          })),
        )
        .onConflict((conflict) => conflict.columns(['call_id', 'rule', 'channel', 'address']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  /**
   * Takes pending deliveries due by `now` for this process until `leaseMs` has passed, so another
   * worker does not send them at the same time. A process that dies mid-send leaves its claim to run
   * out, and the deliveries are taken again.
   */
  async claimDue(now: string, leaseMs: number, limit: number): Promise<AlertDelivery[]> {
    const token = randomUUID();
    const until = new Date(new Date(now).getTime() + leaseMs).toISOString();
    const at = new Date(now).toISOString();
    const candidates = await this.context.db
      .selectFrom('alert_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('due_at', '<=', at)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
      .orderBy('due_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    if (candidates.length === 0) return [];
    await this.context.db
      .updateTable('alert_deliveries')
      .set({ claim_token: token, claimed_until: until })
      .where('id', 'in', candidates.map((row) => row.id))
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
      .execute();
    const rows = await this.context.db.selectFrom('alert_deliveries').selectAll().where('claim_token', '=', token).orderBy('id').execute();
    return rows.map(toDelivery);
  }

  async markSent(ids: readonly number[], sentAt: string): Promise<void> {
    if (ids.length === 0) return;
    const at = new Date(sentAt).toISOString();
    await this.context.db
      .updateTable('alert_deliveries')
      .set((eb) => ({ status: 'sent', sent_at: at, updated_at: at, last_error: null, claim_token: null, claimed_until: null, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .execute();
  }

  /** Records a failed attempt: the delivery waits until `retryAt`, or fails for good when it is null. */
  async markFailed(ids: readonly number[], reason: string, at: string, retryAt: string | null): Promise<void> {
    if (ids.length === 0) return;
    const now = new Date(at).toISOString();
    await this.context.db
      .updateTable('alert_deliveries')
      .set((eb) => ({
        status: retryAt === null ? 'failed' : 'pending',
        last_error: reason,
        updated_at: now,
        due_at: retryAt === null ? now : new Date(retryAt).toISOString(),
        claim_token: null,
        claimed_until: null,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', ids)
      .execute();
  }

  async listForCall(callId: string): Promise<AlertDelivery[]> {
    const rows = await this.context.db.selectFrom('alert_deliveries').selectAll().where('call_id', '=', callId).orderBy('id').execute();
    return rows.map(toDelivery);
  }

  /** Remembers the outcome of a send through a channel, for the integrations page. */
  async recordChannelAttempt(channel: string, at: string, error: string | null): Promise<void> {
    const now = new Date(at).toISOString();
    await this.context.db
      .insertInto('alert_channel_state')
      .values({
        channel,
        last_attempt_at: now,
        last_sent_at: error === null ? now : null,
        last_error: error,
        last_error_at: error === null ? null : now,
        sent_count: error === null ? 1 : 0,
        failed_count: error === null ? 0 : 1,
      })
      .onConflict((conflict) =>
        conflict.column('channel').doUpdateSet((eb) =>
          error === null
            ? { last_attempt_at: now, last_sent_at: now, sent_count: eb('alert_channel_state.sent_count', '+', 1) }
            : { last_attempt_at: now, last_error: error, last_error_at: now, failed_count: eb('alert_channel_state.failed_count', '+', 1) },
        ),
      )
      .execute();
  }

  async channelStates(): Promise<AlertChannelState[]> {
    const rows = await this.context.db.selectFrom('alert_channel_state').selectAll().orderBy('channel').execute();
    return rows.map((row) => ({
      channel: row.channel,
      lastAttemptAt: readOptionalTimestamp(row.last_attempt_at),
      lastSentAt: readOptionalTimestamp(row.last_sent_at),
      lastError: row.last_error,
      lastErrorAt: readOptionalTimestamp(row.last_error_at),
      sentCount: row.sent_count,
      failedCount: row.failed_count,
    }));
  }

  /** Deliveries by channel and status. */
  async countsByChannel(): Promise<AlertDeliveryCounts[]> {
    const rows = await this.context.db
      .selectFrom('alert_deliveries')
      .select((eb) => ['channel', 'status', eb.fn.countAll().as('count')])
      .groupBy(['channel', 'status'])
      .execute();
    const byChannel = new Map<string, AlertDeliveryCounts>();
    for (const row of rows) {
      const counts = byChannel.get(row.channel) ?? { channel: row.channel, pending: 0, sent: 0, failed: 0 };
      const status = row.status as AlertDeliveryStatus;
      counts[status] += Number(row.count);
      byChannel.set(row.channel, counts);
    }
    return [...byChannel.values()].sort((a, b) => a.channel.localeCompare(b.channel));
  }

  /** Ids of evaluated calls whose evaluation was saved at or after `evaluatedSince`, or that started at or after `startedSince`. */
  async listCallIds(range: { evaluatedSince?: string; startedSince?: string }): Promise<string[]> {
    const { evaluatedSince, startedSince } = range;
    if (evaluatedSince === undefined && startedSince === undefined) return [];
    const rows = await this.context.db
      .selectFrom('calls')
      .select('id')
      .where('evaluated_at', 'is not', null)
      .where((eb) =>
        eb.or([
          ...(evaluatedSince === undefined ? [] : [eb('evaluated_at', '>=', new Date(evaluatedSince).toISOString())]),
          ...(startedSince === undefined ? [] : [eb('started_at', '>=', new Date(startedSince).toISOString())]),
        ]),
      )
      .orderBy('id')
      .execute();
    return rows.map((row) => row.id);
  }
}

function toDelivery(row: {
  id: number;
  call_id: string;
  rule: string;
  reason: string;
  channel: string;
  address: string;
  status: string;
  attempts: number;
  last_error: string | null;
  due_at: string | Date;
  created_at: string | Date;
  sent_at: string | Date | null;
}): AlertDelivery {
  return {
    id: row.id,
    callId: row.call_id,
    rule: row.rule,
    reason: row.reason,
    channel: row.channel,
    address: row.address,
    dueAt: readTimestamp(row.due_at),
    status: row.status as AlertDeliveryStatus,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: readTimestamp(row.created_at),
    sentAt: readOptionalTimestamp(row.sent_at),
  };
}
