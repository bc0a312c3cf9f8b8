import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';
import { columnTypes, oneOf } from './column-types.ts';

const LOG_DIRECTIONS = ['inbound', 'outbound', 'internal'];
const LOG_STATUSES = ['answered', 'missed', 'busy', 'failed', 'no_answer', 'voicemail'];
const LINK_METHODS = ['external_id', 'recording', 'time'];
const CALL_CLIENT_SOURCES = ['call', 'call_log'];
export const CRM_EVENT_TYPES = ['email', 'message', 'task', 'meeting', 'visit', 'call', 'other'] as const;
const NPS_CATEGORIES = ['promoter', 'passive', 'detractor'];
const DEAL_STATUSES = ['won', 'lost', 'open'];
const PROMISE_ACTIONS = ['callback', 'send', 'visit', 'transfer', 'other'];
const PROMISE_OUTCOMES = ['pending', 'kept', 'broken', 'unverified'];
const DUE_SOURCES = ['said', 'default'];
const EVIDENCE_KINDS = ['call_log', 'call', 'crm_event'];
const MISSED_OUTCOMES = ['pending', 'called_back', 'late', 'no_callback'];

/**
 * Clients, call-log records from PBXs and CRMs with their links to analysed calls, CRM events, NPS
 * answers, deals, and the follow-through results of promises and missed calls.
 */
export function callLogsOutcomesMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createClients(db, dialect);
      await createCallLogRecords(db, dialect);
      await createCrmEvents(db, dialect);
      await createOutcomes(db, dialect);
      await createFollowThrough(db, dialect);
    },
  };
}

async function createClients(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  await type
    .addIdentity(db.schema.createTable('clients').ifNotExists(), 'id')
    .addColumn('phone', 'text', (column) => column.unique())
    .addColumn('crm_id', 'text', (column) => column.unique())
    .addColumn('created_at', type.timestamp, (column) => column.notNull())
    .addColumn('updated_at', type.timestamp, (column) => column.notNull())
    .execute();

  // Which client an analysed call was with: from the call's own phone or from its call-log record.
  await db.schema
    .createTable('call_clients')
    .ifNotExists()
    .addColumn('call_id', 'text', (column) => column.primaryKey().references('calls.id').onDelete('cascade'))
    .addColumn('client_id', 'integer', (column) => column.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('linked_by', 'text', (column) => column.notNull().check(oneOf('linked_by', CALL_CLIENT_SOURCES)))
    .execute();
  await db.schema.createIndex('call_clients_client').ifNotExists().on('call_clients').column('client_id').execute();
}

async function createCallLogRecords(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  await type
    .addIdentity(db.schema.createTable('call_log_records').ifNotExists(), 'id')
    .addColumn('source', 'text', (column) => column.notNull())
    // The source's call id, or a hash of the record's fields when the source gives none.
    .addColumn('record_key', 'text', (column) => column.notNull())
    .addColumn('external_id', 'text')
    .addColumn('started_at', type.timestamp, (column) => column.notNull())
    .addColumn('direction', 'text', (column) => column.notNull().check(oneOf('direction', LOG_DIRECTIONS)))
    .addColumn('status', 'text', (column) => column.notNull().check(oneOf('status', LOG_STATUSES)))
    .addColumn('answered', type.bool, (column) => column.notNull())
    .addColumn('manager_id', 'integer', (column) => column.references('managers.id').onDelete('set null'))
    .addColumn('manager_name', 'text')
    .addColumn('manager_extension', 'text')
    .addColumn('team_id', 'integer', (column) => column.references('teams.id').onDelete('set null'))
    .addColumn('client_id', 'integer', (column) => column.references('clients.id').onDelete('set null'))
    .addColumn('client_phone', 'text')
    .addColumn('wait_sec', type.real)
    .addColumn('duration_sec', type.real)
    .addColumn('talk_sec', type.real)
    .addColumn('recording_url', 'text')
    .addColumn('recording_file', 'text')
    .addColumn('source_status', 'text')
    .addColumn('file_name', 'text')
    .addColumn('row', 'integer', (column) => column.notNull())
    .addColumn('call_id', 'text', (column) => column.references('calls.id').onDelete('set null'))
    .addColumn('link_method', 'text', (column) => column.check(oneOf('link_method', LINK_METHODS)))
    .addColumn('imported_at', type.timestamp, (column) => column.notNull())
    .addColumn('updated_at', type.timestamp, (column) => column.notNull())
    .addUniqueConstraint('call_log_records_source_key', ['source', 'record_key'])
    .execute();
  const indexes: [string, string[]][] = [
    ['call_log_records_started_at', ['started_at']],
    ['call_log_records_client', ['client_phone', 'started_at']],
    ['call_log_records_manager', ['manager_id', 'started_at']],
    ['call_log_records_call', ['call_id']],
  ];
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).ifNotExists().on('call_log_records').columns(columns).execute();
  }
}

