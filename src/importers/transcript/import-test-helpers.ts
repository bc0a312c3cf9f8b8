import path from 'node:path';

import { expect } from 'vitest';

import type { Transcript } from '../../core/model/transcript.ts';
import type { ImportOptions, ImportOutcome } from './import-types.ts';
import { importTranscriptBytes, importTranscriptFile } from './transcript-import.ts';

/** Path of a file in this folder's `fixtures/`. */
export function fixturePath(name: string): string {
  return path.join(import.meta.dirname, 'fixtures', name);
}

/** Asserts that an import succeeded and returns it, narrowed. */
export function expectImported(outcome: ImportOutcome): Extract<ImportOutcome, { ok: true }> {
  if (!outcome.ok) {
    expect.fail(`import failed: ${outcome.error.code}: ${outcome.error.message}`);
  }
  return outcome;
}

/** Imports a file and returns its only transcript. */
export async function importSingle(filePath: string, options?: ImportOptions): Promise<Transcript> {
  const outcome = expectImported(await importTranscriptFile(filePath, options));
  expect(outcome.transcripts).toHaveLength(1);
  const [transcript] = outcome.transcripts;
  if (transcript === undefined) {
    expect.fail('no transcript');
  }
  return transcript;
}

/** Imports text (or a JSON value) given inline, as a file of that name would be. */
export async function importInline(content: string | object, fileName: string, options?: ImportOptions): Promise<ImportOutcome> {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  return importTranscriptBytes(new TextEncoder().encode(text), fileName, options);
}

export async function importInlineSingle(content: string | object, fileName: string, options?: ImportOptions): Promise<Transcript> {
  const outcome = expectImported(await importInline(content, fileName, options));
  const [transcript] = outcome.transcripts;
  if (transcript === undefined) {
    expect.fail('no transcript');
  }
  return transcript;
}
