import { describe, expect, it } from 'vitest';

import { activeFilterCount, exportUrl, readFilters, toApiQuery, writeFilters } from './call-filters.ts';

describe('call filters in the URL', () => {
  it('round-trip through URL parameters', () => {
    const params = new URLSearchParams('from=2026-12-01&to=2026-12-03&managerId=2&managerId=5&direction=inbound&scoreMax=60&findingKind=irritation&q=перезвоню&sort=score&order=asc');
    const filters = readFilters(params);

    expect(writeFilters(filters).toString()).toBe(params.toString());
  });

  it('drop invalid values from a hand-edited link', () => {
    const filters = readFilters(new URLSearchParams('from=вчера&managerId=abc&scoreMin=150&sort=drop&limit=7'));

    expect(filters.from).toBeNull();
    expect(filters.managerId).toEqual([]);
    expect(filters.scoreMin).toBeNull();
    expect(filters.sort).toBe('startedAt');
    expect(filters.limit).toBe(50);
  });

  it('drop dates that do not exist', () => {
    const filters = readFilters(new URLSearchParams('from=2026-13-45&to=2026-02-30'));

    expect(filters.from).toBeNull();
    expect(filters.to).toBeNull();
    expect(readFilters(new URLSearchParams('from=2028-02-29')).from).toBe('2028-02-29');
  });

  it('leave defaults out of the URL', () => {
    expect(writeFilters(readFilters(new URLSearchParams())).toString()).toBe('');
  });

  it('send the end day as an exclusive bound', () => {
    const query = toApiQuery(readFilters(new URLSearchParams('from=2026-12-01&to=2026-12-31')), null);

    expect(query.from).toBe('2026-12-01');
    expect(query.to).toBe('2027-01-01');
  });

  it('carry the filters into the export links without paging', () => {
    const filters = readFilters(new URLSearchParams('to=2026-12-31&teamId=3&findingKind=irritation&q=счёт&sort=score&order=asc&limit=100'));

    expect(exportUrl(filters, 'xlsx')).toBe('/api/v1/calls/export.xlsx?to=2027-01-01&teamId=3&findingKind=irritation&q=%D1%81%D1%87%D1%91%D1%82&sort=score&order=asc');
    expect(exportUrl(filters, 'csv')).toBe('/api/v1/calls/export.csv?to=2027-01-01&teamId=3&findingKind=irritation&q=%D1%81%D1%87%D1%91%D1%82&sort=score&order=asc');
    expect(exportUrl(filters, 'csv-cp1251')).toMatch(/^\/api\/v1\/calls\/export\.csv\?.*&order=asc&encoding=cp1251$/u);
  });

  it('count set filters once per group', () => {
    expect(activeFilterCount(readFilters(new URLSearchParams('from=2026-12-01&to=2026-12-02&q=счёт')))).toBe(2);
  });
});
