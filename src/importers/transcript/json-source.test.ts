import { describe, expect, it } from 'vitest';

import { parseJsonDocument } from './json-source.ts';

describe('parseJsonDocument', () => {
  it('parses a JSON document', () => {
    expect(parseJsonDocument('{"a": [1, 2]}', 'a.json')).toMatchObject({ ok: true, value: { a: [1, 2] }, lines: 'single' });
  });

  it('parses an NDJSON stream as an array', () => {
    expect(parseJsonDocument('{"a":1}\n\n{"a":2}\r\n', 'a.ndjson')).toMatchObject({ ok: true, value: [{ a: 1 }, { a: 2 }], lines: 'ndjson' });
  });

  it('reports the line and column of a syntax error', () => {
    const result = parseJsonDocument('[\n  {"id": 1, "dialog": "<out> да"},\n  {"id": 2 "dialog": "x"}\n]', 'calls.json');

    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_JSON' } });
    expect(result.ok || result.error.message).toContain('строке 3, столбце 12');
    expect(result.ok || result.error.message).toContain('«calls.json»');
  });

  it('keeps the complete records of a cut-off array', () => {
    const result = parseJsonDocument('[{"id": 1, "dialog": "<out> да"},\n {"id": 2, "dialog": "<in> ал', 'cut.json');

    expect(result).toMatchObject({ ok: true, value: [{ id: 1, dialog: '<out> да' }] });
    const warnings = result.ok ? result.warnings : [];
    expect(warnings.map((item) => item.code)).toEqual(['TRUNCATED_FILE']);
    expect(warnings[0]?.message).toContain('строке 2');
  });

  it('fails on a cut-off object with nothing complete', () => {
    const result = parseJsonDocument('{"segments": [{"start": 0, "text": "Добрый', 'cut.json');

    expect(result).toMatchObject({ ok: false, error: { code: 'TRUNCATED_JSON' } });
  });

  it('reports the broken line of an NDJSON stream', () => {
    const result = parseJsonDocument('{"a":1}\n{"a":\n{"a":3}', 'stream.ndjson');

    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_JSON' } });
    expect(result.ok || result.error.message).toContain('строка 2');
  });

  it('drops a cut-off last line of an NDJSON stream', () => {
    const result = parseJsonDocument('{"a":1}\n{"a":2}\n{"a":', 'stream.ndjson');

    expect(result).toMatchObject({ ok: true, value: [{ a: 1 }, { a: 2 }] });
    expect(result.ok && result.warnings.map((item) => item.code)).toEqual(['TRUNCATED_FILE']);
  });
});
