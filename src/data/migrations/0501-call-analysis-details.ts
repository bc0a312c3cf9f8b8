import type { Kysely, Migration } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';
import { columnTypes } from './column-types.ts';

/**
 * What a re-evaluation needs to repeat the analysis exactly: the call's details as the source and its
 * metadata file gave them (`CallInfo`; the manager and team columns hold normalised names and the
 * manager's latest supervisor), and the IANA time zone the call was analysed in. Calls stored before
 * this migration have neither and are rebuilt from the columns as before.
 */
export function callAnalysisDetailsMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('calls').addColumn('call_info', columnTypes(dialect).json).execute();
      await db.schema.alterTable('calls').addColumn('time_zone', 'text').execute();
    },
  };
}
