import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Root of the repository, resolved from this file so tests work from any working folder. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/** Path of a file in the shared test corpus, which sits beside the repository (`../shared/corpus`). */
export function corpusPath(...parts: string[]): string {
  return path.join(REPO_ROOT, '..', 'shared', 'corpus', ...parts);
}

/** Text of a file in the shared test corpus, for tests of the pure core, which may not import `node:fs` itself. */
export function readCorpusText(...parts: string[]): string {
  return readFileSync(corpusPath(...parts), 'utf8');
}
