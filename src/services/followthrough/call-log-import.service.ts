import path from 'node:path';

import type { CallLogRecordToSave, Database, StoredCallLogRecord } from '../../data/index.ts';
import { type CallLogFormat, type CallLogRecord, importCallLogFile } from '../../importers/call-log/index.ts';
import type { RowRejection } from '../../importers/shared/table.ts';
import { isAppError } from '../../lib/app-error.ts';
import type { Logger } from '../../lib/logger.ts';
import { tieCallsToClients } from './call-clients.ts';
import { linkRecordsToCalls } from './call-linking.ts';
import type { FollowThroughSettings } from './follow-through-config.ts';

export interface CallLogImportSettings {
  followThrough: FollowThroughSettings;
  /** Zone of times written without an offset. */
  timeZone: string;
  format?: CallLogFormat;
  companyNumbers?: readonly string[];
}

export type CallLogFileOutcome =
  | {
      file: string;
      ok: true;
      format: CallLogFormat;
      encoding: string;
      /** Rows read as calls. */
      read: number;
      /** Rows that were further legs of a call already read (the same call id), merged into it. */
      merged: number;
      inserted: number;
      updated: number;
      rejected: RowRejection[];
      warnings: string[];
    }
  | { file: string; ok: false; message: string };

export interface LinkSummary {
  /** Records newly linked to analysed calls, by how. */
  linked: { external_id: number; recording: number; time: number };
  /** Analysed calls newly tied to a client. */
  callsWithClient: number;
  /** Answered records with a recording that no analysed call matches. */
  unanalysedRecordings: StoredCallLogRecord[];
}

/**
 * Reads call-log files and stores their records, one file at a time: a file that cannot be read is
 * reported and the others go on. Legs of one call (rows sharing the source's call id, as Asterisk
 * queues write them) become one record: the answered leg, else the first.
 */
export async function importCallLogFiles(database: Database, files: readonly string[], settings: CallLogImportSettings, logger: Logger): Promise<CallLogFileOutcome[]> {
  const outcomes: CallLogFileOutcome[] = [];
  for (const file of files) {
    try {
      const result = await importCallLogFile(file, {
        timeZone: settings.timeZone,
        ...(settings.format === undefined ? {} : { format: settings.format }),
        ...(settings.companyNumbers === undefined ? {} : { companyNumbers: settings.companyNumbers }),
      });
      const calls = mergeLegs(result.records);
      const items = calls.map((record) => toSave(record, path.basename(file), settings.followThrough));
      const saved = await database.callLogs.saveRecords(items);
      logger.info({ file, records: calls.length, inserted: saved.inserted, updated: saved.updated, rejected: result.rejected.length }, 'call log imported');
      outcomes.push({
        file,
        ok: true,
        format: result.format,
        encoding: result.encoding,
        read: result.records.length,
        merged: result.records.length - calls.length,
        inserted: saved.inserted,
        updated: saved.updated,
        rejected: result.rejected,
        warnings: result.warnings,
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      logger.info({ file, err: error }, 'call log not imported');
      outcomes.push({ file, ok: false, message: error.message });
    }
  }
  return outcomes;
}

/**
 * Links stored records to analysed calls, ties analysed calls to clients (by their own phone, else by
 * their record's), and lists answered recordings that okk has not analysed. Safe to run again: links
 * already made stay, and nothing new is found the second time.
 */
export async function linkCallLogs(database: Database, settings: FollowThroughSettings): Promise<LinkSummary> {
  const linked = { external_id: 0, recording: 0, time: 0 };
  const unlinked = await database.callLogs.listUnlinked();
  if (unlinked.length > 0) {
    const tolerance = settings.linkToleranceSec * 1000;
    const from = new Date(Date.parse(unlinked[0]?.startedAt ?? '') - tolerance).toISOString();
    const to = new Date(Date.parse(unlinked.at(-1)?.startedAt ?? '') + tolerance + 1).toISOString();
    const externalIds = unlinked.flatMap((record) => record.externalId ?? []);
    const candidates = await database.callLogs.listLinkCandidates({ from, to }, externalIds);
    const links = linkRecordsToCalls(unlinked, candidates, { toleranceSec: settings.linkToleranceSec });
    await database.callLogs.setLinks(links);
    for (const link of links) linked[link.method] += 1;
  }
  const callsWithClient = await tieCallsToClients(database);
  return { linked, callsWithClient, unanalysedRecordings: await database.callLogs.listUnanalysedRecordings() };
}

function mergeLegs(records: readonly CallLogRecord[]): CallLogRecord[] {
  const groups = new Map<string, CallLogRecord[]>();
  const merged: (CallLogRecord | string)[] = [];
  for (const record of records) {
    const id = record.externalId?.trim();
    if (id === undefined || id === '') {
      merged.push(record);
      continue;
    }
    const group = groups.get(id);
    if (group === undefined) {
      groups.set(id, [record]);
      merged.push(id);
    } else {
      group.push(record);
    }
  }
  return merged.map((entry) => (typeof entry === 'string' ? representativeLeg(groups.get(entry) ?? []) : entry)).filter((record) => record !== undefined);
}

function representativeLeg(legs: readonly CallLogRecord[]): CallLogRecord | undefined {
  const answered = legs.filter((leg) => leg.answered).sort((a, b) => (b.talkSec ?? 0) - (a.talkSec ?? 0));
  return answered[0] ?? legs[0];
}

function toSave(record: CallLogRecord, fileName: string, settings: FollowThroughSettings): CallLogRecordToSave {
  const extension = record.managerExtension ?? (record.manager !== null && /^\d+$/.test(record.manager.trim()) ? record.manager.trim() : null);
  return {
    record,
    fileName,
    managerName: managerNameOf(record, extension, settings.extensions),
    queueTeam: extension === null ? null : (settings.queues[extension] ?? null),
  };
}

/** Returns the record's own name, else the name its extension (or numeric CRM user id) maps to in the settings. */
function managerNameOf(record: CallLogRecord, extension: string | null, extensions: Readonly<Record<string, string>>): string | null {
  const name = record.manager?.trim() ?? '';
  if (name !== '' && !/^\d+$/.test(name)) return name;
  return extension === null ? null : (extensions[extension] ?? null);
}
