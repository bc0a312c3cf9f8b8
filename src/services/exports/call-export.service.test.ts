import { PassThrough, Writable } from 'node:stream';

import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SYSTEM_VIEWER } from '../accounts/access.ts';
import type { SeededApi } from '../../server/testing/api-harness.ts';
import { seedApi, TEST_TIME_ZONE } from '../../server/testing/api-harness.ts';
import { CallExportService } from './call-export.service.ts';
import { ExportAbortedError } from './output-stream.ts';

function csvRows(text: string): string[][] {
  return parse(text, { delimiter: ';', bom: true });
}

/** Collects what an export writes. */
function collector(): { output: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { output, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('CallExportService', () => {
  let api: SeededApi;

  beforeAll(async () => {
    api = await seedApi('sqlite');
  });

  afterAll(async () => {
    await api.cleanup();
  });

  const service = (options: { maxRows?: number; pageSize?: number; publicUrl?: string | null } = {}) =>
    new CallExportService({ calls: api.services.calls, timeZone: TEST_TIME_ZONE, publicUrl: options.publicUrl ?? null, ...options });

  it('reads page after page until the list ends', async () => {
    const { output, text } = collector();
    const prepared = await service({ pageSize: 2 }).prepare(SYSTEM_VIEWER, { sort: 'score', order: 'asc' });
    const rows = await prepared.write({ kind: 'csv', encoding: 'utf-8' }, output);
    const ids = csvRows(text()).slice(1).map((row) => row[11]);

    expect(prepared.total).toBe(api.evaluations.length);
    expect(rows).toBe(api.evaluations.length);
    expect(new Set(ids).size).toBe(api.evaluations.length);
  });

  it('rejects more calls than the limit before writing', async () => {
    const rejected = service({ maxRows: 3 }).prepare(SYSTEM_VIEWER, { sort: 'startedAt', order: 'desc' });

    await expect(rejected).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Под фильтры попадает больше 3 звонков: столько в одну выгрузку не помещается. Сократите период или добавьте фильтры и выгрузите звонки частями.',
    });
  });

  it('accepts exactly as many calls as the limit', async () => {
    const prepared = await service({ maxRows: api.evaluations.length }).prepare(SYSTEM_VIEWER, { sort: 'startedAt', order: 'desc' });

    expect(prepared.total).toBe(api.evaluations.length);
  });

  it('links each call when the public address is known', async () => {
    const { output, text } = collector();
    const prepared = await service({ publicUrl: 'https://okk.example.ru/' }).prepare(SYSTEM_VIEWER, { sort: 'startedAt', order: 'desc' });
    await prepared.write({ kind: 'csv', encoding: 'utf-8' }, output);
    const [header, first] = csvRows(text());

    expect(header?.at(-1)).toBe('Ссылка на звонок');
    expect(first?.at(-1)).toBe(`https://okk.example.ru/calls/${first?.[11] ?? ''}`);
  });

  it.each(['csv', 'xlsx'] as const)('stops a %s export when the reader goes away', async (kind) => {
    const output = new PassThrough({ highWaterMark: 64 });
    const prepared = await service({ pageSize: 1 }).prepare(SYSTEM_VIEWER, { sort: 'startedAt', order: 'desc' });
    output.once('data', () => {
      output.destroy();
    });
    const written = prepared.write(kind === 'csv' ? { kind, encoding: 'utf-8' } : { kind }, output);

    await expect(written).rejects.toBeInstanceOf(ExportAbortedError);
  });
});
