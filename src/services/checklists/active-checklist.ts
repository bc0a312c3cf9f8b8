import { isDeepStrictEqual } from 'node:util';

import { loadChecklistFile, DEFAULT_CHECKLIST_PATH } from '../../checklists/checklist-loader.ts';
import type { Checklist } from '../../core/model/checklist.ts';
import type { Database } from '../../data/index.ts';
import { AppError } from '../../lib/app-error.ts';

/**
 * Picks the checklist calls are evaluated with. A file given by the user is used as is, and stored as
 * a new version unless the latest stored version is the same. Without a file, the latest stored
 * version wins (it may have been edited in the web app); the shipped default is stored on first use.
 */
export async function resolveActiveChecklist(database: Database | null, file: string | null): Promise<Checklist> {
  if (file === null && database !== null) {
    const shipped = await readChecklist(DEFAULT_CHECKLIST_PATH);
    const stored = await database.checklists.getLatest(shipped.id);
    if (stored !== undefined) {
      return stored;
    }
    return await database.checklists.saveFirstVersion(shipped);
  }

  const checklist = await readChecklist(file ?? DEFAULT_CHECKLIST_PATH);
  if (database === null) {
    return checklist;
  }
  const stored = await database.checklists.getLatest(checklist.id);
  if (stored !== undefined && isDeepStrictEqual({ ...stored, version: 0 }, { ...checklist, version: 0 })) {
    return stored;
  }
  return await database.checklists.saveChecklist(checklist);
}

async function readChecklist(file: string): Promise<Checklist> {
  const result = await loadChecklistFile(file);
  if (!result.ok) {
    throw new AppError('CONFIG_INVALID', `Чек-лист не загружен:\n${result.errors.join('\n')}`);
  }
  return result.checklist;
}