async function createCrmEvents(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  await type
    .addIdentity(db.schema.createTable('crm_events').ifNotExists(), 'id')
    .addColumn('event_key', 'text', (column) => column.notNull().unique())
    .addColumn('occurred_at', type.timestamp, (column) => column.notNull())
    .addColumn('type', 'text', (column) => column.notNull().check(oneOf('type', CRM_EVENT_TYPES)))
    .addColumn('client_id', 'integer', (column) => column.references('clients.id').onDelete('set null'))
    .addColumn('client_phone', 'text')
    .addColumn('client_crm_id', 'text')
    .addColumn('manager_id', 'integer', (column) => column.references('managers.id').onDelete('set null'))
    .addColumn('manager_name', 'text')
    .addColumn('description', 'text')
    .addColumn('file_name', 'text')
    .addColumn('row', 'integer', (column) => column.notNull())
    .addColumn('imported_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('crm_events_client').ifNotExists().on('crm_events').columns(['client_id', 'occurred_at']).execute();
}

async function createOutcomes(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  await type
    .addIdentity(db.schema.createTable('nps_answers').ifNotExists(), 'id')
    .addColumn('answer_key', 'text', (column) => column.notNull().unique())
    .addColumn('score', 'integer', (column) => column.notNull())
    .addColumn('category', 'text', (column) => column.notNull().check(oneOf('category', NPS_CATEGORIES)))
    .addColumn('comment', 'text')
    .addColumn('answered_at', type.timestamp, (column) => column.notNull())
    .addColumn('date_only', type.bool, (column) => column.notNull())
    .addColumn('client_id', 'integer', (column) => column.references('clients.id').onDelete('set null'))
    .addColumn('client_phone', 'text')
    .addColumn('client_crm_id', 'text')
    .addColumn('file_name', 'text')
    .addColumn('row', 'integer', (column) => column.notNull())
    .addColumn('imported_at', type.timestamp, (column) => column.notNull())
    .addCheckConstraint('nps_answers_score_range', sql`score between 0 and 10`)
    .execute();
  await db.schema.createIndex('nps_answers_client').ifNotExists().on('nps_answers').columns(['client_id', 'answered_at']).execute();

  await type
    .addIdentity(db.schema.createTable('deals').ifNotExists(), 'id')
    .addColumn('deal_key', 'text', (column) => column.notNull().unique())
    .addColumn('external_id', 'text')
    .addColumn('deal_date', type.timestamp, (column) => column.notNull())
    .addColumn('date_only', type.bool, (column) => column.notNull())
    .addColumn('amount', type.real)
    .addColumn('currency', 'text')
    .addColumn('status', 'text', (column) => column.check(oneOf('status', DEAL_STATUSES)))
    .addColumn('source_status', 'text')
    .addColumn('client_id', 'integer', (column) => column.references('clients.id').onDelete('set null'))
    .addColumn('client_phone', 'text')
    .addColumn('client_crm_id', 'text')
    .addColumn('manager_name', 'text')
    .addColumn('manager_id', 'integer', (column) => column.references('managers.id').onDelete('set null'))
    .addColumn('file_name', 'text')
    .addColumn('row', 'integer', (column) => column.notNull())
    .addColumn('imported_at', type.timestamp, (column) => column.notNull())
    .addColumn('updated_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('deals_client').ifNotExists().on('deals').columns(['client_id', 'deal_date']).execute();
}

async function createFollowThrough(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const type = columnTypes(dialect);
  // Keyed by the promise's content, not by `promises.id`: saving a new evaluation replaces those rows.
  await type
    .addIdentity(db.schema.createTable('promise_checks').ifNotExists(), 'id')
    .addColumn('call_id', 'text', (column) => column.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('promise_key', 'text', (column) => column.notNull())
    .addColumn('turn', 'integer', (column) => column.notNull())
    .addColumn('action', 'text', (column) => column.notNull().check(oneOf('action', PROMISE_ACTIONS)))
    .addColumn('quote', 'text', (column) => column.notNull())
    .addColumn('due_text', 'text')
    .addColumn('promised_at', type.timestamp, (column) => column.notNull())
    .addColumn('due_at', type.timestamp, (column) => column.notNull())
    .addColumn('due_source', 'text', (column) => column.notNull().check(oneOf('due_source', DUE_SOURCES)))
    .addColumn('manager_id', 'integer', (column) => column.references('managers.id').onDelete('set null'))
    .addColumn('team_id', 'integer', (column) => column.references('teams.id').onDelete('set null'))
    .addColumn('client_id', 'integer', (column) => column.references('clients.id').onDelete('set null'))
    .addColumn('outcome', 'text', (column) => column.notNull().check(oneOf('outcome', PROMISE_OUTCOMES)))
    .addColumn('evidence_kind', 'text', (column) => column.check(oneOf('evidence_kind', EVIDENCE_KINDS)))
    .addColumn('evidence_ref', 'text')
    .addColumn('evidence_at', type.timestamp)
    .addColumn('late_follow_up_at', type.timestamp)
    .addColumn('checked_at', type.timestamp, (column) => column.notNull())
    .addUniqueConstraint('promise_checks_call_promise', ['call_id', 'promise_key'])
    .execute();
  await db.schema.createIndex('promise_checks_manager').ifNotExists().on('promise_checks').columns(['manager_id', 'due_at']).execute();

  await type
    .addIdentity(db.schema.createTable('missed_calls').ifNotExists(), 'id')
    .addColumn('record_id', 'integer', (column) => column.notNull().unique().references('call_log_records.id').onDelete('cascade'))
    .addColumn('client_id', 'integer', (column) => column.references('clients.id').onDelete('set null'))
    .addColumn('client_phone', 'text', (column) => column.notNull())
    .addColumn('missed_at', type.timestamp, (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull())
    .addColumn('due_at', type.timestamp, (column) => column.notNull())
    .addColumn('manager_id', 'integer', (column) => column.references('managers.id').onDelete('set null'))
    .addColumn('team_id', 'integer', (column) => column.references('teams.id').onDelete('set null'))
    .addColumn('outcome', 'text', (column) => column.notNull().check(oneOf('outcome', MISSED_OUTCOMES)))
    .addColumn('callback_at', type.timestamp)
    .addColumn('callback_kind', 'text', (column) => column.check(oneOf('callback_kind', EVIDENCE_KINDS)))
    .addColumn('callback_ref', 'text')
    .addColumn('callback_sec', type.real)
    .addColumn('callback_working_sec', type.real)
    .addColumn('checked_at', type.timestamp, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('missed_calls_manager').ifNotExists().on('missed_calls').columns(['manager_id', 'missed_at']).execute();
}
