import { buildUrl } from '../../api/http-client.ts';
import type { QueryParams } from '../../api/http-client.ts';
import { toIsoDate } from '../../format/russian-format.ts';

/** The calls list's filters as they live in the page URL; dates are inclusive calendar days. */
export interface CallFilters {
  from: string | null;
  to: string | null;
  managerId: string[];
  teamId: string[];
  direction: 'inbound' | 'outbound' | null;
  scoreMin: number | null;
  scoreMax: number | null;
  findingKind: string[];
  failedCriterion: string[];
  q: string;
  sort: 'startedAt' | 'score' | 'duration' | 'manager';
  order: 'asc' | 'desc';
  limit: number;
}

const SORTS = ['startedAt', 'score', 'duration', 'manager'] as const;
const LIMITS = [25, 50, 100] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

function score(value: string | null): number | null {
  if (value === null || value === '') {
    return null;
  }
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 && number <= 100 ? number : null;
}

function date(value: string | null): string | null {
  if (value === null || !ISO_DATE.test(value)) {
    return null;
  }
  // A date like 2026-13-45 matches the pattern but rolls over in Date, so it is dropped as well.
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value ? value : null;
}

/** Reads filters from the URL, dropping values that are not valid so a hand-edited link still opens. */
export function readFilters(params: URLSearchParams): CallFilters {
  const sort = params.get('sort');
  const direction = params.get('direction');
  const limit = Number(params.get('limit'));
  return {
    from: date(params.get('from')),
    to: date(params.get('to')),
    managerId: params.getAll('managerId').filter((value) => /^\d+$/u.test(value)),
    teamId: params.getAll('teamId').filter((value) => /^\d+$/u.test(value)),
    direction: direction === 'inbound' || direction === 'outbound' ? direction : null,
    scoreMin: score(params.get('scoreMin')),
    scoreMax: score(params.get('scoreMax')),
    findingKind: params.getAll('findingKind'),
    failedCriterion: params.getAll('failedCriterion'),
    q: params.get('q') ?? '',
    sort: SORTS.find((value) => value === sort) ?? 'startedAt',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    limit: LIMITS.find((value) => value === limit) ?? 50,
  };
}

/** Writes filters back to URL parameters, leaving defaults out so links stay short. */
export function writeFilters(filters: CallFilters): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | number | null) => {
    if (value !== null && value !== '') {
      params.set(key, String(value));
    }
  };
  set('from', filters.from);
  set('to', filters.to);
  filters.managerId.forEach((id) => {
    params.append('managerId', id);
  });
  filters.teamId.forEach((id) => {
    params.append('teamId', id);
  });
  set('direction', filters.direction);
  set('scoreMin', filters.scoreMin);
  set('scoreMax', filters.scoreMax);
  filters.findingKind.forEach((kind) => {
    params.append('findingKind', kind);
  });
  filters.failedCriterion.forEach((id) => {
    params.append('failedCriterion', id);
  });
  set('q', filters.q.trim());
  if (filters.sort !== 'startedAt') {
    set('sort', filters.sort);
  }
  if (filters.order !== 'desc') {
    set('order', filters.order);
  }
  if (filters.limit !== 50) {
    set('limit', filters.limit);
  }
  return params;
}

function nextDay(isoDate: string): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  return toIsoDate(new Date(year, month - 1, day + 1));
}

/** The API query for a page: the inclusive end day becomes the API's exclusive `to`. */
export function toApiQuery(filters: CallFilters, cursor: string | null): QueryParams {
  return {
    from: filters.from ?? undefined,
    to: filters.to === null ? undefined : nextDay(filters.to),
    managerId: filters.managerId,
    teamId: filters.teamId,
    direction: filters.direction ?? undefined,
    scoreMin: filters.scoreMin ?? undefined,
    scoreMax: filters.scoreMax ?? undefined,
    findingKind: filters.findingKind,
    failedCriterion: filters.failedCriterion,
    q: filters.q.trim() === '' ? undefined : filters.q.trim(),
    sort: filters.sort,
    order: filters.order,
    limit: filters.limit,
    cursor: cursor ?? undefined,
  };
}

/** Export file formats of the calls list. */
export type CallExportKind = 'xlsx' | 'csv' | 'csv-cp1251';

/**
 * Builds the download link of the calls list with the page's filters and sort. It is a plain link, so
 * the browser sends the session cookie and saves the file itself.
 */
export function exportUrl(filters: CallFilters, kind: CallExportKind): string {
  const query: Record<string, QueryParams[string]> = { ...toApiQuery(filters, null) };
  delete query.limit;
  delete query.cursor;
  if (kind === 'xlsx') {
    return buildUrl('/calls/export.xlsx', query);
  }
  return buildUrl('/calls/export.csv', kind === 'csv-cp1251' ? { ...query, encoding: 'cp1251' } : query);
}

/** Number of filters set, for the «Сбросить» button. */
export function activeFilterCount(filters: CallFilters): number {
  return [
    filters.from !== null || filters.to !== null,
    filters.managerId.length > 0,
    filters.teamId.length > 0,
    filters.direction !== null,
    filters.scoreMin !== null || filters.scoreMax !== null,
    filters.findingKind.length > 0,
    filters.failedCriterion.length > 0,
    filters.q.trim() !== '',
  ].filter(Boolean).length;
}
