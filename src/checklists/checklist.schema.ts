import { CRITERION_IDS } from '../core/model/checklist.ts';
import { FINDING_KINDS } from '../core/model/evaluation.ts';
import { z } from '../lib/zod-russian.ts';

// A phrase in the checklist syntax: words separated by spaces, `а|б` choices, `=`, `@` and `*` marks.
// An empty phrase or an empty choice («а||б») would match nothing or everything, so both are rejected.
// Each check lets through a phrase an earlier check rejected, so a phrase gets one message. None of them
// aborts, because an aborted issue would also skip the criterion's check of its phrases below.
const phrase = z
  .string()
  .trim()
  .min(1, 'фраза не может быть пустой')
  .refine((value) => value === '' || !hasEmptyChoice(value), { error: 'в фразе есть пустой вариант: проверьте знаки «|», «=» и «@»' });

function hasEmptyChoice(value: string): boolean {
  return value.split(/\s+/u).some((part) => part.split('|').some((choice) => choice === '' || choice === '=' || choice === '@'));
}

/** True when a phrase has a letter or a digit. A phrase of marks alone («(((», «*», «+») matches no word. */
function hasWord(value: string): boolean {
  return /[\p{L}\p{N}]/u.test(value);
}

const NO_WORD = 'нет ни одной буквы или цифры, поэтому она не найдёт ни одного слова';

const criterion = z
  .strictObject({
    id: z.enum(CRITERION_IDS),
    title: z.string().trim().min(1, 'название критерия не может быть пустым'),
    description: z.string(),
    weight: z.number().min(0, 'вес не может быть отрицательным').max(1000, 'вес не может быть больше 1000'),
    critical: z.boolean(),
    enabled: z.boolean(),
    phrases: z.array(phrase),
    stopPhrases: z.array(phrase),
  })
  // Runs even when another field of the criterion is invalid, so every problem is reported at once.
  .superRefine(reportWordlessPhrases, { when: (payload) => typeof payload.value === 'object' && payload.value !== null });

/**
 * Reports each phrase and stop-phrase of a criterion that has no letter or digit, naming the criterion.
 * The criterion may be partly invalid here, so its fields are checked before use. A phrase that failed
 * its own checks already has a message and is skipped.
 */
function reportWordlessPhrases(entry: Partial<Record<'id' | 'title' | 'phrases' | 'stopPhrases', unknown>>, context: z.RefinementCtx): void {
  const lists = [
    { field: 'phrases', name: 'фразе', values: entry.phrases },
    { field: 'stopPhrases', name: 'стоп-фразе', values: entry.stopPhrases },
  ];
  const owner = typeof entry.title === 'string' && entry.title !== '' ? `критерий «${entry.title}» (${String(entry.id)})` : `критерий ${String(entry.id)}`;
  for (const { field, name, values } of lists) {
    if (!Array.isArray(values)) {
      continue;
    }
    values.forEach((value: unknown, index) => {
      if (typeof value === 'string' && value !== '' && !hasEmptyChoice(value) && !hasWord(value)) {
        context.addIssue({ code: 'custom', path: [field, index], message: `${owner}: в ${name} «${value}» ${NO_WORD}` });
      }
    });
  }
}

const forbiddenPhrase = phrase.refine((value) => value === '' || hasEmptyChoice(value) || hasWord(value), {
  error: (issue) => `в запрещённой фразе «${String(issue.input)}» ${NO_WORD}`,
});

const finding = z.strictObject({
  kind: z.enum(FINDING_KINDS),
  enabled: z.boolean(),
  severity: z.enum(['critical', 'major', 'minor']),
});

const settings = z.strictObject({
  longHoldSec: z.number().positive('время должно быть больше нуля'),
  minWordsPerMinute: z.number().min(0, 'значение не может быть отрицательным'),
  criticalCap: z.number().min(0, 'предел оценки — от 0 до 100').max(100, 'предел оценки — от 0 до 100'),
});

/** Schema of a checklist file; it mirrors `Checklist` from the core model and adds the cross-field rules. */
export const checklistSchema = z
  .strictObject({
    // No `u` flag: the pattern is ASCII, and the API's OpenAPI document would copy a flag into it.
    id: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]*$/, 'идентификатор — латинские буквы в нижнем регистре, цифры, «-» и «_»'),
    version: z.number().int('версия — целое число').positive('версия — целое число больше нуля'),
    title: z.string().trim().min(1, 'название чек-листа не может быть пустым'),
    criteria: z.array(criterion).min(1, 'в чек-листе должен быть хотя бы один критерий'),
    findings: z.array(finding),
    forbiddenPhrases: z.array(forbiddenPhrase),
    settings,
  })
  .superRefine((checklist, context) => {
    const seenCriteria = new Set<string>();
    checklist.criteria.forEach((entry, index) => {
      if (seenCriteria.has(entry.id)) {
        context.addIssue({ code: 'custom', path: ['criteria', index, 'id'], message: `критерий «${entry.id}» указан дважды` });
      }
      seenCriteria.add(entry.id);
    });
    const seenKinds = new Set<string>();
    checklist.findings.forEach((entry, index) => {
      if (seenKinds.has(entry.kind)) {
        context.addIssue({ code: 'custom', path: ['findings', index, 'kind'], message: `вид находки «${entry.kind}» указан дважды` });
      }
      seenKinds.add(entry.kind);
    });
    const enabledWeight = checklist.criteria.filter((entry) => entry.enabled).reduce((sum, entry) => sum + entry.weight, 0);
    if (enabledWeight <= 0) {
      context.addIssue({ code: 'custom', path: ['criteria'], message: 'сумма весов включённых критериев должна быть больше нуля' });
    }
  });
