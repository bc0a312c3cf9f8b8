import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { importCallLogFile } from './call-log.importer.ts';

const fixture = (name: string): string => path.join(import.meta.dirname, 'fixtures', name);

describe('amoCRM call list completeness', () => {
  it.each(['amocrm-calls.csv', 'amocrm-calls-bom.csv', 'amocrm-calls-api.csv'])('%s warns about calls of unknown numbers', async (file) => {
    const result = await importCallLogFile(fixture(file));

    expect(result.format).toBe('amocrm');
    expect(result.warnings.filter((warning) => warning.includes('нет среди контактов'))).toHaveLength(1);
    expect(result.warnings.some((warning) => warning.includes('журнала АТС'))).toBe(true);
  });

  it('keeps every row, with or without a known client', async () => {
    const result = await importCallLogFile(fixture('amocrm-calls.csv'));

    expect(result.records.map((record) => record.clientPhone)).toEqual(['+79161234567', '+79037654321', '+74952223344', '+79265554433']);
    expect(result.rejected).toEqual([]);
  });

  it.each(['asterisk-master.csv', 'mango-stats.csv', 'bitrix24-calls.csv'])('%s has no such warning', async (file) => {
    const result = await importCallLogFile(fixture(file));

    expect(result.warnings.some((warning) => warning.includes('amoCRM'))).toBe(false);
  });
});
