import type { Kysely, Migration } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';
import { columnTypes, oneOf } from './column-types.ts';

const DELIVERY_STATUSES = ['pending', 'sent', 'failed'];

/**
 * Alerts about problem calls. One row per call, rule, channel and address: the unique key is what makes
 * a rerun or a retry send nothing twice. `claimed_until` keeps two workers from sending the same row at
 * once. `alert_channel_state` keeps each channel's last send and last error for the integrations page.
 */
export function alertDeliveriesMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const type = columnTypes(dialect);
      await type
        .addIdentity(db.schema.createTable('alert_deliveries').ifNotExists(), 'id')
        .addColumn('call_id', 'text', (column) => column.notNull().references('calls.id').onDelete('cascade'))
        .addColumn('rule', 'text', (column) => column.notNull())
        .addColumn('reason', 'text', (column) => column.notNull())
        .addColumn('channel', 'text', (column) => column.notNull())
        .addColumn('address', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull().check(oneOf('status', DELIVERY_STATUSES)))
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        // Not sent before this moment: working hours, the digest time, or the next retry.
        .addColumn('due_at', type.timestamp, (column) => column.notNull())
        .addColumn('claim_token', 'text')
        .addColumn('claimed_until', type.timestamp)
        .addColumn('created_at', type.timestamp, (column) => column.notNull())
        .addColumn('updated_at', type.timestamp, (column) => column.notNull())
        .addColumn('sent_at', type.timestamp)
        .addUniqueConstraint('alert_deliveries_key', ['call_id', 'rule', 'channel', 'address'])
        .execute();
      await db.schema.createIndex('alert_deliveries_due').ifNotExists().on('alert_deliveries').columns(['status', 'due_at']).execute();
      await db.schema.createIndex('alert_deliveries_claim').ifNotExists().on('alert_deliveries').column('claim_token').execute();

      await db.schema
        .createTable('alert_channel_state')
        .ifNotExists()
        .addColumn('channel', 'text', (column) => column.primaryKey())
        .addColumn('last_attempt_at', type.timestamp)
        .addColumn('last_sent_at', type.timestamp)
        .addColumn('last_error', 'text')
        .addColumn('last_error_at', type.timestamp)
        .addColumn('sent_count', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('failed_count', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
    },
  };
}
