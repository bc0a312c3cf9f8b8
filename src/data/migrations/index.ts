import type { Migration, MigrationProvider } from 'kysely';

import type { SqlDialect } from '../sql-dialect.ts';
import { initialMigration } from './0001-initial.ts';
import { accountsReviewsMigration } from './0100-accounts-reviews.ts';
import { reportRollupsMigration } from './0101-report-rollups.ts';
import { reportRollupIndexesMigration } from './0102-report-rollup-indexes.ts';
import { jobsMigration } from './0200-jobs.ts';
import { uploadsMigration } from './0201-uploads.ts';
import { callLogsOutcomesMigration } from './0300-call-logs-outcomes.ts';
import { callWorstFindingsMigration } from './0500-call-worst-findings.ts';
import { callAnalysisDetailsMigration } from './0501-call-analysis-details.ts';
import { alertDeliveriesMigration } from './0502-alert-deliveries.ts';
import { callOwnerIdIndexesMigration } from './0503-call-owner-id-indexes.ts';
import { callManagerScoreIndexMigration } from './0504-call-manager-score-index.ts';
import { callFailedCriteriaMigration } from './0505-call-failed-criteria.ts';
import { searchOwnerTokensMigration } from './0506-search-owner-tokens.ts';
import { searchNameReadingsMigration } from './0507-search-name-readings.ts';

/**
 * Every schema migration in order. Names sort as they run (`0001_…`, `0002_…`); a released migration is
 * never edited, a change is a new one.
 */
export function migrationProvider(dialect: SqlDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_initial': initialMigration(dialect),
    '0100_accounts_reviews': accountsReviewsMigration(dialect),
    '0101_report_rollups': reportRollupsMigration(dialect),
    '0102_report_rollup_indexes': reportRollupIndexesMigration(),
    '0200_jobs': jobsMigration(dialect),
    '0201_uploads': uploadsMigration(dialect),
    '0300_call_logs_outcomes': callLogsOutcomesMigration(dialect),
    '0500_call_worst_findings': callWorstFindingsMigration(dialect),
    '0501_call_analysis_details': callAnalysisDetailsMigration(dialect),
    '0502_alert_deliveries': alertDeliveriesMigration(dialect),
    '0503_call_owner_id_indexes': callOwnerIdIndexesMigration(dialect),
    '0504_call_manager_score_index': callManagerScoreIndexMigration(dialect),
    '0505_call_failed_criteria': callFailedCriteriaMigration(dialect),
    '0506_search_owner_tokens': searchOwnerTokensMigration(dialect),
    '0507_search_name_readings': searchNameReadingsMigration(),
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}
