import type { Kysely, Migration } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';
import { columnTypes, oneOf } from './column-types.ts';

export const UPLOAD_STATUSES = ['queued', 'processing', 'done', 'failed'] as const;
const UPLOAD_KINDS = ['audio', 'transcript'];

/**
 * Files uploaded through the API, one row per distinct content: the same file (with the same
 * metadata file, if any) uploaded again finds its row instead of adding one.
 */
export function uploadsMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const type = columnTypes(dialect);
      await db.schema
        .createTable('uploads')
        .ifNotExists()
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('content_key', 'text', (column) => column.notNull().unique())
        .addColumn('sha256', 'text', (column) => column.notNull())
        .addColumn('file_name', 'text', (column) => column.notNull())
        .addColumn('kind', 'text', (column) => column.notNull().check(oneOf('kind', UPLOAD_KINDS)))
        .addColumn('size_bytes', dialect.isSqlite ? 'integer' : 'bigint', (column) => column.notNull())
        .addColumn('stored_path', 'text', (column) => column.notNull())
        .addColumn('sidecar_name', 'text')
        .addColumn('sidecar_sha256', 'text')
        .addColumn('uploaded_by', 'text')
        .addColumn('job_id', 'text')
        .addColumn('status', 'text', (column) => column.notNull().check(oneOf('status', UPLOAD_STATUSES)))
        .addColumn('result', type.json)
        .addColumn('error', 'text')
        .addColumn('created_at', type.timestamp, (column) => column.notNull())
        .addColumn('updated_at', type.timestamp, (column) => column.notNull())
        .addColumn('finished_at', type.timestamp)
        .execute();
      await db.schema.createIndex('uploads_sha256').ifNotExists().on('uploads').column('sha256').execute();
      await db.schema.createIndex('uploads_created').ifNotExists().on('uploads').columns(['created_at', 'id']).execute();
    },
  };
}
