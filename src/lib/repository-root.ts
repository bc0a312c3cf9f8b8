import path from 'node:path';

/** Root of the okk checkout, where `samples/`, `checklists/` and `web/dist/` live. */
export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..', '..');
