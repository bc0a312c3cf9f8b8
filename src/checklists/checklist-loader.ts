import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

import type { Checklist } from '../core/model/checklist.ts';
import { checklistSchema } from './checklist.schema.ts';

export type ChecklistResult = { ok: true; checklist: Checklist } | { ok: false; errors: string[] };

/** Path of the checklist okk ships and uses when none is configured. */
export const DEFAULT_CHECKLIST_PATH = path.resolve(import.meta.dirname, '..', '..', 'checklists', 'sales-default.json');

/**
 * Validates checklist data. Every problem is reported, each as a Russian sentence that starts with the
 * source's name and the field: «sales.json: поле criteria[2].weight: вес не может быть отрицательным».
 */
export function parseChecklist(data: unknown, source: string): ChecklistResult {
  const parsed = checklistSchema.safeParse(data);
  if (parsed.success) {
    return { ok: true, checklist: parsed.data };
  }
  return { ok: false, errors: parsed.error.issues.map((issue) => describeIssue(source, issue)) };
}

/** Reads and validates a checklist file; a missing file or broken JSON is reported the same way as a bad field. */
export async function loadChecklistFile(file: string): Promise<ChecklistResult> {
  const name = path.basename(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'файл не найден' : `файл не удалось прочитать (${(error as Error).message})`;
    return { ok: false, errors: [`${name}: ${reason}. Проверьте путь к чек-листу: ${file}`] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    return { ok: false, errors: [`${name}: файл не является корректным JSON (${(error as Error).message}). Исправьте синтаксис и загрузите файл снова.`] };
  }
  return parseChecklist(data, name);
}

/** Loads the checklist okk ships with. */
export async function loadDefaultChecklist(): Promise<Checklist> {
  const result = await loadChecklistFile(DEFAULT_CHECKLIST_PATH);
  if (!result.ok) {
    throw new Error(`The bundled checklist is invalid: ${result.errors.join('; ')}`);
  }
  return result.checklist;
}

function describeIssue(source: string, issue: z.core.$ZodIssue): string {
  const field = formatPath(issue.path);
  return field === '' ? `${source}: ${issue.message}` : `${source}: поле ${field}: ${issue.message}`;
}

/** `['criteria', 2, 'weight']` → `criteria[2].weight`. */
function formatPath(parts: readonly PropertyKey[]): string {
  return parts.reduce<string>((text, part) => {
    if (typeof part === 'number') {
      return `${text}[${part}]`;
    }
    return text === '' ? String(part) : `${text}.${String(part)}`;
  }, '');
}
