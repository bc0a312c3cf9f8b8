import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { CRITERION_IDS } from '../core/model/checklist.ts';
import { DEFAULT_CHECKLIST_PATH, loadChecklistFile, parseChecklist } from './checklist-loader.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'okk-checklist-'));
const valid = JSON.parse(readFileSync(DEFAULT_CHECKLIST_PATH, 'utf8')) as Record<string, unknown>;

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

interface EditableChecklist {
  [field: string]: unknown;
  criteria: Record<string, unknown>[];
  findings: Record<string, unknown>[];
  forbiddenPhrases: unknown[];
  settings: Record<string, unknown>;
}

function withChange(change: (checklist: EditableChecklist) => void): unknown {
  const copy = structuredClone(valid) as EditableChecklist;
  change(copy);
  return copy;
}

function item(list: Record<string, unknown>[], index: number): Record<string, unknown> {
  const found = list[index];
  if (found === undefined) {
    throw new RangeError(`No item ${String(index)}`);
  }
  return found;
}

function errorsOf(data: unknown): string[] {
  const result = parseChecklist(data, 'sales.json');
  return result.ok ? [] : result.errors;
}

describe('default checklist', () => {
  it('loads and covers every criterion', async () => {
    const result = await loadChecklistFile(DEFAULT_CHECKLIST_PATH);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.checklist.criteria.map((criterion) => criterion.id)).toEqual([...CRITERION_IDS]);
      expect(result.checklist.version).toBeGreaterThan(0);
    }
  });
});

