import type { Database, SaveOutcomesResult } from '../../data/index.ts';
import { importDealsFile, importNpsFile, type OutcomeImportResult } from '../../importers/outcomes/index.ts';
import type { RowRejection } from '../../importers/shared/table.ts';
import { isAppError } from '../../lib/app-error.ts';
import type { Logger } from '../../lib/logger.ts';
import { importCrmEventsFile } from './crm-events.importer.ts';

export type OutcomeKind = 'nps' | 'deals' | 'events';

export type OutcomeFileOutcome =
  | { file: string; ok: true; read: number; inserted: number; updated: number; rejected: RowRejection[]; warnings: string[]; encoding: string }
  | { file: string; ok: false; message: string };

/**
 * Reads NPS answers, deals or CRM events from files and stores them, one file at a time; a file that
 * cannot be read is reported and the others go on. Clients are found or created by phone and CRM id.
 */
export async function importOutcomeFiles(database: Database, kind: OutcomeKind, files: readonly string[], timeZone: string, logger: Logger): Promise<OutcomeFileOutcome[]> {
  const outcomes: OutcomeFileOutcome[] = [];
  for (const file of files) {
    try {
      const { result, saved } = await importOne(database, kind, file, timeZone);
      logger.info({ file, kind, records: result.records.length, inserted: saved.inserted, updated: saved.updated, rejected: result.rejected.length }, 'outcomes imported');
      outcomes.push({ file, ok: true, read: result.records.length, ...saved, rejected: result.rejected, warnings: result.warnings, encoding: result.encoding });
    } catch (error) {
      if (!isAppError(error)) throw error;
      logger.info({ file, kind, err: error }, 'outcomes not imported');
      outcomes.push({ file, ok: false, message: error.message });
    }
  }
  return outcomes;
}

async function importOne(database: Database, kind: OutcomeKind, file: string, timeZone: string): Promise<{ result: OutcomeImportResult<unknown>; saved: SaveOutcomesResult }> {
  const name = file.split(/[\\/]/u).at(-1) ?? file;
  switch (kind) {
    case 'nps': {
      const result = await importNpsFile(file, { timeZone });
      return { result, saved: await database.outcomes.saveNpsAnswers(result.records, name) };
    }
    case 'deals': {
      const result = await importDealsFile(file, { timeZone });
      return { result, saved: await database.outcomes.saveDeals(result.records, name) };
    }
    case 'events': {
      const result = await importCrmEventsFile(file, { timeZone });
      return { result, saved: await database.outcomes.saveCrmEvents(result.records, name) };
    }
  }
}
