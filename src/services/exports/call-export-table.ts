import { FINDING_TITLES, SEVERITY_TITLES } from '../../core/model/finding-titles.ts';
import type { CallSummaryItem } from '../calls/call-query.service.ts';

/** One cell of an exported call row, before it is written as CSV text or an Excel value. */
export type ExportValue =
  | { type: 'text'; text: string }
  | { type: 'number'; value: number }
  /** A UTC instant, shown in the installation's time zone. */
  | { type: 'instant'; instant: string }
  /** A calendar date `YYYY-MM-DD`, for a call whose source gave no time of day. */
  | { type: 'date'; date: string }
  | { type: 'duration'; seconds: number }
  | { type: 'link'; url: string; text: string }
  | null;

export interface CallExportColumn {
  header: string;
  /** Column width in Excel's character units. */
  width: number;
  value: (call: CallSummaryItem) => ExportValue;
}

const DIRECTION_TITLES = { inbound: 'входящий', outbound: 'исходящий' } as const;

const text = (value: string | null | undefined): ExportValue => (value === null || value === undefined || value === '' ? null : { type: 'text', text: value });

const number = (value: number | null): ExportValue => (value === null ? null : { type: 'number', value });

/**
 * Lists the columns of a calls export, with Russian headers. The call link column is present only when
 * `publicUrl` (the address users open okk at) is known, because a path alone opens nothing from a file.
 */
export function callExportColumns(publicUrl: string | null): CallExportColumn[] {
  const columns: CallExportColumn[] = [
    { header: 'Дата и время', width: 17, value: startOf },
    { header: 'Менеджер', width: 26, value: (call) => text(call.manager?.name) },
    { header: 'Команда', width: 20, value: (call) => text(call.team?.name) },
    { header: 'Направление', width: 12, value: (call) => text(call.direction === null ? null : DIRECTION_TITLES[call.direction]) },
    { header: 'Длительность', width: 12, value: (call) => (call.durationSec === null ? null : { type: 'duration', seconds: call.durationSec }) },
    { header: 'Клиент', width: 22, value: (call) => text(call.client?.name) },
    { header: 'Телефон клиента', width: 16, value: (call) => text(call.client?.phone) },
    { header: 'Оценка', width: 8, value: (call) => number(call.score) },
    { header: 'Число находок', width: 9, value: (call) => number(call.findingCount) },
    { header: 'Главные находки', width: 70, value: (call) => text(describeWorstFindings(call)) },
    { header: 'Примечание', width: 22, value: (call) => text(noteOf(call)) },
    { header: 'Звонок', width: 26, value: (call) => text(call.id) },
    { header: 'Номер в источнике', width: 16, value: (call) => text(call.externalId) },
  ];
  if (publicUrl !== null) {
    const base = publicUrl.replace(/\/+$/u, '');
    columns.push({ header: 'Ссылка на звонок', width: 40, value: (call) => ({ type: 'link', url: `${base}/calls/${encodeURIComponent(call.id)}`, text: 'открыть звонок' }) });
  }
  return columns;
}

/** Returns the start as the source gave it: a bare date stays a date, and a time is shown in the installation's zone. */
function startOf(call: CallSummaryItem): ExportValue {
  if (call.startedAt !== null && /^\d{4}-\d{2}-\d{2}$/u.test(call.startedAt)) {
    return { type: 'date', date: call.startedAt };
  }
  return call.startedAtUtc === null ? null : { type: 'instant', instant: call.startedAtUtc };
}

/** Lists the call's worst findings, one a line: `Раздражение / грубость (критично): «…»`. */
export function describeWorstFindings(call: Pick<CallSummaryItem, 'worstFindings'>): string {
  return (call.worstFindings ?? []).map((finding) => `${FINDING_TITLES[finding.kind]} (${SEVERITY_TITLES[finding.severity]}): «${finding.quote}»`).join('\n');
}

function noteOf(call: CallSummaryItem): string | null {
  if (call.noSpeech === true) {
    return 'нет речи, не оценивался';
  }
  if (call.evaluatedAt === null) {
    return 'ещё не оценён';
  }
  return call.transcriptComplete === false ? 'расшифровка оборвана' : null;
}