describe('checklist validation', () => {
  it.each([
    ['a negative weight', (c: EditableChecklist) => { item(c.criteria, 2).weight = -1; }, 'sales.json: поле criteria[2].weight: вес не может быть отрицательным'],
    ['an unknown criterion', (c: EditableChecklist) => { item(c.criteria, 0).id = 'greetings'; }, 'sales.json: поле criteria[0].id:'],
    ['a twice listed criterion', (c: EditableChecklist) => { item(c.criteria, 1).id = 'greeting'; }, 'sales.json: поле criteria[1].id: критерий «greeting» указан дважды'],
    ['an unknown severity', (c: EditableChecklist) => { item(c.findings, 0).severity = 'high'; }, 'sales.json: поле findings[0].severity:'],
    ['an unknown finding kind', (c: EditableChecklist) => { item(c.findings, 0).kind = 'rudeness'; }, 'sales.json: поле findings[0].kind:'],
    ['a cap above 100', (c: EditableChecklist) => { c.settings.criticalCap = 120; }, 'sales.json: поле settings.criticalCap: предел оценки — от 0 до 100'],
    ['a zero hold limit', (c: EditableChecklist) => { c.settings.longHoldSec = 0; }, 'sales.json: поле settings.longHoldSec: время должно быть больше нуля'],
    ['a missing version', (c: EditableChecklist) => { c.version = undefined; }, 'sales.json: поле version:'],
    ['a fractional version', (c: EditableChecklist) => { c.version = 1.5; }, 'sales.json: поле version: версия — целое число'],
    ['an empty phrase', (c: EditableChecklist) => { c.forbiddenPhrases.push('  '); }, `sales.json: поле forbiddenPhrases[${String((valid.forbiddenPhrases as unknown[]).length)}]: фраза не может быть пустой`],
    ['an empty choice in a phrase', (c: EditableChecklist) => { (item(c.criteria, 0).phrases as unknown[]).push('добрый||день'); }, 'в фразе есть пустой вариант'],
    ['an unknown field', (c: EditableChecklist) => { item(c.criteria, 0).weigth = 5; }, 'sales.json: поле criteria[0]:'],
    ['no enabled weight', (c: EditableChecklist) => { for (const criterion of c.criteria) { criterion.enabled = false; } }, 'sales.json: поле criteria: сумма весов включённых критериев должна быть больше нуля'],
    ['phrases that are not a list', (c: EditableChecklist) => { item(c.criteria, 0).phrases = 'здравствуйте'; }, 'sales.json: поле criteria[0].phrases:'],
  ])('rejects %s, naming the field', (_case, change, expected) => {
    const errors = errorsOf(withChange(change));
    expect(errors.some((error) => error.includes(expected))).toBe(true);
  });

  it.each(['(((', '!!!', '*', '+'])('rejects the wordless phrase %s', (value) => {
    const errors = errorsOf(withChange((c) => {
      (item(c.criteria, 0).phrases as unknown[]).push(value);
      (item(c.criteria, 0).stopPhrases as unknown[]).push(` ${value} `);
      c.forbiddenPhrases.push(value);
    }));
    const phrases = (valid.criteria as { phrases: unknown[]; stopPhrases: unknown[] }[])[0];
    const noWord = 'нет ни одной буквы или цифры, поэтому она не найдёт ни одного слова';

    expect(errors).toEqual([
      `sales.json: поле criteria[0].phrases[${String(phrases?.phrases.length)}]: критерий «Приветствие» (greeting): в фразе «${value}» ${noWord}`,
      `sales.json: поле criteria[0].stopPhrases[${String(phrases?.stopPhrases.length)}]: критерий «Приветствие» (greeting): в стоп-фразе «${value}» ${noWord}`,
      `sales.json: поле forbiddenPhrases[${String((valid.forbiddenPhrases as unknown[]).length)}]: в запрещённой фразе «${value}» ${noWord}`,
    ]);
  });

  it('checks phrases beside another invalid field', () => {
    const errors = errorsOf(withChange((c) => {
      item(c.criteria, 0).weight = -1;
      (item(c.criteria, 0).phrases as unknown[]).push('(((', 'а||б');
    }));

    expect(errors).toHaveLength(3);
    expect(errors.some((error) => error.includes('в фразе «(((» нет ни одной буквы'))).toBe(true);
  });

  it('keeps phrases with a word or a digit', () => {
    expect(errorsOf(withChange((c) => {
      (item(c.criteria, 0).phrases as unknown[]).push('24/7', 'всё,', 'спасиб*', '=да', '@анна');
    }))).toEqual([]);
  });

  it('reports a blank phrase once', () => {
    const errors = errorsOf(withChange((c) => { c.forbiddenPhrases.push(' '); }));
    expect(errors).toEqual([`sales.json: поле forbiddenPhrases[${String((valid.forbiddenPhrases as unknown[]).length)}]: фраза не может быть пустой`]);
  });

  it('reports every problem, not only the first', () => {
    const errors = errorsOf(withChange((c) => {
      item(c.criteria, 0).weight = -1;
      c.settings.criticalCap = -5;
    }));
    expect(errors).toHaveLength(2);
  });

  it('writes messages in Russian', () => {
    const [error] = errorsOf(withChange((c) => { c.title = 42; }));
    expect(error).toMatch(/^sales\.json: поле title: [А-Яа-яЁё]/u);
  });

  it('rejects a file that is not an object', () => {
    expect(errorsOf([1, 2, 3])).not.toEqual([]);
  });
});

describe('checklist file', () => {
  it('reports a missing file with its path', async () => {
    const result = await loadChecklistFile(path.join(folder, 'missing.json'));
    expect(result).toEqual({ ok: false, errors: [`missing.json: файл не найден. Проверьте путь к чек-листу: ${path.join(folder, 'missing.json')}`] });
  });

  it('reports broken JSON', async () => {
    const file = path.join(folder, 'broken.json');
    writeFileSync(file, '{ "id": "sales", ');
    const result = await loadChecklistFile(file);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors[0]).toMatch(/^broken\.json: файл не является корректным JSON/u);
  });

  it('reads a file with a byte order mark', async () => {
    const file = path.join(folder, 'bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(valid)}`);
    const result = await loadChecklistFile(file);
    expect(result.ok).toBe(true);
  });
});
