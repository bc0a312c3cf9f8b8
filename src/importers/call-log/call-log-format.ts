import { findHeaderRow, normalizeHeader } from '../shared/header-columns.ts';
import { isBlankRow, type TableRow } from '../shared/table.ts';
import { COMMON_CALL_LOG_ALIASES, type CallLogColumn } from './call-log-columns.ts';
import { CALL_LOG_PROFILES, type CallLogProfile, GENERIC_PROFILE, type HeaderlessLayout } from './call-log-profiles.ts';
import type { CallLogFormat } from './call-log-record.ts';

/** Mapping of a file's rows onto call log columns. */
export interface CallLogLayout {
  profile: CallLogProfile;
  columns: Partial<Record<CallLogColumn, number>>;
  columnNames: Partial<Record<CallLogColumn, string>>;
  /** Index of the first data row in the table's rows. */
  firstDataRow: number;
  /** Header cells that matched no column, as written. */
  unknownColumns: string[];
}

/** Rows checked against a headerless layout; most of them must fit. */
const SHAPE_SAMPLE_ROWS = 20;

/**
 * Recognises the layout of a call log: a headerless PBX file by the shape of its rows, a file with a
 * header by the columns it names. `format` forces one system's layout. Returns null when the rows do not
 * look like a call log: no time column, or no phone column.
 */
export function detectCallLogLayout(rows: readonly TableRow[], format?: CallLogFormat): CallLogLayout | null {
  const profiles = format === undefined ? CALL_LOG_PROFILES : CALL_LOG_PROFILES.filter((profile) => profile.format === format);
  for (const profile of profiles) {
    for (const layout of profile.headerless ?? []) {
      if (fitsShape(rows, layout)) return headerlessLayout(profile, layout);
    }
  }

  let best: { layout: CallLogLayout; score: number } | null = null;
  for (const profile of profiles) {
    const header = findHeaderRow(rows, [COMMON_CALL_LOG_ALIASES, profile.aliases]);
    if (header === null || !isCallLog(header.columns)) continue;
    const headerCells = new Set((rows[header.index]?.cells ?? []).map(normalizeHeader));
    const signature = profile.signature.filter((name) => headerCells.has(normalizeHeader(name))).length;
    // A system's own headers decide; the number of known columns breaks ties between layouts.
    const score = signature * 100 + Object.keys(header.columns).length;
    // A system's layout needs at least one of its own headers, also when forced; any table can be read as generic.
    const vendorWithoutSignature = profile !== GENERIC_PROFILE && signature === 0;
    if (vendorWithoutSignature || (best !== null && score <= best.score)) continue;
    best = {
      score,
      layout: {
        profile,
        columns: header.columns,
        columnNames: namesOf(header.columns, rows[header.index]?.cells ?? []),
        firstDataRow: header.index + 1,
        unknownColumns: header.unknown,
      },
    };
  }
  return best?.layout ?? null;
}

function fitsShape(rows: readonly TableRow[], layout: HeaderlessLayout): boolean {
  const sample: TableRow[] = [];
  for (const row of rows) {
    if (sample.length === SHAPE_SAMPLE_ROWS) break;
    if (!isBlankRow(row)) sample.push(row);
  }
  if (sample.length === 0) return false;
  const fitting = sample.filter((row) => layout.matches(row.cells)).length;
  // Broken rows are reported one by one later; the file only has to be mostly this layout.
  return fitting >= Math.ceil(sample.length / 2);
}

function headerlessLayout(profile: CallLogProfile, layout: HeaderlessLayout): CallLogLayout {
  const columns: Partial<Record<CallLogColumn, number>> = {};
  const columnNames: Partial<Record<CallLogColumn, string>> = {};
  layout.columns.forEach((column, index) => {
    if (column !== null) {
      columns[column] = index;
      columnNames[column] = layout.fields[index] ?? column;
    }
  });
  return { profile, columns, columnNames, firstDataRow: 0, unknownColumns: [] };
}

/** Checks for the columns every call log has: a start time and at least one side of the call. */
function isCallLog(columns: Partial<Record<CallLogColumn, number>>): boolean {
  const hasTime = columns.startedAt !== undefined || columns.date !== undefined;
  const hasParty = [columns.clientPhone, columns.from, columns.to, columns.callerId].some((index) => index !== undefined);
  return hasTime && hasParty;
}

function namesOf(columns: Partial<Record<CallLogColumn, number>>, header: readonly string[]): Partial<Record<CallLogColumn, string>> {
  const names: Partial<Record<CallLogColumn, string>> = {};
  for (const [column, index] of Object.entries(columns) as [CallLogColumn, number][]) {
    names[column] = (header[index] ?? column).trim();
  }
  return names;
}
